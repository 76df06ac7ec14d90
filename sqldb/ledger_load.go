package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
)

type ledgerState = ledger.State

// ledgerInMax bounds the ids of one `IN (…)` lookup.
const ledgerInMax = 500

const (
	ledgerTransferCols = `seq, id, debit_account_id, credit_account_id, amount, ref_id, code, flags,
		user_data, created_at, expires_at`
	ledgerAccountCols = `id, ledger, code, flags, owner, name, debits_pending, debits_posted,
		credits_pending, credits_posted, created_at`
)

// loadLedgerState reads everything ops touch: stored transfers among their
// ids and refs, which refs are already used, every account named by them
// or by the transfers they refer to, and the next sequence number. On
// PostgreSQL it first takes the ledger's advisory lock, so batches of all
// nodes run one after another and nothing read here changes before commit.
// Accounts the cache holds as last committed are not read again. The
// stamp returned goes to the cache with the batch's accounts once it
// commits.
func (s *Store) loadLedgerState(ctx context.Context, tx *sql.Tx, ops []*ledgerOp) (*ledgerState, stamp, error) {
	if s.dialect.ledgerLock != "" {
		if _, err := tx.ExecContext(ctx, s.dialect.ledgerLock); err != nil {
			return nil, stamp{}, fmt.Errorf("ledger lock: %w", err)
		}
	}
	var next int64
	if err := tx.QueryRowContext(ctx, "SELECT next_seq FROM ledger_sequence WHERE id = 1").Scan(&next); err != nil {
		return nil, stamp{}, fmt.Errorf("ledger sequence: %w", err)
	}
	at, err := s.readStamp(ctx, tx, next)
	if err != nil {
		return nil, at, err
	}
	st := ledger.NewState(ops[0].now, next)
	ids, refs, accts := ledgerKeys(ops)
	if err := s.loadTransfers(ctx, tx, append(ids, refs...), st); err != nil {
		return nil, at, err
	}
	if err := s.loadRefsUsed(ctx, tx, refs, st); err != nil {
		return nil, at, err
	}
	for _, t := range st.Transfers {
		accts = append(accts, t.DebitAccount, t.CreditAccount)
	}
	slices.Sort(accts)
	accts = s.accounts.take(at, slices.Compact(accts), st.Accounts)
	if err := s.loadAccounts(ctx, tx, accts, st.Accounts); err != nil {
		return nil, at, err
	}
	return st, at, nil
}

// ledgerKeys lists the transfer ids, refs and account ids ops name.
func ledgerKeys(ops []*ledgerOp) (ids, refs [][]byte, accts []int64) {
	for _, op := range ops {
		for i := range op.accounts {
			accts = append(accts, op.accounts[i].ID)
		}
		for i := range op.transfers {
			t := &op.transfers[i]
			ids = append(ids, t.ID[:])
			if !t.Ref.IsZero() {
				refs = append(refs, t.Ref[:])
			}
			accts = append(accts, t.DebitAccount, t.CreditAccount)
		}
	}
	return ids, refs, accts
}

// inChunks runs query (whose single %s is replaced by a placeholder list)
// over keys in chunks of ledgerInMax, calling scan for each row.
func inChunks[K any](ctx context.Context, s *Store, q querier, query string, keys []K, scan func(*sql.Rows) error) error {
	for lo := 0; lo < len(keys); lo += ledgerInMax {
		chunk := keys[lo:min(lo+ledgerInMax, len(keys))]
		args := make([]any, len(chunk))
		for i, k := range chunk {
			args[i] = k
		}
		rows, err := q.QueryContext(ctx, s.dialect.rebind(fmt.Sprintf(query, placeholders(len(chunk)))), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// querier is a *sql.DB or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Store) loadTransfers(ctx context.Context, tx *sql.Tx, ids [][]byte, st *ledgerState) error {
	ids = sortedIDs(ids)
	wanted := make(map[prakerja.TransferID]bool, len(ids))
	for _, id := range ids {
		wanted[prakerja.TransferID(id)] = true
	}
	err := lookupByRuns(ctx, s, tx, "ledger_transfers", ledgerTransferCols, ids, closeIDs,
		func(rows *sql.Rows) ([]byte, error) {
			t, err := scanTransfer(rows)
			if err != nil {
				return nil, err
			}
			if wanted[t.ID] {
				st.Transfers[t.ID] = t
			}
			return t.ID[:], nil
		})
	if err != nil {
		return fmt.Errorf("load transfers: %w", err)
	}
	return nil
}

func (s *Store) loadRefsUsed(ctx context.Context, tx *sql.Tx, refs [][]byte, st *ledgerState) error {
	err := inChunks(ctx, s, tx, "SELECT ref_id FROM ledger_transfers WHERE ref_id IN (%s)", refs,
		func(rows *sql.Rows) error {
			var b []byte
			if err := rows.Scan(&b); err != nil {
				return err
			}
			st.RefUsed[prakerja.TransferID(b)] = true
			return nil
		})
	if err != nil {
		return fmt.Errorf("load refs: %w", err)
	}
	return nil
}

// loadAccounts reads the accounts among ids into into.
func (s *Store) loadAccounts(ctx context.Context, q querier, ids []int64, into map[int64]*prakerja.Account) error {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	wanted := make(map[int64]bool, len(ids))
	for _, id := range ids {
		wanted[id] = true
	}
	err := lookupByRuns(ctx, s, q, "ledger_accounts", ledgerAccountCols, ids, closeAccounts,
		func(rows *sql.Rows) (int64, error) {
			a, err := scanAccount(rows)
			if err != nil {
				return 0, err
			}
			if wanted[a.ID] {
				into[a.ID] = a
			}
			return a.ID, nil
		})
	if err != nil {
		return fmt.Errorf("load accounts: %w", err)
	}
	return nil
}

func scanTransfer(rows interface{ Scan(...any) error }) (*prakerja.Transfer, error) {
	var (
		t       prakerja.Transfer
		id, ref []byte
		create  int64
		expires sql.NullInt64
	)
	err := rows.Scan(&t.Seq, &id, &t.DebitAccount, &t.CreditAccount, &t.Amount, &ref, &t.Code,
		&t.Flags, &t.UserData, &create, &expires)
	if err != nil {
		return nil, err
	}
	if len(id) != len(t.ID) || (ref != nil && len(ref) != len(t.Ref)) {
		return nil, fmt.Errorf("transfer %d: stored id of %d bytes", t.Seq, len(id))
	}
	t.ID = prakerja.TransferID(id)
	if ref != nil {
		t.Ref = prakerja.TransferID(ref)
	}
	t.Ledger = prakerja.LedgerIDR // the only ledger; see migration 00007
	t.CreatedAt = timeOf(create)
	if expires.Valid {
		t.Timeout = timeOf(expires.Int64).Sub(t.CreatedAt)
	}
	return &t, nil
}

func scanAccount(rows interface{ Scan(...any) error }) (*prakerja.Account, error) {
	var (
		a      prakerja.Account
		create int64
	)
	err := rows.Scan(&a.ID, &a.Ledger, &a.Code, &a.Flags, &a.Owner, &a.Name, &a.DebitsPending, &a.DebitsPosted,
		&a.CreditsPending, &a.CreditsPosted, &create)
	if err != nil {
		return nil, err
	}
	a.CreatedAt = timeOf(create)
	return &a, nil
}
