package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// AfterClose is an instant after the wave fixtures close, when a draw may
// be recorded.
var AfterClose = WaveCloses.Add(time.Hour)

// SelectionSeed returns a seed (64 hex digits) and its commitment for n.
func SelectionSeed(n int) (seed, commitment string) {
	s := sha256.Sum256(fmt.Appendf(nil, "seed:%d", n))
	c := sha256.Sum256(s[:])
	return hex.EncodeToString(s[:]), hex.EncodeToString(c[:])
}

// digest is a fake artefact digest for what.
func digest(what string) string {
	sum := sha256.Sum256([]byte(what))
	return hex.EncodeToString(sum[:])
}

// SeqCards numbers cards from the sequence alone: 16 digits with the
// sequence at the end, and a 16-digit virtual account likewise. It stands
// in for package card, which the root contract does not know.
type SeqCards struct{}

// Issue returns the card and account numbers of seq.
func (SeqCards) Issue(seq int64) (string, string, error) {
	return fmt.Sprintf("5176%012d", seq), fmt.Sprintf("988%013d", seq), nil
}

// sameCards gives every participant the same numbers: a numbering bug the
// database's unique constraints must stop.
type sameCards struct{}

func (sameCards) Issue(int64) (string, string, error) {
	return "5176900000000001", "9880000000000001", nil
}

// committedWave stores a wave fixture with a commitment to seed n, joined
// by joiners registrants, and returns it with the joiners' IDs.
func committedWave(tb testing.TB, s prakerja.Store, n, joiners int) (*prakerja.Wave, []int64) {
	tb.Helper()
	ctx := context.Background()
	w := mustWave(tb, s, NewWave(fmt.Sprintf("Gelombang %d", n)))
	ids := make([]int64, joiners)
	for i := range ids {
		rec := mustJoiner(tb, s, "31.71.01")
		_, _, err := s.JoinWave(ctx, w.ID, rec.ID, T0)
		must(tb, err)
		ids[i] = rec.ID
	}
	_, commitment := SelectionSeed(n)
	must(tb, s.CommitSelection(ctx, w.ID, commitment, T0))
	return w, ids
}

// selectionRecord is a draw of wave w with seed n selecting winners, one
// SMS to each joiner.
func selectionRecord(w *prakerja.Wave, n int, joiners, winners []int64, manifest string) *prakerja.SelectionRecord {
	seed, _ := SelectionSeed(n)
	rec := &prakerja.SelectionRecord{WaveID: w.ID, Seed: seed, SnapshotSHA256: digest("snapshot"),
		ManifestSHA256: digest(manifest), Selected: winners}
	won := map[int64]bool{}
	for _, id := range winners {
		won[id] = true
	}
	for _, id := range joiners {
		tmpl := "selection_not_selected"
		if won[id] {
			tmpl = "selection_selected"
		}
		rec.Messages = append(rec.Messages, prakerja.Message{RegistrationID: id, Channel: prakerja.ChannelSMS,
			Template: tmpl, Locale: "id", Recipient: Sealed("phone", id), Params: []byte("v1:params"),
			NextAttemptAt: AfterClose, CreatedAt: AfterClose})
	}
	return rec
}

// countMessages counts a template's messages.
func countMessages(tb testing.TB, s prakerja.Store, template string) int {
	tb.Helper()
	msgs, err := s.Messages(context.Background(), prakerja.MessageFilter{Template: template, Limit: prakerja.MessagesPageMax})
	must(tb, err)
	return len(msgs)
}

// wantNotDrawn fails unless wave w has no recorded draw and no cards.
func wantNotDrawn(tb testing.TB, s prakerja.Store, w *prakerja.Wave, ids []int64) {
	tb.Helper()
	ctx := context.Background()
	st, err := s.WaveSelection(ctx, w.ID)
	must(tb, err)
	if !st.SelectedAt.IsZero() || st.Seed != "" {
		tb.Fatalf("wave drawn after a refused record: %+v", st)
	}
	for _, id := range ids {
		if _, err := s.Participant(ctx, id); prakerja.ErrorCode(err) != prakerja.CodeNotFound {
			tb.Fatalf("participant %d after a refused record: %v", id, err)
		}
	}
	if n := countMessages(tb, s, "selection_selected") + countMessages(tb, s, "selection_not_selected"); n != 0 {
		tb.Fatalf("%d announcements after a refused record", n)
	}
}
