package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

const (
	runColumns = `id, state, cutoff, file_items_max, prepared_by, approved_by, payments, total, files,
	created_at, approved_at, finished_by`
	sqlRun        = `SELECT ` + runColumns + ` FROM payout_runs WHERE id = ?`
	sqlRuns       = `SELECT ` + runColumns + ` FROM payout_runs ORDER BY id DESC LIMIT ?`
	sqlApproveRun = `UPDATE payout_runs SET state = 'approved', approved_by = ?, approved_at = ?
	WHERE id = ? AND state = 'prepared' AND prepared_by <> ? AND finished_by <> ?`
	sqlRefuseRun = `UPDATE payout_runs SET state = 'refused', approved_by = ?, approved_at = ?
	WHERE id = ? AND state = 'prepared' AND prepared_by <> ? AND finished_by <> ?`
	// sqlDueSlots finds unlocked slots without an open or paid attempt. A
	// rejected attempt blocks its slot until an account is verified after
	// the rejection: retrying to the account that failed would fail again.
	// A withdrawn registration (UU PDP) gets no new payment; its ledger
	// postings stay, as the law on state finances requires.
	sqlDueSlots = `SELECT t.seq, t.registration_id, t.code, t.user_data, t.amount,
	COALESCE((SELECT max(p.attempt) FROM payments p WHERE p.registration_id = t.registration_id
		AND p.kind = t.code AND p.slot = t.user_data), 0) + 1,
	COALESCE(a.id, 0), COALESCE(a.provider, '')
	FROM ledger_transfers t
	LEFT JOIN payout_accounts a ON a.registration_id = t.registration_id AND a.state = 'verified'
	WHERE t.code IN (7, 8) AND t.seq > ? AND t.created_at <= ?
	AND NOT EXISTS (SELECT 1 FROM registrations w WHERE w.id = t.registration_id AND w.withdrawn_at IS NOT NULL)
	AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.registration_id = t.registration_id
		AND p.kind = t.code AND p.slot = t.user_data
		AND (p.state IN ('reserved', 'sent', 'paid')
			OR (p.state = 'rejected' AND (a.verified_at IS NULL OR p.resolved_at >= a.verified_at))))
	ORDER BY t.seq LIMIT ?`
	sqlInsertPaymentsHead = `INSERT INTO payments (run_id, registration_id, kind, slot, attempt, amount, provider,
	payout_account_id, state, instr_id, pending_id, created_at) VALUES `
	paymentInsertCols = 12
	sqlInsertFile     = `INSERT INTO payout_files (run_id, provider, format, msg_id, name, items, total, sha256, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (msg_id) DO NOTHING RETURNING id`
	sqlSendPayments = `UPDATE payments SET file_id = ?, state = 'sent', sent_at = ?
	WHERE run_id = ? AND provider = ? AND state = 'reserved' AND id BETWEEN ? AND ?`
	sqlCountFile   = `UPDATE payout_runs SET files = files + 1 WHERE id = ? AND state = 'approved'`
	fileColumns    = `id, run_id, provider, format, msg_id, name, items, total, sha256, created_at`
	sqlPayoutFiles = `SELECT ` + fileColumns + ` FROM payout_files WHERE (? = 0 OR run_id = ?) ORDER BY id LIMIT 100000`
)

// DueSlots implements prakerja.PayoutStore.
func (s *Store) DueSlots(ctx context.Context, cutoff time.Time, afterSeq int64, limit int) ([]prakerja.DueSlot, error) {
	limit = max(1, min(limit, prakerja.LedgerBatchMax))
	rows, err := s.readRows(ctx, s.rb(sqlDueSlots), afterSeq, cutoff.UnixMicro(), limit)
	if err != nil {
		return nil, fmt.Errorf("due slots: %w", err)
	}
	defer rows.Close()
	out := make([]prakerja.DueSlot, 0, limit)
	for rows.Next() {
		var d prakerja.DueSlot
		if err := rows.Scan(&d.Seq, &d.RegistrationID, &d.Kind, &d.Slot, &d.Amount, &d.Attempt, &d.AccountID, &d.Provider); err != nil {
			return nil, fmt.Errorf("scan due slot: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// ReservePayments implements prakerja.PayoutStore: one ledger operation
// whose transfers are decided one by one (a participant whose balance was
// revoked is refused alone), with the accepted payments written in the
// same transaction.
func (s *Store) ReservePayments(ctx context.Context, runID int64, ps []*prakerja.Payment, now time.Time) (map[int]prakerja.TransferResult, error) {
	transfers := make([]prakerja.Transfer, len(ps))
	for i, p := range ps {
		p.RunID = runID
		prov, err := prakerja.PayoutProviderByCode(p.Provider)
		if err != nil {
			return nil, err
		}
		transfers[i] = prakerja.PayoutTransfer(p, prakerja.ClearingAccountID(prov))
	}
	refused := map[int]prakerja.TransferResult{}
	record := func(ctx context.Context, tx *sql.Tx, results []prakerja.TransferResult) error {
		ok := make([]*prakerja.Payment, 0, len(ps))
		for i, r := range results {
			if r.OK() {
				ok = append(ok, ps[i])
			} else {
				refused[i] = r
			}
		}
		return s.execRowsTail(ctx, tx, sqlInsertPaymentsHead, " ON CONFLICT DO NOTHING", paymentInsertCols, len(ok),
			func(i int, args []any) ([]any, error) {
				p := ok[i]
				return append(args, runID, p.RegistrationID, int(p.Kind), p.Slot, p.Attempt, p.Amount, p.Provider,
					p.PayoutAccountID, string(prakerja.PaymentReserved), p.InstrID(), p.PendingID[:], now.UnixMicro()), nil
			})
	}
	if _, err := s.applyEach(ctx, transfers, now, record); err != nil {
		return nil, fmt.Errorf("reserve payments: %w", err)
	}
	return refused, nil
}

// ApproveRun implements prakerja.PayoutStore.
func (s *Store) ApproveRun(ctx context.Context, runID int64, checker string, now time.Time) (*prakerja.PayoutRun, error) {
	if err := s.checkerMay(ctx, runID, checker); err != nil {
		return nil, err
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.execOne(ctx, tx, s.rb(sqlApproveRun), "approve run", checker, now.UnixMicro(), runID, checker, checker); err != nil {
			return err
		}
		return s.appendAuditTx(ctx, tx, &prakerja.AuditEntry{At: now, Actor: checker,
			Action: prakerja.AuditPayoutApproved, Subject: runSubject(runID), Detail: "{}"})
	}); err != nil {
		return nil, fmt.Errorf("approve payout run %d: %w", runID, err)
	}
	return s.PayoutRun(ctx, runID)
}

// checkerMay refuses the run's own maker and a run no longer prepared.
func (s *Store) checkerMay(ctx context.Context, runID int64, checker string) error {
	r, err := s.PayoutRun(ctx, runID)
	switch {
	case err != nil:
		return err
	case checker == "" || len(checker) > prakerja.PayoutOperatorMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "The approving operator's name is required (at most %d bytes).", prakerja.PayoutOperatorMax)
	case r.PreparedBy == checker, r.FinishedBy == checker:
		return prakerja.Errorf(prakerja.CodePayoutSameOperator, "Run %d was prepared by you; another operator must approve or refuse it.", runID)
	case r.State != prakerja.PayoutRunPrepared:
		return prakerja.Errorf(prakerja.CodePayoutRunState, "Run %d is %s, not waiting for approval.", runID, r.State)
	}
	return nil
}

// PayoutRun implements prakerja.PayoutStore.
func (s *Store) PayoutRun(ctx context.Context, id int64) (*prakerja.PayoutRun, error) {
	r, err := scanRun(s.readRow(ctx, s.rb(sqlRun), id))
	if err != nil {
		return nil, fmt.Errorf("payout run %d: %w", id, notFound(err, "No such payout run."))
	}
	return r, nil
}

// PayoutRuns implements prakerja.PayoutStore.
func (s *Store) PayoutRuns(ctx context.Context, limit int) ([]*prakerja.PayoutRun, error) {
	rows, err := s.readRows(ctx, s.rb(sqlRuns), max(1, min(limit, prakerja.PayoutRunsPageMax)))
	if err != nil {
		return nil, fmt.Errorf("payout runs: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.PayoutRun
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func scanRun(row scanner) (*prakerja.PayoutRun, error) {
	var r prakerja.PayoutRun
	var state string
	var cutoff, created int64
	var approved sql.NullInt64
	if err := row.Scan(&r.ID, &state, &cutoff, &r.FileItemsMax, &r.PreparedBy, &r.ApprovedBy, &r.Payments,
		&r.Total, &r.Files, &created, &approved, &r.FinishedBy); err != nil {
		return nil, err
	}
	r.State, r.Cutoff, r.CreatedAt, r.ApprovedAt = prakerja.PayoutRunState(state), timeOf(cutoff), timeOf(created), fromMicros(approved)
	return &r, nil
}

// AddPayoutFile implements prakerja.PayoutStore. A file recorded before
// (same message id: a resumed run rewrote it) changes nothing.
func (s *Store) AddPayoutFile(ctx context.Context, f *prakerja.PayoutFile, firstID, lastID int64, now time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.rb(sqlInsertFile), f.RunID, f.Provider, f.Format, f.MsgID, f.Name, f.Items,
			f.Total, f.SHA256, now.UnixMicro()).Scan(&f.ID)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return fmt.Errorf("insert file: %w", err)
		}
		n, err := execCount(ctx, tx, s.rb(sqlSendPayments), f.ID, now.UnixMicro(), f.RunID, f.Provider, firstID, lastID)
		if err != nil {
			return fmt.Errorf("mark payments sent: %w", err)
		}
		if n != f.Items {
			return prakerja.Errorf(prakerja.CodeConflict, "File %s names %d payments but %d were waiting.", f.MsgID, f.Items, n)
		}
		if err := s.execOne(ctx, tx, s.rb(sqlCountFile), "count file", f.RunID); err != nil {
			return err
		}
		return s.appendAuditTx(ctx, tx, &prakerja.AuditEntry{At: now, Actor: "system", Action: prakerja.AuditPayoutFile,
			Subject: runSubject(f.RunID), Detail: fmt.Sprintf(`{"msg_id":%q,"provider":%q,"items":%d,"total":%d,"sha256":"%x"}`,
				f.MsgID, f.Provider, f.Items, f.Total, f.SHA256)})
	})
	if err != nil {
		return fmt.Errorf("add payout file %s: %w", f.MsgID, err)
	}
	f.Created = utcMicro(now)
	return nil
}

// PayoutFiles implements prakerja.PayoutStore.
func (s *Store) PayoutFiles(ctx context.Context, runID int64) ([]*prakerja.PayoutFile, error) {
	rows, err := s.readRows(ctx, s.rb(sqlPayoutFiles), runID, runID)
	if err != nil {
		return nil, fmt.Errorf("payout files: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.PayoutFile
	for rows.Next() {
		var f prakerja.PayoutFile
		var created int64
		if err := rows.Scan(&f.ID, &f.RunID, &f.Provider, &f.Format, &f.MsgID, &f.Name, &f.Items, &f.Total,
			&f.SHA256, &created); err != nil {
			return nil, fmt.Errorf("scan payout file: %w", err)
		}
		f.Created = timeOf(created)
		out = append(out, &f)
	}
	return out, rows.Err()
}

// runSubject is a run's audit subject.
func runSubject(runID int64) string { return fmt.Sprintf("payout_run:%d", runID) }
