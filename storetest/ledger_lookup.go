package storetest

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// testLedgerLookups drives the ledger's lookups of stored rows through
// their three paths: a dense run read by one range, a crowded range read
// by id lists (every tenth participant among all of them), and an empty
// range (new ids). A retried batch must find every transfer it wrote, and
// a lookup that missed an account would refuse a transfer.
func testLedgerLookups(t *testing.T, open Opener) {
	s := open(t)
	lw := MustLedgerWave(t, s, 600, 600*1_600_000)
	credit := func(p int64, code prakerja.TransferCode, acct prakerja.AccountCode, amount int64) prakerja.Transfer {
		return prakerja.Transfer{ID: prakerja.CreditID(lw.Wave.ID, p, code, 1), DebitAccount: lw.Budget,
			CreditAccount: prakerja.ParticipantAccountID(p, acct), Amount: amount, Ledger: prakerja.LedgerIDR, Code: code}
	}
	var dense, sparse []prakerja.Transfer
	for i, p := range lw.Participants {
		dense = append(dense, credit(p, prakerja.TransferCreditTraining, prakerja.AccountTraining, 1_000_000))
		if i%10 == 0 {
			sparse = append(sparse, credit(p, prakerja.TransferCreditIncentive, prakerja.AccountIncentiveLocked, 600_000))
		}
	}
	tests := []struct {
		name string
		ts   []prakerja.Transfer
		want prakerja.TransferResult
	}{
		{"DenseNew", dense, prakerja.ResultCreated},
		{"SparseNew", sparse, prakerja.ResultCreated},
		{"DenseAgain", dense, prakerja.ResultExists},
		{"SparseAgain", sparse, prakerja.ResultExists},
	}
	for _, tt := range tests {
		got, err := s.ApplyTransfers(context.Background(), tt.ts, AfterClose)
		must(t, err)
		for i, r := range got {
			if r != tt.want {
				t.Fatalf("%s: transfer %d is %s, want %s", tt.name, i, r, tt.want)
			}
		}
	}
	for i, p := range lw.Participants {
		want := int64(0)
		if i%10 == 0 {
			want = 600_000
		}
		if b := balance(t, s, prakerja.ParticipantAccountID(p, prakerja.AccountIncentiveLocked)); b.CreditsPosted != want {
			t.Fatalf("participant %d: locked incentives %d, want %d", i, b.CreditsPosted, want)
		}
	}
	WantLedgerSound(t, s)
}
