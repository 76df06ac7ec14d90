package storetest

import (
	"testing"

	"github.com/prakerja/prakerja"
)

// LedgerTwoWriters checks that two stores on one database (two nodes, or
// serve and a command on one data folder) never decide from stale
// balances: each funds the same budget in turn, so a store that trusted
// what it last wrote would overwrite the other's credit.
func LedgerTwoWriters(t *testing.T, a, b prakerja.Store) {
	lw := MustLedgerWave(t, a, 1, 1_000_000)
	want := int64(1_000_000)
	for n := uint32(2); n <= 9; n++ {
		s := a
		if n%2 == 1 {
			s = b
		}
		amount := int64(n) * 1_000
		MustApply(t, s, prakerja.Transfer{ID: prakerja.FundID(lw.Wave.ID, 1, n), DebitAccount: lw.Funding,
			CreditAccount: lw.Budget, Amount: amount, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferFund})
		want += amount
		for _, s := range []prakerja.Store{a, b} {
			if got := balance(t, s, lw.Budget).CreditsPosted; got != want {
				t.Fatalf("after funding %d: budget credited %d, want %d", n, got, want)
			}
		}
	}
	WantLedgerSound(t, a)
}
