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
	sqlBeginResultFile = `INSERT INTO result_files (kind, msg_id, sha256, items, outcome, ingested_at)
	VALUES (?, ?, ?, ?, '', ?) ON CONFLICT (sha256) DO NOTHING RETURNING id`
	sqlResultFileByHash = `SELECT id, outcome FROM result_files WHERE sha256 = ?`
	sqlFinishResultFile = `UPDATE result_files SET outcome = ? WHERE id = ?`
	// The payments of a batch are updated a few hundred per statement,
	// grouped by their new state and reason: one statement per line made
	// ingesting a 168,111-line month take over a minute.
	sqlResolvePayments = `UPDATE payments SET state = ?, reason = ?, resolved_at = COALESCE(resolved_at, ?),
	answer_file_id = ? WHERE id IN (`
	sqlSettlePayments   = `UPDATE payments SET settled_at = ?, statement_file_id = ? WHERE settled_at IS NULL AND id IN (`
	sqlBookFile         = `UPDATE result_files SET booked = booked + ? WHERE id = ?`
	paymentUpdateChunk  = 500
	sqlInsertLinesHead  = `INSERT INTO payment_results (result_file_id, payment_id, instr_id, status, reason, amount, outcome) VALUES `
	lineInsertCols      = 7
	sqlResultExceptions = `SELECT id, result_file_id, COALESCE(payment_id, 0), instr_id, status, reason, amount, outcome
	FROM payment_results WHERE outcome IN ('conflict', 'unknown', 'mismatched') ORDER BY id DESC LIMIT ?`
	sqlInsertReport = `INSERT INTO reconcile_reports (created_at, clean, report) VALUES (?, ?, ?) RETURNING id`
)

// BeginResultFile implements prakerja.PayoutStore.
func (s *Store) BeginResultFile(ctx context.Context, f *prakerja.ResultFile, now time.Time) (bool, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	duplicate := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.rb(sqlBeginResultFile), f.Kind, f.MsgID, f.SHA256, f.Items, now.UnixMicro()).Scan(&f.ID)
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var outcome string
		if err := tx.QueryRowContext(ctx, s.rb(sqlResultFileByHash), f.SHA256).Scan(&f.ID, &outcome); err != nil {
			return err
		}
		duplicate = outcome != ""
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("begin result file %s: %w", f.MsgID, err)
	}
	f.Ingested = utcMicro(now)
	return duplicate, nil
}

// FinishResultFile implements prakerja.PayoutStore.
func (s *Store) FinishResultFile(ctx context.Context, fileID int64, outcome []byte, now time.Time) error {
	if len(outcome) == 0 {
		outcome = []byte("{}")
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.execOne(ctx, tx, s.rb(sqlFinishResultFile), "finish result file", string(outcome), fileID); err != nil {
			return err
		}
		return s.appendAuditTx(ctx, tx, &prakerja.AuditEntry{At: now, Actor: "system", Action: prakerja.AuditPayoutIngested,
			Subject: fmt.Sprintf("result_file:%d", fileID), Detail: string(outcome)})
	})
}

// ApplyResults implements prakerja.PayoutStore. The transfers are decided
// one chain at a time, so a reservation resolved otherwise before (a void
// raced by a late "accepted") refuses only its own line, which is kept as
// a conflict for the exception queue. The settlements of a statement's
// lines are summed into one transfer per clearing account (payout_settle.go);
// if the batch cannot settle every payment it names exactly once (another
// file settled or resolved one meanwhile), nothing of it is kept and a
// CodeConflict error asks the caller to decide the batch again.
func (s *Store) ApplyResults(ctx context.Context, fileID int64, actions []prakerja.ResultAction, now time.Time) (*prakerja.IngestOutcome, error) {
	if len(actions) > prakerja.PaymentResultsBatchMax {
		return nil, prakerja.Errorf(prakerja.CodeTooLarge, "At most %d answers per call.", prakerja.PaymentResultsBatchMax)
	}
	plan, err := planBatch(fileID, actions)
	if err != nil {
		return nil, err
	}
	out := &prakerja.IngestOutcome{}
	record := func(ctx context.Context, tx *sql.Tx, results []prakerja.TransferResult) error {
		*out = prakerja.IngestOutcome{}
		lines := make([]prakerja.PaymentResultLine, 0, len(actions))
		updates := paymentUpdates{file: fileID, resolve: map[[2]string][]int64{}}
		for i := range actions {
			a := &actions[i]
			l := a.Line
			var err error
			if l.Outcome, err = plan.outcome(i, a, results); err != nil {
				return err
			}
			count(out, l.Outcome)
			if !updates.add(a, l.Outcome) {
				lines = append(lines, l) // decided nothing: kept as a line
			}
		}
		if err := s.applyUpdates(ctx, tx, &updates, now); err != nil {
			return err
		}
		return s.execRows(ctx, tx, sqlInsertLinesHead, lineInsertCols, len(lines), func(i int, args []any) ([]any, error) {
			l := &lines[i]
			return append(args, fileID, nullID(l.PaymentID), l.InstrID, l.Status, l.Reason, l.Amount, l.Outcome), nil
		})
	}
	if _, err := s.applyEach(ctx, plan.transfers, now, record); err != nil {
		return nil, fmt.Errorf("apply results of file %d: %w", fileID, err)
	}
	return out, nil
}

// outcome is action i's line outcome given the batch's results. A line
// that settles must have its own transfers (a post) and its share of the
// settlement created, or the batch is refused as a whole.
func (p *batchPlan) outcome(i int, a *prakerja.ResultAction, results []prakerja.TransferResult) (string, error) {
	own := make([]prakerja.TransferResult, len(p.own[i]))
	for j, at := range p.own[i] {
		own[j] = results[at]
	}
	sr, settles := p.settleResult(i, results)
	if !settles {
		return lineOutcome(a, own), nil
	}
	if sr != prakerja.ResultCreated || !allOK(own) {
		return "", prakerja.Errorf(prakerja.CodeConflict, "Payment %d changed while its statement was applied (%s).", a.Line.PaymentID, sr)
	}
	return a.Outcome, nil
}

// lineOutcome is a decided line's outcome given its transfers' results.
func lineOutcome(a *prakerja.ResultAction, results []prakerja.TransferResult) string {
	if len(results) == 0 {
		return a.Line.Outcome
	}
	created := false
	for _, r := range results {
		if !r.OK() {
			return prakerja.OutcomeConflict
		}
		created = created || r == prakerja.ResultCreated
	}
	if !created {
		return prakerja.OutcomeRepeated
	}
	return a.Outcome
}

// paymentUpdates collects what a batch's created transfers change in
// payments: new states (by state and reason), settlements, and the
// statement's booked total. The answer file is recorded on the payment.
type paymentUpdates struct {
	file    int64
	resolve map[[2]string][]int64
	settle  []int64
	booked  int64
}

// add notes the payment change of a line whose transfers were created,
// and reports whether the line decided its payment (and so needs no line
// of its own).
func (u *paymentUpdates) add(a *prakerja.ResultAction, outcome string) bool {
	if outcome != a.Outcome || len(a.Transfers) == 0 {
		return false
	}
	if a.State != "" {
		k := [2]string{string(a.State), a.Line.Reason}
		u.resolve[k] = append(u.resolve[k], a.Line.PaymentID)
	}
	if a.Settle {
		u.settle = append(u.settle, a.Line.PaymentID)
		u.booked += a.Line.Amount
	}
	return true
}

// applyUpdates writes the collected changes; every resolved payment must
// change, or the batch is undone.
func (s *Store) applyUpdates(ctx context.Context, tx *sql.Tx, u *paymentUpdates, now time.Time) error {
	for k, ids := range u.resolve {
		n, err := s.updateIn(ctx, tx, sqlResolvePayments, ids, k[0], k[1], now.UnixMicro(), u.file)
		if err != nil {
			return fmt.Errorf("resolve payments: %w", err)
		}
		if n != int64(len(ids)) {
			return fmt.Errorf("resolve payments: %d of %d changed", n, len(ids))
		}
	}
	n, err := s.updateIn(ctx, tx, sqlSettlePayments, u.settle, now.UnixMicro(), u.file)
	if err != nil {
		return fmt.Errorf("settle payments: %w", err)
	}
	if n != int64(len(u.settle)) { // another file settled one meanwhile: decide the batch again
		return prakerja.Errorf(prakerja.CodeConflict, "Settle payments: %d of %d changed.", n, len(u.settle))
	}
	if u.booked == 0 {
		return nil
	}
	return s.execOne(ctx, tx, s.rb(sqlBookFile), "book statement", u.booked, u.file)
}

// updateIn runs head (ending "id IN (") with args and then the ids, a
// chunk at a time, and returns the rows changed.
func (s *Store) updateIn(ctx context.Context, tx *sql.Tx, head string, ids []int64, args ...any) (int64, error) {
	var total int64
	for lo := 0; lo < len(ids); lo += paymentUpdateChunk {
		chunk := ids[lo:min(lo+paymentUpdateChunk, len(ids))]
		all := append(append(make([]any, 0, len(args)+len(chunk)), args...), anyIDs(chunk)...)
		n, err := execCount(ctx, tx, s.rb(head+placeholders(len(chunk))+")"), all...)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

func anyIDs(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

func count(o *prakerja.IngestOutcome, outcome string) {
	switch outcome {
	case prakerja.OutcomePosted:
		o.Posted++
	case prakerja.OutcomeVoided:
		o.Voided++
	case prakerja.OutcomeSettled:
		o.Settled++
	case prakerja.OutcomePending:
		o.Pending++
	case prakerja.OutcomeRepeated:
		o.Repeated++
	case prakerja.OutcomeConflict:
		o.Conflicts++
	case prakerja.OutcomeUnknown:
		o.Unknown++
	case prakerja.OutcomeMismatched:
		o.Mismatched++
	}
}

// ResultExceptions implements prakerja.PayoutStore.
func (s *Store) ResultExceptions(ctx context.Context, limit int) ([]prakerja.PaymentResultLine, error) {
	rows, err := s.readRows(ctx, s.rb(sqlResultExceptions), max(1, min(limit, prakerja.PaymentsPageMax)))
	if err != nil {
		return nil, fmt.Errorf("result exceptions: %w", err)
	}
	defer rows.Close()
	var out []prakerja.PaymentResultLine
	for rows.Next() {
		var l prakerja.PaymentResultLine
		if err := rows.Scan(&l.ID, &l.ResultFileID, &l.PaymentID, &l.InstrID, &l.Status, &l.Reason, &l.Amount, &l.Outcome); err != nil {
			return nil, fmt.Errorf("scan result line: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// SaveReconcileReport implements prakerja.PayoutStore.
func (s *Store) SaveReconcileReport(ctx context.Context, clean bool, report []byte, now time.Time) (int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, s.rb(sqlInsertReport), now.UnixMicro(), clean, string(report)).Scan(&id); err != nil {
			return err
		}
		return s.appendAuditTx(ctx, tx, &prakerja.AuditEntry{At: now, Actor: "system", Action: prakerja.AuditPayoutReconciled,
			Subject: fmt.Sprintf("reconcile_report:%d", id), Detail: fmt.Sprintf(`{"clean":%t}`, clean)})
	})
	if err != nil {
		return 0, fmt.Errorf("save reconcile report: %w", err)
	}
	return id, nil
}
