package sqldb_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqlite"
)

// TestLedgerCreditShapes writes a wave's credit with other transfers mixed
// in (a run cut short, rows the shape cannot hold) and checks every stored
// column against what the generic insert stores, so the shaped statements
// (ledger_credit_shapes.go) store exactly the same rows.
func TestLedgerCreditShapes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, _, err := sqlite.MigrateDir(ctx, dir); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 11, 27, 8, 0, 0, 123456000, time.UTC)
	const wave, n = 9, 40
	budget := ledger.BudgetAccount(wave, 1)
	sch, err := scheme.Builtin("2020")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ledger.Fund(ctx, s, wave, 1, "APBN", 1, 100_000_000_000, now); err != nil {
		t.Fatal(err)
	}
	var accts []prakerja.Account
	var transfers []prakerja.Transfer
	for reg := int64(1001); reg < 1001+n; reg++ {
		accts = append(accts, ledger.ParticipantAccounts(reg)...)
		e := ledger.Entitlements(wave, reg, budget, sch)
		if reg == 1010 {
			e[3].UserData = 77 // cuts the run: another shared value
		}
		transfers = append(transfers, e...)
	}
	// A participant-side debit: registration_id comes from the debit.
	transfers = append(transfers, prakerja.Transfer{ID: prakerja.UnlockID(1020, prakerja.TransferUnlockIncentive, 1),
		DebitAccount:  prakerja.ParticipantAccountID(1020, prakerja.AccountIncentiveLocked),
		CreditAccount: prakerja.ParticipantAccountID(1020, prakerja.AccountIncentiveAvailable), Amount: 600_000,
		Ledger: prakerja.LedgerIDR, Code: prakerja.TransferUnlockIncentive})
	ar, tr, err := s.ApplyBatch(ctx, accts, transfers, now)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range append(ar, tr...) {
		if r != prakerja.ResultCreated {
			t.Fatalf("row %d: %s", i, r)
		}
	}
	db, err := sql.Open("sqlite", sqlite.Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkShapedTransfers(t, db, transfers, now)
	checkShapedAccounts(t, s, db, accts, transfers)
}

// checkShapedTransfers reads every credit and unlock row back and checks
// each column against the transfer it came from, in seq order.
func checkShapedTransfers(t *testing.T, db *sql.DB, want []prakerja.Transfer, now time.Time) {
	t.Helper()
	rows, err := db.Query(`SELECT seq, id, debit_account_id, credit_account_id, amount, ref_id, code, flags, user_data,
		registration_id, created_at, expires_at FROM ledger_transfers WHERE code <> ? ORDER BY seq`, int64(prakerja.TransferFund))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i, first := 0, int64(0)
	for ; rows.Next(); i++ {
		var (
			seq, debit, credit, amount, code, flags, user, reg, created int64
			id, ref                                                     []byte
			expires                                                     sql.NullInt64
		)
		if err := rows.Scan(&seq, &id, &debit, &credit, &amount, &ref, &code, &flags, &user, &reg, &created, &expires); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = seq
		}
		w := want[i]
		wantReg := prakerja.RegistrationOfAccount(w.DebitAccount)
		if wantReg == 0 {
			wantReg = prakerja.RegistrationOfAccount(w.CreditAccount)
		}
		if seq != first+int64(i) || prakerja.TransferID(id) != w.ID || debit != w.DebitAccount || credit != w.CreditAccount ||
			amount != w.Amount || ref != nil || code != int64(w.Code) || flags != 0 || user != w.UserData ||
			reg != wantReg || created != now.UnixMicro() || expires.Valid {
			t.Errorf("row %d: seq %d debit %d credit %d amount %d ref %x code %d flags %d user %d reg %d created %d expires %v; want %+v",
				i, seq, debit, credit, amount, ref, code, flags, user, reg, created, expires, w)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(want) {
		t.Errorf("%d transfers stored, want %d", i, len(want))
	}
}

// checkShapedAccounts checks every participant account's row: code, owner
// and flags from the account, balances from the transfers.
func checkShapedAccounts(t *testing.T, s prakerja.LedgerStore, db *sql.DB, accts []prakerja.Account, transfers []prakerja.Transfer) {
	t.Helper()
	debits, credits := map[int64]int64{}, map[int64]int64{}
	for _, tr := range transfers {
		debits[tr.DebitAccount] += tr.Amount
		credits[tr.CreditAccount] += tr.Amount
	}
	for _, a := range accts {
		var (
			ledgerID, code, flags, owner, dpe, dpo, cpe, cpo int64
			name                                             string
		)
		err := db.QueryRow(`SELECT ledger, code, flags, owner, name, debits_pending, debits_posted, credits_pending,
			credits_posted FROM ledger_accounts WHERE id = ?`, a.ID).Scan(&ledgerID, &code, &flags, &owner, &name, &dpe, &dpo, &cpe, &cpo)
		if err != nil {
			t.Fatalf("account %d: %v", a.ID, err)
		}
		if ledgerID != int64(a.Ledger) || code != int64(a.Code) || flags != int64(a.Flags) || owner != a.Owner ||
			name != a.Name || dpe != 0 || cpe != 0 || dpo != debits[a.ID] || cpo != credits[a.ID] {
			t.Errorf("account %d: ledger %d code %d flags %d owner %d name %q balances %d %d %d %d; want %+v, debits %d, credits %d",
				a.ID, ledgerID, code, flags, owner, name, dpe, dpo, cpe, cpo, a, debits[a.ID], credits[a.ID])
		}
	}
	got, err := s.LedgerAccounts(context.Background(), []int64{accts[0].ID})
	if err != nil || got[accts[0].ID] == nil || !got[accts[0].ID].CreatedAt.Equal(time.Date(2026, 11, 27, 8, 0, 0, 123456000, time.UTC)) {
		t.Errorf("account %d read back as %+v, %v", accts[0].ID, got[accts[0].ID], err)
	}
}
