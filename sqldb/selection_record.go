package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// SelectionTxTimeout bounds the one transaction that records a draw when
// the caller gives no deadline: a national wave writes millions of rows
// (2 million joiners took 90 s on SQLite), far beyond the default
// per-query timeout, yet a stuck lock must still end.
const SelectionTxTimeout = 30 * time.Minute

// RecordSelection writes a draw in one transaction (see
// prakerja.SelectionStore). Recording the same manifest digest again is a
// no-op; anything else on a drawn wave is refused, so a published result
// never changes. Returns CodeInvalid, CodeNotFound or CodeConflict.
func (s *Store) RecordSelection(ctx context.Context, rec *prakerja.SelectionRecord, cards prakerja.CardIssuer, now time.Time) (bool, error) {
	if err := validateSelectionRecord(rec); err != nil {
		return false, err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, SelectionTxTimeout)
		defer cancel()
	}
	created := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := s.selectionStateOn(ctx, tx, s.selq().selectionStateLocked, rec.WaveID)
		if err != nil {
			return err
		}
		if done, err := drawnAlready(st, rec); done || err != nil {
			return err
		}
		if err := mayRecord(st, rec, now); err != nil {
			return err
		}
		created = true
		if err := s.recordTx(ctx, tx, rec, cards, now); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, now, prakerja.AuditActorOf(ctx), prakerja.AuditSelectionRecorded,
			auditSubject("wave", rec.WaveID), map[string]any{"seed": rec.Seed, "snapshot_sha256": rec.SnapshotSHA256,
				"manifest_sha256": rec.ManifestSHA256, "selected": len(rec.Selected), "announcements": len(rec.Messages)})
	})
	if err != nil {
		return false, fmt.Errorf("record selection of wave %d: %w", rec.WaveID, err)
	}
	return created, nil
}

// validateSelectionRecord checks what needs no database.
func validateSelectionRecord(rec *prakerja.SelectionRecord) error {
	switch {
	case rec == nil:
		return prakerja.Errorf(prakerja.CodeInvalid, "No selection given.")
	case !isDigest(rec.Seed) || !isDigest(rec.SnapshotSHA256) || !isDigest(rec.ManifestSHA256):
		return prakerja.Errorf(prakerja.CodeInvalid, "The seed and the digests are %d lowercase hex digits.", prakerja.SelectionDigestLen)
	case len(rec.Selected) > prakerja.SelectionJoinsMax || len(rec.Messages) > 2*prakerja.SelectionJoinsMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "At most %d joins per selection.", prakerja.SelectionJoinsMax)
	}
	for i := range rec.Messages {
		if rec.Messages[i].RegistrationID == 0 {
			return prakerja.Errorf(prakerja.CodeInvalid, "Message %d has no registration.", i)
		}
	}
	return nil
}

// drawnAlready reports a wave whose draw is recorded: the same
// publication again is done (nil error), another one is refused.
func drawnAlready(st *selectionState, rec *prakerja.SelectionRecord) (bool, error) {
	if st.SelectedAt.IsZero() {
		return false, nil
	}
	if st.ManifestSHA256 == rec.ManifestSHA256 && st.Seed == rec.Seed && st.SnapshotSHA256 == rec.SnapshotSHA256 {
		return true, nil
	}
	return true, prakerja.Errorf(prakerja.CodeConflict,
		"Wave %d was already drawn with manifest %s; a published result never changes.", st.WaveID, st.ManifestSHA256)
}

// mayRecord checks the commitment rules: committed before the close, now
// past the close, and the revealed seed hashing to the commitment.
func mayRecord(st *selectionState, rec *prakerja.SelectionRecord, now time.Time) error {
	if st.Commitment == "" {
		return prakerja.Errorf(prakerja.CodeConflict, "Wave %d has no commitment; it cannot be drawn.", st.WaveID)
	}
	if now.Before(st.ClosesAt) {
		return prakerja.Errorf(prakerja.CodeConflict, "Wave %d closes at %s; it is drawn after the close.",
			st.WaveID, st.ClosesAt.In(prakerja.WIB).Format(waveTimeLayout))
	}
	seed, err := hex.DecodeString(rec.Seed)
	if err != nil {
		return prakerja.Errorf(prakerja.CodeInvalid, "The seed is not hex.")
	}
	sum := sha256.Sum256(seed)
	if hex.EncodeToString(sum[:]) != st.Commitment {
		return prakerja.Errorf(prakerja.CodeConflict, "The seed does not match wave %d's commitment.", st.WaveID)
	}
	return nil
}

// recordTx is the body of a first recording: the wave, the outcomes, the
// winners' status and cards, the messages, then the throughput counter.
func (s *Store) recordTx(ctx context.Context, tx *sql.Tx, rec *prakerja.SelectionRecord, cards prakerja.CardIssuer, now time.Time) error {
	if _, err := tx.ExecContext(ctx, s.selq().markSelected, rec.Seed, rec.SnapshotSHA256, rec.ManifestSHA256,
		now.UnixMicro(), rec.WaveID); err != nil {
		return fmt.Errorf("mark wave: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.selq().markNotSelected, rec.WaveID); err != nil {
		return fmt.Errorf("outcomes: %w", err)
	}
	if err := s.markWinners(ctx, tx, rec, now); err != nil {
		return err
	}
	if err := s.issueCards(ctx, tx, rec, cards, now); err != nil {
		return err
	}
	if err := s.insertMessages(ctx, tx, rec.Messages); err != nil {
		return err
	}
	e := entered{}
	e.add(now, string(prakerja.StatusSelected), int64(len(rec.Selected)))
	return e.write(ctx, tx, s.q)
}
