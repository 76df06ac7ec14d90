package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/prakerja/prakerja"
)

const (
	sqlFileMismatches = `SELECT f.msg_id FROM payout_files f LEFT JOIN (SELECT file_id, count(*) AS n, sum(amount) AS total
	FROM payments WHERE file_id IS NOT NULL GROUP BY file_id) p ON p.file_id = f.id
	WHERE p.file_id IS NULL OR p.n <> f.items OR p.total <> f.total ORDER BY f.id LIMIT 1000`
	sqlFileTotals = `SELECT count(*), COALESCE(sum(items), 0), COALESCE(sum(total), 0) FROM payout_files`
	sqlSentStates = `SELECT state, count(*) FROM payments WHERE file_id IS NOT NULL GROUP BY state`
	// sqlNotOne counts resolved payments without the answer that decided
	// them: every post or void is made by one answer, recorded on the row.
	sqlNotOne = `SELECT count(*) FROM payments
	WHERE file_id IS NOT NULL AND state IN ('paid', 'rejected') AND answer_file_id IS NULL`
	sqlProviderMoney = `SELECT provider,
	COALESCE(sum(CASE WHEN state = 'paid' AND settled_at IS NULL THEN amount ELSE 0 END), 0),
	COALESCE(sum(CASE WHEN state IN ('reserved', 'sent') THEN amount ELSE 0 END), 0),
	COALESCE(sum(CASE WHEN settled_at IS NOT NULL THEN amount ELSE 0 END), 0)
	FROM payments GROUP BY provider`
	sqlStatementBooked = `SELECT COALESCE(sum(booked), 0) FROM result_files WHERE kind = 'camt.054'`
	sqlExceptionCounts = `SELECT outcome, count(*) FROM payment_results WHERE outcome IN ('conflict', 'unknown', 'mismatched') GROUP BY outcome`
	sqlOldestSent      = `SELECT min(sent_at) FROM payments WHERE state = 'sent'`
	sqlFunnelStates    = `SELECT state, count(*), COALESCE(sum(amount), 0) FROM payments GROUP BY state`
	sqlFunnelSettled   = `SELECT count(*) FROM payments WHERE settled_at IS NOT NULL`
	sqlFunnelLinked    = `SELECT count(*) FROM payout_accounts WHERE state = 'verified'`
	sqlFunnelRefused   = `SELECT reason, count(*) FROM payout_accounts WHERE state = 'refused' GROUP BY reason`
)

// PayoutReconcileFacts implements prakerja.PayoutStore.
func (s *Store) PayoutReconcileFacts(ctx context.Context) (*prakerja.ReconcileFacts, error) {
	f := &prakerja.ReconcileFacts{PaidUnbooked: map[string]int64{}, Pending: map[string]int64{},
		Booked: map[string]int64{}, Exceptions: map[string]int64{}}
	if err := s.readRow(ctx, s.rb(sqlFileTotals)).Scan(&f.Files, &f.FileItems, &f.FileTotal); err != nil {
		return nil, fmt.Errorf("file totals: %w", err)
	}
	err := s.eachRow(ctx, s.rb(sqlFileMismatches), func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		f.FileMismatches = append(f.FileMismatches, id)
		return err
	})
	if err == nil {
		err = s.eachRow(ctx, s.rb(sqlSentStates), func(r *sql.Rows) error {
			var state string
			var n int64
			err := r.Scan(&state, &n)
			switch prakerja.PaymentState(state) {
			case prakerja.PaymentSent:
				f.Sent = n
			case prakerja.PaymentPaid:
				f.Paid = n
			case prakerja.PaymentRejected:
				f.Rejected = n
			}
			return err
		})
	}
	if err == nil {
		err = s.eachRow(ctx, s.rb(sqlProviderMoney), func(r *sql.Rows) error {
			var p string
			var unbooked, pending, booked int64
			err := r.Scan(&p, &unbooked, &pending, &booked)
			f.PaidUnbooked[p], f.Pending[p], f.Booked[p] = unbooked, pending, booked
			return err
		})
	}
	if err == nil {
		err = s.eachRow(ctx, s.rb(sqlExceptionCounts), func(r *sql.Rows) error {
			var o string
			var n int64
			err := r.Scan(&o, &n)
			f.Exceptions[o] = n
			return err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("reconcile facts: %w", err)
	}
	var oldest sql.NullInt64
	if err := s.readRow(ctx, s.rb(sqlNotOne)).Scan(&f.NotOneAnswer); err != nil {
		return nil, fmt.Errorf("answers per payment: %w", err)
	}
	if err := s.readRow(ctx, s.rb(sqlStatementBooked)).Scan(&f.StatementBooked); err != nil {
		return nil, fmt.Errorf("statement total: %w", err)
	}
	if err := s.readRow(ctx, s.rb(sqlOldestSent)).Scan(&oldest); err != nil {
		return nil, fmt.Errorf("oldest unanswered: %w", err)
	}
	f.OldestUnanswered = fromMicros(oldest)
	return f, nil
}

// PayoutFunnel implements prakerja.PayoutStore.
func (s *Store) PayoutFunnel(ctx context.Context) (*prakerja.PayoutFunnel, error) {
	f := &prakerja.PayoutFunnel{ByState: map[prakerja.PaymentState]int64{}, AmountByState: map[prakerja.PaymentState]int64{},
		AccountsRefused: map[string]int64{}}
	err := s.eachRow(ctx, s.rb(sqlFunnelStates), func(r *sql.Rows) error {
		var state string
		var n, amount int64
		err := r.Scan(&state, &n, &amount)
		f.ByState[prakerja.PaymentState(state)], f.AmountByState[prakerja.PaymentState(state)] = n, amount
		return err
	})
	if err == nil {
		err = s.eachRow(ctx, s.rb(sqlFunnelRefused), func(r *sql.Rows) error {
			var reason string
			var n int64
			err := r.Scan(&reason, &n)
			f.AccountsRefused[reason] = n
			return err
		})
	}
	if err == nil {
		err = s.readRow(ctx, s.rb(sqlFunnelSettled)).Scan(&f.Settled)
	}
	if err == nil {
		err = s.readRow(ctx, s.rb(sqlFunnelLinked)).Scan(&f.AccountsLinked)
	}
	if err != nil {
		return nil, fmt.Errorf("payout funnel: %w", err)
	}
	return f, nil
}
