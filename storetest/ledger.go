package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// tid is a readable test transfer id.
func tid(n byte) prakerja.TransferID { return prakerja.TransferID{0x01, 0x42, 15: n} }

// testLedgerAccounts checks that accounts are created once: same fields
// again is a no-op, different fields are refused, bad fields are invalid.
func testLedgerAccounts(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	a := SystemAccount(-99, prakerja.AccountBudget, 1, "APBN")
	changed := a
	changed.Flags = 0
	tests := []struct {
		name string
		acct prakerja.Account
		want prakerja.TransferResult
	}{
		{"Created", a, prakerja.ResultCreated},
		{"Exists", a, prakerja.ResultExists},
		{"ExistsDifferent", changed, prakerja.ResultExistsDifferent},
		{"ZeroID", prakerja.Account{Ledger: 1, Code: prakerja.AccountBudget}, prakerja.ResultIDMustNotBeZero},
		{"UnknownCode", prakerja.Account{ID: 5, Ledger: 1, Code: 99}, prakerja.ResultInvalid},
		{"NonZeroBalance", prakerja.Account{ID: 6, Ledger: 1, Code: prakerja.AccountBudget, CreditsPosted: 5}, prakerja.ResultInvalid},
		{"BothBounds", prakerja.Account{ID: 7, Ledger: 1, Code: prakerja.AccountBudget, Flags: 3}, prakerja.ResultInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.CreateAccounts(ctx, []prakerja.Account{tt.acct}, T0)
			must(t, err)
			if got[0] != tt.want {
				t.Fatalf("got %s, want %s", got[0], tt.want)
			}
		})
	}
	if got := balance(t, s, -99); got.Flags != prakerja.DebitsMustNotExceedCredits || got.Name != "APBN" {
		t.Fatalf("stored account changed: %+v", got)
	}
}

// testLedgerTransfers runs one transfer at a time through the rules, on a
// wave of two participants funded with Rp 1.6 million.
func testLedgerTransfers(t *testing.T, open Opener) {
	s := open(t)
	lw := MustLedgerWave(t, s, 2, 1_600_000)
	p1 := prakerja.ParticipantAccountID(lw.Participants[0], prakerja.AccountTraining)
	inc1 := prakerja.ParticipantAccountID(lw.Participants[0], prakerja.AccountIncentiveLocked)
	credit := func(id byte, to int64, code prakerja.TransferCode, amount int64) prakerja.Transfer {
		return prakerja.Transfer{ID: tid(id), DebitAccount: lw.Budget, CreditAccount: to, Amount: amount,
			Ledger: prakerja.LedgerIDR, Code: code}
	}
	tests := []struct {
		name string
		tr   prakerja.Transfer
		want prakerja.TransferResult
	}{
		{"Created", credit(1, p1, prakerja.TransferCreditTraining, 1_000_000), prakerja.ResultCreated},
		{"RetryExists", credit(1, p1, prakerja.TransferCreditTraining, 1_000_000), prakerja.ResultExists},
		{"RetryAltered", credit(1, p1, prakerja.TransferCreditTraining, 1_000_001), prakerja.ResultExistsDifferent},
		{"ZeroID", prakerja.Transfer{DebitAccount: lw.Budget, CreditAccount: p1, Amount: 1, Ledger: 1, Code: 2}, prakerja.ResultIDMustNotBeZero},
		{"ZeroAmount", credit(2, p1, prakerja.TransferCreditTraining, 0), prakerja.ResultInvalid},
		{"NegativeAmount", credit(2, p1, prakerja.TransferCreditTraining, -5), prakerja.ResultInvalid},
		{"SameAccount", credit(2, lw.Budget, prakerja.TransferCreditTraining, 5), prakerja.ResultSameAccount},
		{"NoAccount", credit(2, 123456789, prakerja.TransferCreditTraining, 5), prakerja.ResultAccountNotFound},
		{"WrongRoute", credit(2, inc1, prakerja.TransferCreditTraining, 5), prakerja.ResultRouteNotAllowed},
		{"TrainingToBank", prakerja.Transfer{ID: tid(2), DebitAccount: p1, CreditAccount: lw.Treasury, Amount: 5,
			Ledger: 1, Code: prakerja.TransferPayout}, prakerja.ResultRouteNotAllowed},
		{"OverBudget", credit(2, inc1, prakerja.TransferCreditIncentive, 600_001), prakerja.ResultExceedsCredits},
		{"WholeBudget", credit(3, inc1, prakerja.TransferCreditIncentive, 600_000), prakerja.ResultCreated},
		{"BudgetEmpty", credit(4, inc1, prakerja.TransferCreditIncentive, 1), prakerja.ResultExceedsCredits},
		{"WrongLedger", prakerja.Transfer{ID: tid(5), DebitAccount: lw.Budget, CreditAccount: p1, Amount: 1, Ledger: 2,
			Code: prakerja.TransferCreditTraining}, prakerja.ResultLedgerMismatch},
		{"RefWhereNone", prakerja.Transfer{ID: tid(5), DebitAccount: lw.Budget, CreditAccount: p1, Amount: 1, Ledger: 1,
			Code: prakerja.TransferCreditTraining, Ref: tid(1)}, prakerja.ResultInvalid},
		{"TimeoutNotPending", prakerja.Transfer{ID: tid(5), DebitAccount: lw.Budget, CreditAccount: p1, Amount: 1, Ledger: 1,
			Code: prakerja.TransferCreditTraining, Timeout: time.Hour}, prakerja.ResultInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.ApplyTransfers(context.Background(), []prakerja.Transfer{tt.tr}, AfterClose)
			must(t, err)
			if got[0] != tt.want {
				t.Fatalf("got %s, want %s", got[0], tt.want)
			}
		})
	}
	if b := balance(t, s, lw.Budget); b.Balance() != 0 || b.DebitsPosted != 1_600_000 {
		t.Fatalf("budget %+v", b)
	}
	WantLedgerSound(t, s)
}

// testLedgerLinked checks that a linked chain applies all or nothing and
// that an open chain is refused.
func testLedgerLinked(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	lw := MustLedgerWave(t, s, 1, 1_500_000)
	p := lw.Participants[0]
	tr := func(id byte, code prakerja.TransferCode, acct prakerja.AccountCode, amount int64, linked bool) prakerja.Transfer {
		x := prakerja.Transfer{ID: tid(id), DebitAccount: lw.Budget, CreditAccount: prakerja.ParticipantAccountID(p, acct),
			Amount: amount, Ledger: 1, Code: code}
		if linked {
			x.Flags = prakerja.TransferLinked
		}
		return x
	}
	batch := []prakerja.Transfer{
		tr(1, prakerja.TransferCreditTraining, prakerja.AccountTraining, 1_000_000, true),
		tr(2, prakerja.TransferCreditIncentive, prakerja.AccountIncentiveLocked, 600_000, false), // over budget
		tr(3, prakerja.TransferCreditSurvey, prakerja.AccountSurveyLocked, 50_000, false),
		tr(4, prakerja.TransferCreditSurvey, prakerja.AccountSurveyLocked, 50_000, true), // chain left open
	}
	got, err := s.ApplyTransfers(ctx, batch, AfterClose)
	must(t, err)
	want := []prakerja.TransferResult{prakerja.ResultLinkedEventFailed, prakerja.ResultExceedsCredits,
		prakerja.ResultCreated, prakerja.ResultLinkedChainOpen}
	diff(t, "results", got, want)
	if b := balance(t, s, prakerja.ParticipantAccountID(p, prakerja.AccountTraining)); b.CreditsPosted != 0 {
		t.Fatalf("failed chain left a credit: %+v", b)
	}
	if _, err := s.LedgerTransfer(ctx, tid(1)); prakerja.ErrorCode(err) != prakerja.CodeNotFound {
		t.Fatalf("rolled-back transfer stored: %v", err)
	}
	if b := balance(t, s, lw.Budget); b.DebitsPosted != 50_000 {
		t.Fatalf("budget debits %d, want 50000", b.DebitsPosted)
	}
	WantLedgerSound(t, s)
}
