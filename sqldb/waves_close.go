package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

const sqlCloseWave = `UPDATE waves SET closes_at = ? WHERE id = ? AND closes_at > ?`

// CloseWaveEarly implements prakerja.WaveStore. The wave's row is locked
// with its selection state, so a join or a commitment racing the close is
// decided against one closing instant.
func (s *Store) CloseWaveEarly(ctx context.Context, waveID int64, now time.Time) (*prakerja.Wave, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	now = utcMicro(now)
	var closed *prakerja.Wave
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := s.selectionStateOn(ctx, tx, s.selq().selectionStateLocked, waveID)
		if err != nil {
			return err
		}
		w, err := s.waveOn(ctx, tx, waveID)
		if err != nil {
			return err
		}
		if err := mayCloseEarly(w, st.Commitment, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.wq().closeWave, now.UnixMicro(), waveID, now.UnixMicro()); err != nil {
			return err
		}
		was := w.ClosesAt
		w.ClosesAt, closed = now, w
		return s.auditTx(ctx, tx, now, prakerja.AuditActorOf(ctx), prakerja.AuditWaveClosedEarly, auditSubject("wave", waveID),
			map[string]any{"was": was.UTC().Format(time.RFC3339), "closes_at": now.Format(time.RFC3339Nano)})
	})
	if err != nil {
		return nil, fmt.Errorf("close wave %d early: %w", waveID, err)
	}
	return closed, nil
}

// mayCloseEarly holds the rules of an early close: the wave is open now,
// and its selection seed is already committed (a commitment can only be
// made before the close, so closing first would leave the draw without
// one).
func mayCloseEarly(w *prakerja.Wave, commitment string, now time.Time) error {
	switch {
	case !now.After(w.OpensAt):
		return prakerja.Errorf(prakerja.CodeWaveNotOpen, "Wave %d opens at %s; only an open wave can be closed early.",
			w.ID, w.OpensAt.In(prakerja.WIB).Format(waveTimeLayout))
	case !now.Before(w.ClosesAt):
		return prakerja.Errorf(prakerja.CodeWaveClosed, "Wave %d already closed at %s.",
			w.ID, w.ClosesAt.In(prakerja.WIB).Format(waveTimeLayout))
	case commitment == "":
		return prakerja.Errorf(prakerja.CodeConflict,
			"Wave %d has no selection commitment yet; commit the seed (prakerja selection commit) before closing it.", w.ID)
	}
	return nil
}
