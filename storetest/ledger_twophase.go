package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// creditedParticipant credits one participant's training and incentive
// slot 1 and unlocks the incentive, returning the wave.
func creditedParticipant(tb testing.TB, s prakerja.Store) (*LedgerWave, int64) {
	tb.Helper()
	lw := MustLedgerWave(tb, s, 1, 1_600_000)
	p := lw.Participants[0]
	acct := func(c prakerja.AccountCode) int64 { return prakerja.ParticipantAccountID(p, c) }
	MustApply(tb, s,
		prakerja.Transfer{ID: prakerja.CreditID(lw.Wave.ID, p, prakerja.TransferCreditTraining, 1), DebitAccount: lw.Budget,
			CreditAccount: acct(prakerja.AccountTraining), Amount: 1_000_000, Ledger: 1, Code: prakerja.TransferCreditTraining},
		prakerja.Transfer{ID: prakerja.CreditID(lw.Wave.ID, p, prakerja.TransferCreditIncentive, 1), DebitAccount: lw.Budget,
			CreditAccount: acct(prakerja.AccountIncentiveLocked), Amount: 600_000, Ledger: 1, Code: prakerja.TransferCreditIncentive},
		prakerja.Transfer{ID: prakerja.UnlockID(p, prakerja.TransferUnlockIncentive, 1), DebitAccount: acct(prakerja.AccountIncentiveLocked),
			CreditAccount: acct(prakerja.AccountIncentiveAvailable), Amount: 600_000, Ledger: 1, Code: prakerja.TransferUnlockIncentive})
	clearing := prakerja.SystemAccountID(prakerja.AccountPayoutClearing, 0, 1)
	mustCreateAccounts(tb, s, []prakerja.Account{SystemAccount(clearing, prakerja.AccountPayoutClearing, 0, "BNI")})
	return lw, p
}

// testLedgerTwoPhase reserves a payout, then checks post, partial post,
// void, double resolution and expiry.
func testLedgerTwoPhase(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	_, p := creditedParticipant(t, s)
	avail := prakerja.ParticipantAccountID(p, prakerja.AccountIncentiveAvailable)
	clearing := prakerja.SystemAccountID(prakerja.AccountPayoutClearing, 0, 1)
	pending := func(id byte, amount int64, timeout time.Duration) prakerja.Transfer {
		return prakerja.Transfer{ID: tid(id), DebitAccount: avail, CreditAccount: clearing, Amount: amount, Ledger: 1,
			Code: prakerja.TransferPayout, Flags: prakerja.TransferPending, Timeout: timeout}
	}
	resolve := func(id, ref byte, flag prakerja.TransferFlags, amount int64) prakerja.Transfer {
		return prakerja.Transfer{ID: tid(id), Ref: tid(ref), Amount: amount, Flags: flag}
	}
	at := AfterClose
	tests := []struct {
		name string
		tr   prakerja.Transfer
		now  time.Time
		want prakerja.TransferResult
	}{
		{"Reserve", pending(1, 400_000, time.Hour), at, prakerja.ResultCreated},
		{"ReserveTooMuch", pending(2, 200_001, 0), at, prakerja.ResultExceedsCredits},
		{"ReserveRest", pending(2, 200_000, 0), at, prakerja.ResultCreated},
		{"PostOverPending", resolve(3, 1, prakerja.TransferPostPending, 400_001), at, prakerja.ResultExceedsPendingAmount},
		{"PostPartial", resolve(3, 1, prakerja.TransferPostPending, 300_000), at, prakerja.ResultCreated},
		{"PostRetryFull", resolve(3, 1, prakerja.TransferPostPending, 300_000), at, prakerja.ResultExists},
		{"VoidResolved", resolve(4, 1, prakerja.TransferVoidPending, 0), at, prakerja.ResultAlreadyResolved},
		{"PostNotPending", resolve(4, 3, prakerja.TransferPostPending, 0), at, prakerja.ResultNotPending},
		{"PostUnknown", resolve(4, 99, prakerja.TransferPostPending, 5), at, prakerja.ResultRefNotFound},
		{"ReserveExpiring", pending(5, 100_000, time.Minute), at, prakerja.ResultCreated},
		{"PostExpired", resolve(6, 5, prakerja.TransferPostPending, 0), at.Add(time.Minute), prakerja.ResultPendingExpired},
		{"Void", resolve(6, 2, prakerja.TransferVoidPending, 0), at, prakerja.ResultCreated},
		{"PostVoided", resolve(7, 2, prakerja.TransferPostPending, 0), at, prakerja.ResultAlreadyResolved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.ApplyTransfers(ctx, []prakerja.Transfer{tt.tr}, tt.now)
			must(t, err)
			if got[0] != tt.want {
				t.Fatalf("got %s, want %s", got[0], tt.want)
			}
		})
	}
	// 300k posted, 100k of transfer 1 returned, 200k voided, 100k pending.
	if b := balance(t, s, avail); b.DebitsPosted != 300_000 || b.DebitsPending != 100_000 {
		t.Fatalf("available account %+v", b)
	}
	n, err := s.ExpirePending(ctx, at.Add(time.Minute), 10)
	must(t, err)
	again, err := s.ExpirePending(ctx, at.Add(time.Minute), 10)
	must(t, err)
	if n != 1 || again != 0 {
		t.Fatalf("expired %d then %d, want 1 then 0", n, again)
	}
	if b := balance(t, s, avail); b.DebitsPending != 0 || b.Available() != 300_000 {
		t.Fatalf("after expiry %+v", b)
	}
	WantLedgerSound(t, s)
}

// testLedgerRefund reverses a purchase once, for at most its amount.
func testLedgerRefund(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	_, p := creditedParticipant(t, s)
	training := prakerja.ParticipantAccountID(p, prakerja.AccountTraining)
	provider := prakerja.SystemAccountID(prakerja.AccountProviderPayable, 7, 0)
	mustCreateAccounts(t, s, []prakerja.Account{SystemAccount(provider, prakerja.AccountProviderPayable, 7, "LPP")})
	buy := prakerja.Transfer{ID: tid(1), DebitAccount: training, CreditAccount: provider, Amount: 700_000, Ledger: 1,
		Code: prakerja.TransferPurchase}
	refund := func(id byte, amount int64) prakerja.Transfer {
		return prakerja.Transfer{ID: tid(id), DebitAccount: provider, CreditAccount: training, Amount: amount, Ledger: 1,
			Code: prakerja.TransferRefund, Ref: tid(1)}
	}
	tests := []struct {
		name string
		tr   prakerja.Transfer
		want prakerja.TransferResult
	}{
		{"Buy", buy, prakerja.ResultCreated},
		{"BuyOverBalance", prakerja.Transfer{ID: tid(2), DebitAccount: training, CreditAccount: provider, Amount: 300_001,
			Ledger: 1, Code: prakerja.TransferPurchase}, prakerja.ResultExceedsCredits},
		{"RefundTooMuch", refund(3, 700_001), prakerja.ResultRefMismatch},
		{"RefundWrongWay", prakerja.Transfer{ID: tid(3), DebitAccount: training, CreditAccount: provider, Amount: 5,
			Ledger: 1, Code: prakerja.TransferRefund, Ref: tid(1)}, prakerja.ResultRefMismatch},
		{"Refund", refund(3, 700_000), prakerja.ResultCreated},
		{"RefundTwice", refund(4, 700_000), prakerja.ResultAlreadyResolved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.ApplyTransfers(ctx, []prakerja.Transfer{tt.tr}, AfterClose)
			must(t, err)
			if got[0] != tt.want {
				t.Fatalf("got %s, want %s", got[0], tt.want)
			}
		})
	}
	if b := balance(t, s, training); b.Balance() != 1_000_000 {
		t.Fatalf("training balance %d after refund, want 1000000", b.Balance())
	}
	WantLedgerSound(t, s)
}

// testLedgerHotAccount has many goroutines debit one budget with
// overlapping ids (retries of the same transfers): each id is applied
// once and the budget's total is exact.
func testLedgerHotAccount(t *testing.T, open Opener) {
	s := open(t)
	const workers, per = 8, 25
	lw := MustLedgerWave(t, s, per, per*1_000_000)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range per {
				p := lw.Participants[(i+w)%per]
				tr := prakerja.Transfer{ID: prakerja.CreditID(lw.Wave.ID, p, prakerja.TransferCreditTraining, 1),
					DebitAccount: lw.Budget, CreditAccount: prakerja.ParticipantAccountID(p, prakerja.AccountTraining),
					Amount: 1_000_000, Ledger: 1, Code: prakerja.TransferCreditTraining}
				res, err := s.ApplyTransfers(context.Background(), []prakerja.Transfer{tr}, AfterClose)
				if err != nil || !res[0].OK() {
					t.Errorf("worker %d: %v %v", w, res, err)
				}
			}
		})
	}
	wg.Wait()
	if b := balance(t, s, lw.Budget); b.DebitsPosted != per*1_000_000 || b.Balance() != 0 {
		t.Fatalf("budget %+v, want exactly %d debited", b, per*1_000_000)
	}
	WantLedgerSound(t, s)
}
