package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/prakerja/prakerja"
)

const (
	sqlInsertTransfers = `INSERT INTO ledger_transfers (seq, id, debit_account_id, credit_account_id, amount, ref_id,
		code, flags, user_data, created_at, expires_at, registration_id) VALUES `
	sqlUpsertAccounts     = `INSERT INTO ledger_accounts (` + ledgerAccountCols + `) VALUES `
	sqlUpsertAccountsTail = ` ON CONFLICT (id) DO UPDATE SET debits_pending = excluded.debits_pending,
		debits_posted = excluded.debits_posted, credits_pending = excluded.credits_pending,
		credits_posted = excluded.credits_posted`
)

// flushLedger writes the batch: its new transfers in multi-row inserts, in
// sequence order (time-ordered keys append to the indexes), and every new
// or changed account in multi-row upserts carrying the balances decided in
// memory. The row checks of ledger_accounts hold the bounds a second time.
func (s *Store) flushLedger(ctx context.Context, tx *sql.Tx, st *ledgerState) error {
	if len(st.Created) > 0 {
		if _, err := tx.ExecContext(ctx, s.dialect.rebind("UPDATE ledger_sequence SET next_seq = ? WHERE id = 1"), st.NextSeq); err != nil {
			return fmt.Errorf("advance sequence: %w", err)
		}
	}
	ids := changedAccounts(st)
	if s.dialect.arrays {
		return s.flushLedgerArrays(ctx, tx, st, ids)
	}
	if s.creditShapes() {
		if err := s.insertTransfersShaped(ctx, tx, st.Created); err != nil {
			return fmt.Errorf("insert transfers: %w", err)
		}
		return s.upsertAccountsShaped(ctx, tx, st, ids)
	}
	if err := s.ledgerExecRows(ctx, tx, sqlInsertTransfers, "", 12, len(st.Created), func(i int, args []any) ([]any, error) {
		return transferArgs(st.Created[i], args), nil
	}); err != nil {
		return fmt.Errorf("insert transfers: %w", err)
	}
	return s.ledgerExecRows(ctx, tx, sqlUpsertAccounts, sqlUpsertAccountsTail, 11, len(ids), func(i int, args []any) ([]any, error) {
		return accountArgs(st.Accounts[ids[i]], args), nil
	})
}

// transferArgs appends the values of t's row in sqlInsertTransfers.
func transferArgs(t *prakerja.Transfer, args []any) []any {
	return append(args, t.Seq, t.ID[:], t.DebitAccount, t.CreditAccount, t.Amount, refArg(t.Ref),
		int64(t.Code), int64(t.Flags), t.UserData, t.CreatedAt.UnixMicro(), expiresArg(t), registrationOf(t))
}

// accountArgs appends the values of a's row in sqlUpsertAccounts.
func accountArgs(a *prakerja.Account, args []any) []any {
	return append(args, a.ID, int64(a.Ledger), int64(a.Code), int64(a.Flags), a.Owner, a.Name,
		a.DebitsPending, a.DebitsPosted, a.CreditsPending, a.CreditsPosted, a.CreatedAt.UnixMicro())
}

func refArg(ref prakerja.TransferID) any {
	if ref.IsZero() {
		return nil
	}
	return ref[:]
}

// expiresArg is when a pending transfer with a timeout expires, else NULL.
func expiresArg(t *prakerja.Transfer) any {
	if t.Flags&prakerja.TransferPending == 0 || t.Timeout == 0 {
		return nil
	}
	return t.CreatedAt.Add(t.Timeout).UnixMicro()
}

// registrationOf is the participant a transfer concerns: the owner of its
// participant-side account (participant accounts have positive ids), or 0.
func registrationOf(t *prakerja.Transfer) int64 {
	if r := prakerja.RegistrationOfAccount(t.DebitAccount); r != 0 {
		return r
	}
	return prakerja.RegistrationOfAccount(t.CreditAccount)
}
