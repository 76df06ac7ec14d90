package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// selectionState is a wave's selection columns plus its close, read
// together so every rule is decided on one row.
type selectionState struct {
	prakerja.WaveSelection
	ClosesAt time.Time
}

// CommitSelection stores the commitment on a wave, once, before its
// close by now. The row is locked first (FOR UPDATE on PostgreSQL), so
// of two concurrent commits exactly one wins. Returns CodeInvalid,
// CodeNotFound, CodeWaveClosed or CodeConflict.
func (s *Store) CommitSelection(ctx context.Context, waveID int64, commitment string, now time.Time) error {
	if !isDigest(commitment) {
		return prakerja.Errorf(prakerja.CodeInvalid, "A commitment is %d lowercase hex digits.", prakerja.SelectionDigestLen)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := s.selectionStateOn(ctx, tx, s.selq().selectionStateLocked, waveID)
		if err != nil {
			return err
		}
		switch {
		case st.Commitment != "":
			return prakerja.Errorf(prakerja.CodeConflict, "Wave %d already has a commitment; it cannot change.", waveID)
		case !now.Before(st.ClosesAt):
			return prakerja.Errorf(prakerja.CodeWaveClosed, "Wave %d closed at %s; a commitment must come before the close.",
				waveID, st.ClosesAt.In(prakerja.WIB).Format(waveTimeLayout))
		}
		if _, err = tx.ExecContext(ctx, s.selq().commit, commitment, now.UnixMicro(), waveID); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, now, prakerja.AuditActorOf(ctx), prakerja.AuditSelectionCommitted,
			auditSubject("wave", waveID), map[string]any{"commitment": commitment})
	})
	if err != nil {
		return fmt.Errorf("commit selection of wave %d: %w", waveID, err)
	}
	return nil
}

// WaveSelection returns a wave's selection state. Returns CodeNotFound.
func (s *Store) WaveSelection(ctx context.Context, waveID int64) (*prakerja.WaveSelection, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	st, err := s.selectionStateOn(ctx, s.reader, s.selq().selectionState, waveID)
	if err != nil {
		return nil, err
	}
	return &st.WaveSelection, nil
}

// selectionStateOn reads a wave's selection columns with query (plain or
// locking) through a pool or a transaction.
func (s *Store) selectionStateOn(ctx context.Context, db rowQuerier, query string, waveID int64) (*selectionState, error) {
	var (
		st                         selectionState
		closes                     int64
		commitment, seed, snap, mf sql.NullString
		committed, selected        sql.NullInt64
	)
	err := db.QueryRowContext(ctx, query, waveID).Scan(&st.WaveID, &closes, &commitment, &committed, &seed,
		&snap, &mf, &selected)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "Wave %d not found.", waveID)
	}
	if err != nil {
		return nil, fmt.Errorf("wave %d selection: %w", waveID, err)
	}
	st.ClosesAt, st.CommittedAt, st.SelectedAt = timeOf(closes), fromMicros(committed), fromMicros(selected)
	st.Commitment, st.Seed = commitment.String, seed.String
	st.SnapshotSHA256, st.ManifestSHA256 = snap.String, mf.String
	return &st, nil
}

// isDigest reports whether s is a SHA-256 (or a seed) as 64 lowercase hex
// digits, the only form the selection files use.
func isDigest(s string) bool {
	if len(s) != prakerja.SelectionDigestLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
