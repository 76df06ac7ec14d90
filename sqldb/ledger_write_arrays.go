package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// On PostgreSQL a batch's transfers and accounts are written as one
// statement each, every column bound as an array and unnested: a multi-row
// VALUES list of thousands of rows costs the server more to parse and plan
// than to insert.
const (
	sqlInsertTransfersArrays = `INSERT INTO ledger_transfers (seq, id, debit_account_id, credit_account_id, amount,
		ref_id, code, flags, user_data, created_at, expires_at, registration_id)
		SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bytea[],
			$7::int[], $8::int[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[])`
	sqlUpsertAccountsArrays = `INSERT INTO ledger_accounts (` + ledgerAccountCols + `)
		SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::bigint[], $6::text[],
			$7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[])` + sqlUpsertAccountsTail
)

// flushLedgerArrays is flushLedger for engines that bind arrays.
func (s *Store) flushLedgerArrays(ctx context.Context, tx *sql.Tx, st *ledgerState, accountIDs []int64) error {
	if n := len(st.Created); n > 0 {
		var (
			seq, debit, credit, amount, user, created, reg = make([]int64, n), make([]int64, n), make([]int64, n),
				make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
			ids, refs    = make([][]byte, n), make([][]byte, n)
			codes, flags = make([]int32, n), make([]int32, n)
			expires      = make([]*int64, n)
		)
		for i, t := range st.Created {
			seq[i], ids[i], debit[i], credit[i], amount[i] = t.Seq, t.ID[:], t.DebitAccount, t.CreditAccount, t.Amount
			codes[i], flags[i], user[i], created[i], reg[i] = int32(t.Code), int32(t.Flags), t.UserData, t.CreatedAt.UnixMicro(), registrationOf(t)
			if !t.Ref.IsZero() {
				refs[i] = t.Ref[:]
			}
			if e, ok := expiresArg(t).(int64); ok {
				expires[i] = &e
			}
		}
		if _, err := tx.ExecContext(ctx, sqlInsertTransfersArrays, seq, ids, debit, credit, amount, refs, codes, flags,
			user, created, expires, reg); err != nil {
			return fmt.Errorf("insert transfers: %w", err)
		}
	}
	return s.upsertAccountsArrays(ctx, tx, st, accountIDs)
}

func (s *Store) upsertAccountsArrays(ctx context.Context, tx *sql.Tx, st *ledgerState, ids []int64) error {
	n := len(ids)
	if n == 0 {
		return nil
	}
	var (
		ledgers, owners, dpe, dpo, cpe, cpo, created = make([]int64, n), make([]int64, n), make([]int64, n),
			make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
		codes, flags = make([]int32, n), make([]int32, n)
		names        = make([]string, n)
	)
	for i, id := range ids {
		a := st.Accounts[id]
		ledgers[i], codes[i], flags[i], owners[i], names[i] = int64(a.Ledger), int32(a.Code), int32(a.Flags), a.Owner, a.Name
		dpe[i], dpo[i], cpe[i], cpo[i], created[i] = a.DebitsPending, a.DebitsPosted, a.CreditsPending, a.CreditsPosted, a.CreatedAt.UnixMicro()
	}
	if _, err := tx.ExecContext(ctx, sqlUpsertAccountsArrays, ids, ledgers, codes, flags, owners, names, dpe, dpo, cpe, cpo,
		created); err != nil {
		return fmt.Errorf("upsert accounts: %w", err)
	}
	return nil
}

// changedAccounts lists the new and changed accounts of a batch, in id
// order (so concurrent writers, were there any, would lock in one order).
func changedAccounts(st *ledgerState) []int64 {
	ids := make([]int64, 0, len(st.Dirty)+len(st.NewAccounts))
	for id := range st.Dirty {
		ids = append(ids, id)
	}
	for id := range st.NewAccounts {
		if !st.Dirty[id] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}
