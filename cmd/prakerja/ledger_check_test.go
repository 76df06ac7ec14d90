package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/prakerja/prakerja/scheme"
)

// TestLedgerCheckTamper credits a small wave, then changes the database
// behind the ledger's back in each way an insider could, and wants
// `ledger check` to exit 1 naming the breach every time.
func TestLedgerCheckTamper(t *testing.T) {
	t.Parallel()
	sch, err := scheme.Builtin("2020")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		tamper []string
		want   string
	}{
		{"Sound", nil, ""},
		{"AmountChanged", []string{"DROP TRIGGER ledger_transfers_no_update",
			"UPDATE ledger_transfers SET amount = amount + 1 WHERE seq = 5"}, "balances:"},
		{"TransferRemoved", []string{"DROP TRIGGER ledger_transfers_no_delete",
			"DELETE FROM ledger_transfers WHERE seq = 7"}, "immutability:"},
		{"BalanceRaised", []string{"UPDATE ledger_accounts SET credits_posted = credits_posted + 600000 WHERE code = 5 AND id = (SELECT MIN(id) FROM ledger_accounts WHERE code = 5)"},
			"double_entry:"},
		{"SecondTrainingCredit", []string{"DROP TRIGGER ledger_transfers_no_update",
			"UPDATE ledger_transfers SET code = 2, credit_account_id = credit_account_id - 1 WHERE seq = 3"}, "entitlements:"},
		{"TriggerDropped", []string{"DROP TRIGGER ledger_transfers_no_delete"}, "immutability:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := creditedDir(t, 20, sch)
			tamper(t, dir, tt.tamper)
			code, out, errOut := runCmd(t, context.Background(), nil, "ledger", "check", "--data", dir, "--json")
			if tt.want == "" {
				if code != 0 {
					t.Fatalf("sound ledger: exit %d\n%s%s", code, out, errOut)
				}
				return
			}
			if code != 1 || !strings.Contains(out, "BREACH "+tt.want) {
				t.Fatalf("exit %d, want 1 naming %q:\n%s%s", code, tt.want, out, errOut)
			}
		})
	}
}

// TestLedgerTransfersImmutable: with the triggers in place, no UPDATE or
// DELETE of a transfer gets through.
func TestLedgerTransfersImmutable(t *testing.T) {
	t.Parallel()
	sch, _ := scheme.Builtin("2020")
	dir := creditedDir(t, 2, sch)
	db, err := sql.Open("sqlite", filepath.Join(dir, "prakerja.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"UPDATE ledger_transfers SET amount = 1", "DELETE FROM ledger_transfers"} {
		if _, err := db.Exec(q); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s: %v, want refused as immutable", q, err)
		}
	}
}

// creditedDir is a data folder holding a credited wave of n participants.
func creditedDir(t *testing.T, n int, sch *scheme.Scheme) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if code, out, errOut := runCmd(t, context.Background(), nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate exit %d: %s %s", code, out, errOut)
	}
	wave := seedCreditWave(t, dir, n, sch.Total()*int64(n))
	if code, out, errOut := runCmd(t, context.Background(), nil, "ledger", "credit", "--wave", fmt.Sprint(wave), "--data", dir); code != 0 {
		t.Fatalf("credit exit %d: %s %s", code, out, errOut)
	}
	return dir
}

func tamper(t *testing.T, dir string, stmts []string) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, "prakerja.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
