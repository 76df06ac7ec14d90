package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// LedgerAccounts implements prakerja.LedgerStore.
func (s *Store) LedgerAccounts(ctx context.Context, ids []int64) (map[int64]*prakerja.Account, error) {
	if len(ids) > prakerja.LedgerBatchMax {
		return nil, prakerja.Errorf(prakerja.CodeTooLarge, "At most %d accounts per lookup.", prakerja.LedgerBatchMax)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	out := make(map[int64]*prakerja.Account, len(ids))
	if err := s.loadAccounts(ctx, s.reader, append([]int64(nil), ids...), out); err != nil {
		return nil, err
	}
	return out, nil
}

// LedgerTransfer implements prakerja.LedgerStore.
func (s *Store) LedgerTransfer(ctx context.Context, id prakerja.TransferID) (*prakerja.Transfer, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	row := s.reader.QueryRowContext(ctx, s.dialect.rebind("SELECT "+ledgerTransferCols+" FROM ledger_transfers WHERE id = ?"), id[:])
	t, err := scanTransfer(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No transfer %s.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("transfer %s: %w", id, err)
	}
	return t, nil
}

// LedgerTransfers implements prakerja.LedgerStore. Each filter reads one
// of the partial indexes of migration 00007, whose conditions the queries
// repeat so the planner can use them.
func (s *Store) LedgerTransfers(ctx context.Context, f prakerja.TransferFilter) ([]*prakerja.Transfer, error) {
	limit := f.Limit
	if limit <= 0 || limit > prakerja.LedgerPageMax {
		limit = prakerja.LedgerPageMax
	}
	before := f.BeforeSeq
	if before <= 0 {
		before = 1<<63 - 1
	}
	reg := f.Registration
	if reg == 0 {
		reg = prakerja.RegistrationOfAccount(f.Account)
	}
	rest := " AND seq < ? AND (? = 0 OR code = ?)"
	args := []any{before, int64(f.Code), int64(f.Code)}
	var query string
	switch {
	case reg > 0:
		lo, hi := creditRange(reg)
		accts := " AND (? = 0 OR debit_account_id = ? OR credit_account_id = ?)"
		query = "SELECT " + ledgerTransferCols + " FROM (" +
			"SELECT * FROM ledger_transfers WHERE registration_id = ? AND registration_id > 0 AND (code < 2 OR code > 4)" +
			accts + rest + " UNION ALL SELECT * FROM ledger_transfers WHERE id >= ? AND id <= ?" + accts + rest +
			") AS t ORDER BY seq DESC LIMIT ?"
		acctArgs := []any{f.Account, f.Account, f.Account}
		args = append(append(append([]any{reg}, acctArgs...), args...),
			append(append([]any{lo, hi}, acctArgs...), args...)...)
	case f.Account < 0:
		query = "SELECT " + ledgerTransferCols + " FROM (" +
			"SELECT * FROM ledger_transfers WHERE debit_account_id = ? AND debit_account_id < 0 AND (code < 2 OR code > 4)" + rest +
			" UNION ALL SELECT * FROM ledger_transfers WHERE credit_account_id = ? AND credit_account_id < 0" + rest +
			") AS t ORDER BY seq DESC LIMIT ?"
		args = append(append([]any{f.Account}, args...), append([]any{f.Account}, args...)...)
	default:
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "Name an account or a registration to list transfers.")
	}
	return s.queryTransfers(ctx, query, append(args, limit)...)
}

// creditRange bounds the ids of every wave credit of a registration
// (prakerja.CreditID puts the registration right after the namespace).
func creditRange(reg int64) (lo, hi []byte) {
	first := prakerja.CreditID(0, reg, 0, 0)
	last := first
	for i := 9; i < len(last); i++ {
		last[i] = 0xff
	}
	return first[:], last[:]
}

func (s *Store) queryTransfers(ctx context.Context, query string, args ...any) ([]*prakerja.Transfer, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.dialect.rebind(query), args...)
	if err != nil {
		return nil, fmt.Errorf("list transfers: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.Transfer
	for rows.Next() {
		t, err := scanTransfer(rows)
		if err != nil {
			return nil, fmt.Errorf("scan transfer: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ExpirePending implements prakerja.LedgerStore: each expired pending
// transfer is voided by a transfer with a deterministic id (ExpiryID), so
// two sweeps on two nodes void it once.
func (s *Store) ExpirePending(ctx context.Context, now time.Time, limit int) (int, error) {
	limit = min(max(limit, 1), prakerja.LedgerBatchMax)
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.dialect.rebind(`SELECT `+ledgerTransferCols+` FROM ledger_transfers t
		WHERE expires_at IS NOT NULL AND expires_at <= ?
		AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.ref_id = t.id)
		ORDER BY expires_at LIMIT ?`), now.UnixMicro(), limit)
	if err != nil {
		return 0, fmt.Errorf("find expired: %w", err)
	}
	var voids []prakerja.Transfer
	for rows.Next() {
		p, err := scanTransfer(rows)
		if err != nil {
			rows.Close()
			return 0, fmt.Errorf("scan expired: %w", err)
		}
		voids = append(voids, prakerja.Transfer{ID: prakerja.ExpiryID(p.ID), DebitAccount: p.DebitAccount,
			CreditAccount: p.CreditAccount, Amount: p.Amount, Ref: p.ID, Ledger: p.Ledger, Code: p.Code,
			Flags: prakerja.TransferVoidPending, UserData: p.UserData})
	}
	if err := errors.Join(rows.Close(), rows.Err()); err != nil {
		return 0, fmt.Errorf("find expired: %w", err)
	}
	if len(voids) == 0 {
		return 0, nil
	}
	actor := prakerja.AuditActorOf(ctx)
	record := func(ctx context.Context, tx *sql.Tx, results []prakerja.TransferResult) error {
		n := 0
		for _, r := range results {
			if r == prakerja.ResultCreated {
				n++
			}
		}
		if n == 0 {
			return nil // another sweep voided them first: nothing happened here
		}
		return s.auditTx(ctx, tx, now, actor, prakerja.AuditPendingExpired, "ledger",
			map[string]any{"voided": n})
	}
	results, err := s.applyEach(ctx, voids, now, record)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range results {
		if r == prakerja.ResultCreated {
			n++
		}
	}
	return n, nil
}

// LedgerTotals implements prakerja.LedgerStore.
func (s *Store) LedgerTotals(ctx context.Context) (*prakerja.LedgerTotals, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	t := &prakerja.LedgerTotals{ByCode: map[prakerja.AccountCode]prakerja.Account{}}
	if err := s.reader.QueryRowContext(ctx, "SELECT count(*) FROM ledger_transfers").Scan(&t.Transfers); err != nil {
		return nil, fmt.Errorf("count transfers: %w", err)
	}
	rows, err := s.reader.QueryContext(ctx, `SELECT code, count(*), COALESCE(SUM(debits_pending), 0),
		COALESCE(SUM(debits_posted), 0), COALESCE(SUM(credits_pending), 0), COALESCE(SUM(credits_posted), 0)
		FROM ledger_accounts GROUP BY code`)
	if err != nil {
		return nil, fmt.Errorf("ledger totals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			a prakerja.Account
			n int64
		)
		if err := rows.Scan(&a.Code, &n, &a.DebitsPending, &a.DebitsPosted, &a.CreditsPending, &a.CreditsPosted); err != nil {
			return nil, fmt.Errorf("scan totals: %w", err)
		}
		t.Accounts += n
		t.ByCode[a.Code] = a
	}
	return t, rows.Err()
}
