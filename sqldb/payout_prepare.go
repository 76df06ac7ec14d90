package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// A run is created "preparing" and becomes "prepared" only when its
// reservations are all made: a prepare killed between its page-sized
// transactions leaves a run nobody can approve, and the next prepare
// resumes it (a partial unique index keeps one preparing run at most).
const (
	sqlInsertRun = `INSERT INTO payout_runs (state, cutoff, file_items_max, prepared_by, created_at)
	VALUES ('preparing', ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`
	sqlPreparingRun = `SELECT ` + runColumns + ` FROM payout_runs WHERE state = 'preparing'`
	sqlFinishRun    = `UPDATE payout_runs SET state = 'prepared', finished_by = ?,
	payments = (SELECT count(*) FROM payments WHERE run_id = ?),
	total = (SELECT COALESCE(sum(amount), 0) FROM payments WHERE run_id = ?) WHERE id = ? AND state = 'preparing'`
)

// CreatePayoutRun implements prakerja.PayoutStore. The insert yields to
// an existing preparing run, which is returned instead: two operators
// preparing at once, or one after a crash, share one run.
func (s *Store) CreatePayoutRun(ctx context.Context, r *prakerja.PayoutRun) (bool, error) {
	if r.FileItemsMax < 1 || r.FileItemsMax > prakerja.PayoutFileItemsMax {
		return false, prakerja.Errorf(prakerja.CodeInvalid, "A file holds 1 to %d payments.", prakerja.PayoutFileItemsMax)
	}
	if r.PreparedBy == "" || len(r.PreparedBy) > prakerja.PayoutOperatorMax {
		return false, prakerja.Errorf(prakerja.CodeInvalid, "A run needs the preparing operator's name (at most %d bytes).", prakerja.PayoutOperatorMax)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	resumed := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.rb(sqlInsertRun), r.Cutoff.UnixMicro(), r.FileItemsMax, r.PreparedBy,
			r.CreatedAt.UnixMicro()).Scan(&r.ID)
		if err != sql.ErrNoRows {
			return err
		}
		old, err := scanRun(tx.QueryRowContext(ctx, s.rb(sqlPreparingRun)))
		if err != nil {
			return fmt.Errorf("find the preparing run: %w", err)
		}
		*r, resumed = *old, true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("create payout run: %w", err)
	}
	r.State = prakerja.PayoutRunPreparing
	return resumed, nil
}

// FinishRun implements prakerja.PayoutStore.
func (s *Store) FinishRun(ctx context.Context, runID int64, finishedBy string, now time.Time) (*prakerja.PayoutRun, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if err := s.inTx(ctx, func(tx *sql.Tx) error {
		n, err := execCount(ctx, tx, s.rb(sqlFinishRun), finishedBy, runID, runID, runID)
		if err != nil {
			return err
		}
		r, err := scanRun(tx.QueryRowContext(ctx, s.rb(sqlRun), runID))
		if err != nil {
			return notFound(err, "No such payout run.")
		}
		if n != 1 {
			return prakerja.Errorf(prakerja.CodePayoutRunState, "Run %d is %s, not being prepared.", runID, r.State)
		}
		resumedBy := ""
		if finishedBy != r.PreparedBy {
			resumedBy = finishedBy
		}
		return s.appendAuditTx(ctx, tx, &prakerja.AuditEntry{At: now, Actor: r.PreparedBy,
			Action: prakerja.AuditPayoutPrepared, Subject: runSubject(runID),
			Detail: fmt.Sprintf(`{"payments":%d,"total":%d,"cutoff":%q,"resumed_by":%q}`, r.Payments, r.Total,
				r.Cutoff.Format(time.RFC3339), resumedBy)})
	}); err != nil {
		return nil, fmt.Errorf("finish payout run %d: %w", runID, err)
	}
	return s.PayoutRun(ctx, runID)
}
