package storetest

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// testCommitSelection: a commitment is stored once, before the close only.
func testCommitSelection(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	w := mustWave(t, s, NewWave("Gelombang komit"))
	_, c1 := SelectionSeed(1)
	_, c2 := SelectionSeed(2)
	WantCode(t, s.CommitSelection(ctx, w.ID, "ABC", T0), prakerja.CodeInvalid)
	WantCode(t, s.CommitSelection(ctx, w.ID+1, c1, T0), prakerja.CodeNotFound)
	WantCode(t, s.CommitSelection(ctx, w.ID, c1, WaveCloses), prakerja.CodeWaveClosed)
	must(t, s.CommitSelection(ctx, w.ID, c1, WaveCloses.Add(-1e3)))
	WantCode(t, s.CommitSelection(ctx, w.ID, c2, T0), prakerja.CodeConflict)
	WantCode(t, s.CommitSelection(ctx, w.ID, c1, T0), prakerja.CodeConflict)
	st, err := s.WaveSelection(ctx, w.ID)
	must(t, err)
	want := prakerja.WaveSelection{WaveID: w.ID, Commitment: c1, CommittedAt: WaveCloses.Add(-1e3).UTC()}
	diff(t, "selection state", *st, want)
	_, err = s.WaveSelection(ctx, w.ID+1)
	WantCode(t, err, prakerja.CodeNotFound)
}

// testSelectionApplicants streams every join with its registration's
// facts, and the outcome once the draw is recorded.
func testSelectionApplicants(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	w, ids := committedWave(t, s, 3, 3)
	var got []prakerja.SelectionApplicant
	collect := func(a *prakerja.SelectionApplicant) error { got = append(got, *a); return nil }
	must(t, s.SelectionApplicants(ctx, w.ID, collect))
	if len(got) != 3 {
		t.Fatalf("%d applicants, want 3", len(got))
	}
	for i, a := range got {
		reg, err := s.Registration(ctx, ids[i])
		must(t, err)
		want := prakerja.SelectionApplicant{RegistrationID: ids[i], Region: "31", Status: prakerja.StatusEligible,
			NIKIndex: reg.NIK.Index, KKIndex: reg.KK.Index, Phone: prakerja.Sealed{Ciphertext: reg.Phone.Ciphertext}}
		diff(t, "applicant", a, want)
	}
	_, err := s.RecordSelection(ctx, selectionRecord(w, 3, ids, ids[:1], "m"), SeqCards{}, AfterClose)
	must(t, err)
	got = nil
	must(t, s.SelectionApplicants(ctx, w.ID, collect))
	if got[0].Status != prakerja.StatusSelected || got[0].Outcome != prakerja.OutcomeSelected ||
		got[1].Status != prakerja.StatusEligible || got[1].Outcome != prakerja.OutcomeNotSelected {
		t.Fatalf("after the draw: %+v", got[:2])
	}
	WantCode(t, s.SelectionApplicants(ctx, w.ID+1, collect), prakerja.CodeNotFound)
}

// testRecordSelection records a draw: outcomes, statuses, cards and
// messages in one go; the same draw again is a no-op, another is refused.
func testRecordSelection(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	w, ids := committedWave(t, s, 4, 4)
	winners := []int64{ids[2], ids[0]}
	rec := selectionRecord(w, 4, ids, winners, "m1")
	_, err := s.RecordSelection(ctx, rec, SeqCards{}, WaveCloses.Add(-1e3))
	WantCode(t, err, prakerja.CodeConflict) // before the close
	created, err := s.RecordSelection(ctx, rec, SeqCards{}, AfterClose)
	must(t, err)
	if !created {
		t.Fatal("first record not created")
	}
	for i, id := range winners {
		p, err := s.Participant(ctx, id)
		must(t, err)
		number, va, _ := SeqCards{}.Issue(int64(i))
		diff(t, "participant", *p, prakerja.Participant{RegistrationID: id, WaveID: w.ID, CardSeq: int64(i),
			CardNumber: number, VANumber: va, CreatedAt: AfterClose.UTC()})
		reg, err := s.Registration(ctx, id)
		must(t, err)
		if reg.Status != prakerja.StatusSelected {
			t.Fatalf("winner status %s", reg.Status)
		}
	}
	if _, err := s.Participant(ctx, ids[1]); prakerja.ErrorCode(err) != prakerja.CodeNotFound {
		t.Fatalf("loser has a card: %v", err)
	}
	wantAnnounced(t, s, 2, 2)
	st, err := s.WaveSelection(ctx, w.ID)
	must(t, err)
	if st.Seed != rec.Seed || st.ManifestSHA256 != rec.ManifestSHA256 || !st.SelectedAt.Equal(AfterClose) {
		t.Fatalf("selection state %+v", st)
	}
	created, err = s.RecordSelection(ctx, rec, SeqCards{}, AfterClose.Add(1e9))
	must(t, err)
	if created {
		t.Fatal("identical rerun recorded again")
	}
	wantAnnounced(t, s, 2, 2)
	_, err = s.RecordSelection(ctx, selectionRecord(w, 4, ids, ids[1:2], "m2"), SeqCards{}, AfterClose)
	WantCode(t, err, prakerja.CodeConflict)
	winner, err := s.Registration(ctx, ids[0])
	must(t, err)
	kk, err := s.KKParticipants(ctx, [][]byte{winner.KK.Index})
	must(t, err)
	diff(t, "participants of the winner's KK", kk, map[string]int{string(winner.KK.Index): 1})
}

// wantAnnounced checks the count of each announcement.
func wantAnnounced(tb testing.TB, s prakerja.Store, selected, notSelected int) {
	tb.Helper()
	if got := countMessages(tb, s, "selection_selected"); got != selected {
		tb.Fatalf("%d selected messages, want %d", got, selected)
	}
	if got := countMessages(tb, s, "selection_not_selected"); got != notSelected {
		tb.Fatalf("%d not-selected messages, want %d", got, notSelected)
	}
}

// testRecordSelectionRefused: every refusal leaves the wave undrawn, with
// no card and no message.
func testRecordSelectionRefused(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	w, ids := committedWave(t, s, 5, 3)
	_, err := s.Rerun(ctx, prakerja.RerunFilter{Step: prakerja.StepEligibility, IDs: ids[1:2]}, T0)
	must(t, err)
	badSeed := selectionRecord(w, 5, ids, ids[:1], "m")
	badSeed.Seed, _ = SelectionSeed(6)
	tests := []struct {
		name  string
		rec   *prakerja.SelectionRecord
		cards prakerja.CardIssuer
		want  prakerja.Code
	}{
		{"ErrSeedMismatch", badSeed, SeqCards{}, prakerja.CodeConflict},
		{"ErrNoLongerEligible", selectionRecord(w, 5, ids, ids[:2], "m"), SeqCards{}, prakerja.CodeConflict},
		{"ErrNotJoined", selectionRecord(w, 5, ids, []int64{ids[0], 1 << 40}, "m"), SeqCards{}, prakerja.CodeInvalid},
		{"ErrTwice", selectionRecord(w, 5, ids, []int64{ids[0], ids[0]}, "m"), SeqCards{}, prakerja.CodeInvalid},
		{"ErrDigest", &prakerja.SelectionRecord{WaveID: w.ID, Seed: "x"}, SeqCards{}, prakerja.CodeInvalid},
		{"ErrSameCard", selectionRecord(w, 5, ids, []int64{ids[0], ids[2]}, "m"), sameCards{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.RecordSelection(ctx, tt.rec, tt.cards, AfterClose)
			if tt.want == "" && err == nil {
				t.Fatal("duplicate card numbers were recorded")
			} else if tt.want != "" {
				WantCode(t, err, tt.want)
			}
			wantNotDrawn(t, s, w, ids)
		})
	}
	other := mustWave(t, s, NewWave("Tanpa komitmen"))
	_, err = s.RecordSelection(ctx, selectionRecord(other, 5, nil, nil, "m"), SeqCards{}, AfterClose)
	WantCode(t, err, prakerja.CodeConflict)
}

// testRecordSelectionBatches records more messages than one multi-row
// statement holds, so a full batch and a short one both run.
func testRecordSelectionBatches(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	w, ids := committedWave(t, s, 7, 1)
	rec := selectionRecord(w, 7, ids, nil, "m")
	const n = sqldbBatch + 3
	for len(rec.Messages) < n {
		rec.Messages = append(rec.Messages, rec.Messages[0])
	}
	_, err := s.RecordSelection(ctx, rec, SeqCards{}, AfterClose)
	must(t, err)
	msgs, err := s.Messages(ctx, prakerja.MessageFilter{RegistrationID: ids[0], Template: "selection_not_selected",
		Limit: prakerja.MessagesPageMax})
	must(t, err)
	if want := min(n, prakerja.MessagesPageMax); len(msgs) != want {
		t.Fatalf("%d messages listed, want %d", len(msgs), want)
	}
}

// sqldbBatch is sqldb.SelectionBatchMax, restated because the suite
// tests the contract, not one implementation; a smaller batch there only
// makes this test cover more batches.
const sqldbBatch = 1000
