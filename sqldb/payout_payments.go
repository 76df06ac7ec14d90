package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// paymentColumns are read by scanPayment, in this order: the payment, then
// the sealed account number and the registered name a file needs.
const paymentColumns = `p.id, p.run_id, COALESCE(p.file_id, 0), p.registration_id, p.kind, p.slot, p.attempt,
	p.amount, p.provider, p.payout_account_id, p.state, p.reason, p.instr_id, p.pending_id, p.created_at,
	p.sent_at, p.resolved_at, p.settled_at, a.number_enc, r.full_name`

const paymentFrom = ` FROM payments p JOIN payout_accounts a ON a.id = p.payout_account_id
	JOIN registrations r ON r.id = p.registration_id`

// answerColumns are what deciding an answer needs, read by scanAnswered:
// no join, since answers arrive a hundred thousand at a time.
const answerColumns = `id, run_id, COALESCE(file_id, 0), registration_id, kind, slot, attempt, amount, provider,
	payout_account_id, state, reason, instr_id, pending_id, created_at, sent_at, resolved_at, settled_at`

const (
	sqlPayments = `SELECT ` + paymentColumns + paymentFrom + `
	WHERE (? = 0 OR p.run_id = ?) AND (? = 0 OR p.file_id = ?) AND (? = 0 OR p.registration_id = ?)
	AND (? = '' OR p.provider = ?) AND (? = '' OR p.state = ?) AND p.id > ? ORDER BY p.id LIMIT ?`
	sqlUnanswered = `SELECT ` + paymentColumns + paymentFrom + `
	WHERE p.state = 'sent' AND p.sent_at < ? ORDER BY p.sent_at, p.id LIMIT ?`
	sqlRunReserved = `SELECT id, registration_id, kind, slot, attempt, amount, provider, pending_id FROM payments
	WHERE run_id = ? AND state = 'reserved' ORDER BY id LIMIT ?`
	sqlCancelPayment = `UPDATE payments SET state = 'cancelled', resolved_at = ? WHERE id = ? AND state = 'reserved'`
)

// Payments implements prakerja.PayoutStore.
func (s *Store) Payments(ctx context.Context, f prakerja.PaymentFilter) ([]*prakerja.Payment, error) {
	limit := f.Limit
	if limit <= 0 || limit > prakerja.PaymentsPageMax {
		limit = prakerja.PaymentsPageMax
	}
	return s.queryPayments(ctx, s.rb(sqlPayments), f.RunID, f.RunID, f.FileID, f.FileID, f.RegistrationID, f.RegistrationID,
		f.Provider, f.Provider, string(f.State), string(f.State), f.AfterID, limit)
}

// UnansweredPayments implements prakerja.PayoutStore.
func (s *Store) UnansweredPayments(ctx context.Context, olderThan time.Time, limit int) ([]*prakerja.Payment, error) {
	return s.queryPayments(ctx, s.rb(sqlUnanswered), olderThan.UnixMicro(), max(1, min(limit, prakerja.PaymentsPageMax)))
}

// PaymentsByInstr implements prakerja.PayoutStore.
func (s *Store) PaymentsByInstr(ctx context.Context, ids []string) (map[string]*prakerja.Payment, error) {
	out := make(map[string]*prakerja.Payment, len(ids))
	const chunk = 500
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		q := `SELECT ` + answerColumns + ` FROM payments WHERE instr_id IN (` + placeholders(len(part)) + `)`
		ps, err := s.scanPayments(ctx, s.rb(q), scanAnswered, args...)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			out[p.InstrID()] = p
		}
	}
	return out, nil
}

func (s *Store) queryPayments(ctx context.Context, query string, args ...any) ([]*prakerja.Payment, error) {
	return s.scanPayments(ctx, query, scanPayment, args...)
}

func (s *Store) scanPayments(ctx context.Context, query string, scan func(scanner) (*prakerja.Payment, error), args ...any) ([]*prakerja.Payment, error) {
	rows, err := s.readRows(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("payments: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.Payment
	for rows.Next() {
		p, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func scanPayment(row scanner) (*prakerja.Payment, error) {
	var p prakerja.Payment
	return scanPaymentInto(row, &p, &p.AccountNumber.Ciphertext, &p.CreditorName)
}

// scanAnswered reads answerColumns.
func scanAnswered(row scanner) (*prakerja.Payment, error) {
	var p prakerja.Payment
	return scanPaymentInto(row, &p)
}

func scanPaymentInto(row scanner, p *prakerja.Payment, extra ...any) (*prakerja.Payment, error) {
	var state, instr string
	var pending []byte
	var created int64
	var sent, resolved, settled sql.NullInt64
	dest := append([]any{&p.ID, &p.RunID, &p.FileID, &p.RegistrationID, &p.Kind, &p.Slot, &p.Attempt, &p.Amount,
		&p.Provider, &p.PayoutAccountID, &state, &p.Reason, &instr, &pending, &created, &sent, &resolved, &settled}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, fmt.Errorf("scan payment: %w", err)
	}
	p.State = prakerja.PaymentState(state)
	copy(p.PendingID[:], pending)
	p.Reference = instr[:strings.LastIndexByte(instr, '-')]
	p.CreatedAt, p.SentAt, p.ResolvedAt, p.SettledAt = timeOf(created), fromMicros(sent), fromMicros(resolved), fromMicros(settled)
	return p, nil
}

// RefuseRun implements prakerja.PayoutStore: the run is marked refused
// first (no approval can race it), then its reservations are voided in
// ledger batches. Calling it again on a refused run finishes the voids a
// crash left.
func (s *Store) RefuseRun(ctx context.Context, runID int64, checker string, now time.Time) (*prakerja.PayoutRun, error) {
	r, err := s.PayoutRun(ctx, runID)
	if err != nil {
		return nil, err
	}
	if r.State != prakerja.PayoutRunRefused {
		if err := s.checkerMay(ctx, runID, checker); err != nil {
			return nil, err
		}
		bctx, cancel := s.bound(ctx)
		err := s.inTx(bctx, func(tx *sql.Tx) error {
			if err := s.execOne(bctx, tx, s.rb(sqlRefuseRun), "refuse run", checker, now.UnixMicro(), runID, checker, checker); err != nil {
				return err
			}
			return s.appendAuditTx(bctx, tx, &prakerja.AuditEntry{At: now, Actor: checker,
				Action: prakerja.AuditPayoutRefused, Subject: runSubject(runID), Detail: "{}"})
		})
		cancel()
		if err != nil {
			return nil, fmt.Errorf("refuse payout run %d: %w", runID, err)
		}
	}
	for {
		n, err := s.cancelReserved(ctx, runID, now)
		if err != nil {
			return nil, fmt.Errorf("refuse payout run %d: %w", runID, err)
		}
		if n == 0 {
			return s.PayoutRun(ctx, runID)
		}
	}
}

// cancelReserved voids one batch of a refused run's reservations.
func (s *Store) cancelReserved(ctx context.Context, runID int64, now time.Time) (int, error) {
	rows, err := s.readRows(ctx, s.rb(sqlRunReserved), runID, prakerja.LedgerBatchMax)
	if err != nil {
		return 0, err
	}
	var ids []int64
	var voids []prakerja.Transfer
	for rows.Next() {
		p := prakerja.Payment{RunID: runID}
		var pending []byte
		if err := rows.Scan(&p.ID, &p.RegistrationID, &p.Kind, &p.Slot, &p.Attempt, &p.Amount, &p.Provider, &pending); err != nil {
			rows.Close()
			return 0, err
		}
		copy(p.PendingID[:], pending)
		prov, err := prakerja.PayoutProviderByCode(p.Provider)
		if err != nil {
			rows.Close()
			return 0, err
		}
		ids, voids = append(ids, p.ID), append(voids, prakerja.PayoutVoid(&p, prakerja.ClearingAccountID(prov)))
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return 0, err
	}
	record := func(ctx context.Context, tx *sql.Tx, _ []prakerja.TransferResult) error {
		for _, id := range ids {
			if err := s.execOne(ctx, tx, s.rb(sqlCancelPayment), "cancel payment", now.UnixMicro(), id); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := s.applyWith(ctx, voids, now, nil, record); err != nil {
		return 0, err
	}
	return len(ids), nil
}
