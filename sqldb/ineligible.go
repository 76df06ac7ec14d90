package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

const (
	// sqlReasonsForUpdate reads what a review changes; the dialect locks
	// the row on PostgreSQL so a concurrent step result waits for it.
	sqlReasonsForUpdate = `SELECT status, reasons, status_changed_at FROM registrations WHERE id = ?`
	// sqlMakeIneligible also drops any claim, so a worker still holding
	// the registration cannot overwrite the reviewer's decision.
	sqlMakeIneligible = `UPDATE registrations SET status = ?, reasons = ?, status_changed_at = ?,
	claim_token = NULL, claim_until = NULL, retry_at = NULL, updated_at = ? WHERE id = ?`
)

// makeIneligible moves registration id to ineligible with code added to
// its reasons, as a reviewer's decision does. The status change time and
// throughput count move only if the status changed. Returns CodeNotFound.
func (s *Store) makeIneligible(ctx context.Context, tx *sql.Tx, id int64, code string, now time.Time) error {
	var status, stored string
	var changed int64
	err := tx.QueryRowContext(ctx, s.q.reasonsForUpdate, id).Scan(&status, &stored, &changed)
	if errors.Is(err, sql.ErrNoRows) {
		return prakerja.Errorf(prakerja.CodeNotFound, "Registration %d not found.", id)
	}
	if err != nil {
		return fmt.Errorf("read registration: %w", err)
	}
	reasons, err := decodeReasons(stored)
	if err != nil {
		return err
	}
	e := entered{}
	if status != string(prakerja.StatusIneligible) {
		changed = now.UnixMicro()
		e.add(now, string(prakerja.StatusIneligible), 1)
	}
	_, err = tx.ExecContext(ctx, s.q.makeIneligible, string(prakerja.StatusIneligible),
		encodeReasons(withReason(reasons, code)), changed, now.UnixMicro(), id)
	if err != nil {
		return fmt.Errorf("make registration ineligible: %w", err)
	}
	return e.write(ctx, tx, s.q)
}

// validateReview checks who decided and why.
func validateReview(fe *fieldErrors, reviewer, note string) {
	if reviewer == "" || len(reviewer) > prakerja.ReviewerMax {
		fe.add("reviewer", prakerja.CodeBadFormat, "The reviewer has 1 to %d bytes.", prakerja.ReviewerMax)
	}
	if len(note) > prakerja.NoteMax {
		fe.add("note", prakerja.CodeTooLong, "The note is over %d bytes.", prakerja.NoteMax)
	}
}
