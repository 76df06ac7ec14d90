package storetest

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// testRevokeKeepsBuyer checks that RevokeParticipant re-checks the ledger:
// with a purchase standing the card is kept (CodeConflict, nothing
// written); once the purchase is refunded the card is revoked.
func testRevokeKeepsBuyer(t *testing.T, open Opener) {
	s, ctx := open(t), context.Background()
	w, ids := MustParticipants(t, s, 1)
	id := ids[0]
	bought := mustPurchase(t, s, w.ID, id, 300_000)
	js, err := s.JobSubject(ctx, id)
	must(t, err)
	r := prakerja.Revocation{RegistrationID: id, Reason: prakerja.RevokeReasonFirstPurchase, NIKIndex: js.NIKIndex}
	_, err = s.RevokeParticipant(ctx, r, nil, AfterClose)
	WantCode(t, err, prakerja.CodeConflict)
	if found, err := s.ScreenExclusions(ctx, [][]byte{js.NIKIndex}); err != nil || len(found) != 0 {
		t.Fatalf("a kept card's NIK was blacklisted: %v, %v", found, err)
	}
	payable := prakerja.SystemAccountID(prakerja.AccountProviderPayable, 1, 0)
	refund := prakerja.Transfer{ID: prakerja.NewTransferID(AfterClose), DebitAccount: payable,
		CreditAccount: prakerja.ParticipantAccountID(id, prakerja.AccountTraining), Amount: 300_000, Ref: bought,
		Ledger: prakerja.LedgerIDR, Code: prakerja.TransferRefund}
	mustApply(t, s, []prakerja.Transfer{refund})
	changed, err := s.RevokeParticipant(ctx, r, nil, AfterClose)
	must(t, err)
	if !changed {
		t.Fatal("a card whose only purchase was refunded was not revoked")
	}
}

// mustPurchase funds wave's budget, credits registration id's training
// balance and buys training for amount from provider 1; it returns the
// purchase's id.
func mustPurchase(tb testing.TB, s prakerja.Store, waveID, id, amount int64) prakerja.TransferID {
	tb.Helper()
	funding := prakerja.SystemAccountID(prakerja.AccountFunding, 0, 1)
	budget := prakerja.SystemAccountID(prakerja.AccountBudget, waveID, 1)
	training := prakerja.ParticipantAccountID(id, prakerja.AccountTraining)
	payable := prakerja.SystemAccountID(prakerja.AccountProviderPayable, 1, 0)
	accounts := []prakerja.Account{
		{ID: funding, Ledger: prakerja.LedgerIDR, Code: prakerja.AccountFunding, Name: "APBN test"},
		{ID: budget, Ledger: prakerja.LedgerIDR, Code: prakerja.AccountBudget, Owner: waveID, Flags: prakerja.DebitsMustNotExceedCredits},
		{ID: training, Ledger: prakerja.LedgerIDR, Code: prakerja.AccountTraining, Owner: id, Flags: prakerja.DebitsMustNotExceedCredits},
		{ID: payable, Ledger: prakerja.LedgerIDR, Code: prakerja.AccountProviderPayable, Owner: 1},
	}
	results, err := s.CreateAccounts(context.Background(), accounts, T0)
	must(tb, err)
	for i, res := range results {
		if !res.OK() {
			tb.Fatalf("account %d: %s", i, res)
		}
	}
	purchase := prakerja.NewTransferID(T0)
	mustApply(tb, s, []prakerja.Transfer{
		{ID: prakerja.FundID(waveID, 1, 1), DebitAccount: funding, CreditAccount: budget, Amount: 1_000_000,
			Ledger: prakerja.LedgerIDR, Code: prakerja.TransferFund},
		{ID: prakerja.CreditID(waveID, id, prakerja.TransferCreditTraining, 1), DebitAccount: budget, CreditAccount: training,
			Amount: 1_000_000, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferCreditTraining},
		{ID: purchase, DebitAccount: training, CreditAccount: payable, Amount: amount, Ledger: prakerja.LedgerIDR,
			Code: prakerja.TransferPurchase},
	})
	return purchase
}

// mustApply applies transfers; each must be created or exist.
func mustApply(tb testing.TB, s prakerja.Store, transfers []prakerja.Transfer) {
	tb.Helper()
	results, err := s.ApplyTransfers(context.Background(), transfers, T0)
	must(tb, err)
	for i, res := range results {
		if !res.OK() {
			tb.Fatalf("transfer %d: %s", i, res)
		}
	}
}
