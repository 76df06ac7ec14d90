package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testMarketPurchase takes one purchase through its whole life: charge,
// a wrong code (counted), the right code (debit and voucher in one
// transaction), redeem, complete with a certificate, and the review whose
// first occurrence queues the incentive unlocks. Balances are checked at
// each money step and the ledger must stay sound.
func testMarketPurchase(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	m := mustMarket(t, s, 1)
	reg, c := m.lw.Participants[0], m.courses[0]
	p := m.mustCharge(t, s, reg, c, "ORD-1", 1)
	if p.State != prakerja.PurchasePending || p.ID == 0 || p.ChallengeID == 0 {
		t.Fatalf("charge %+v", p)
	}
	dup, ch, msg := m.charge(reg, c, "ORD-1", 2)
	WantCode(t, s.CreateCharge(ctx, dup, ch, msg), prakerja.CodeOrderTaken)
	if n := countMessages(t, s, "purchase_otp"); n != 1 {
		t.Fatalf("%d payment SMS, want 1 (a refused order sends none)", n)
	}
	_, err := m.confirm(s, p, 99, T0.Add(time.Minute))
	WantCode(t, err, prakerja.CodeOTPInvalid)
	paid, err := m.confirm(s, p, 1, T0.Add(time.Minute))
	must(t, err)
	if paid.State != prakerja.PurchasePaid || !prakerja.ValidVoucherCode(paid.VoucherCode) || paid.TransferID != p.TransferID {
		t.Fatalf("paid %+v", paid)
	}
	if got := trainingBalance(t, s, reg); got != TrainingBalance2020-c.Price {
		t.Fatalf("training balance %d, want %d", got, TrainingBalance2020-c.Price)
	}
	if got := payable(t, s, c.ProviderID); got != c.Price {
		t.Fatalf("payable %d, want %d", got, c.Price)
	}
	_, err = m.confirm(s, p, 1, T0.Add(2*time.Minute))
	WantCode(t, err, prakerja.CodeVoucherState)
	testMarketVoucherSteps(t, s, m, paid)
	WantLedgerSound(t, s)
}

// testMarketVoucherSteps redeems, completes and reviews a paid voucher,
// with each step refused out of order or for the wrong provider.
func testMarketVoucherSteps(t *testing.T, s prakerja.Store, m *market, paid *prakerja.Purchase) {
	ctx := context.Background()
	code, provider, other := paid.VoucherCode, paid.ProviderID, m.providers[1].ID
	at := T0.Add(time.Hour)
	_, err := s.CompleteVoucher(ctx, provider, code, "PK-1", at)
	WantCode(t, err, prakerja.CodeVoucherState)
	_, err = s.RedeemVoucher(ctx, other, code, at)
	WantCode(t, err, prakerja.CodeVoucherUnknown)
	_, err = s.RedeemVoucher(ctx, provider, "ZZZZZZZZZZZZ", at)
	WantCode(t, err, prakerja.CodeVoucherUnknown)
	redeemed, err := s.RedeemVoucher(ctx, provider, code, at)
	must(t, err)
	if redeemed.State != prakerja.PurchaseRedeemed || !redeemed.RedeemedAt.Equal(at) {
		t.Fatalf("redeemed %+v", redeemed)
	}
	_, err = s.RefundVoucher(ctx, paid.PlatformID, code, at)
	WantCode(t, err, prakerja.CodeVoucherState)
	review := prakerja.ReviewInput{Review: prakerja.CourseReview{PurchaseID: paid.ID, RegistrationID: paid.RegistrationID,
		Stars: 5, Text: "Bagus", CreatedAt: at}, IncentiveCount: 4, IntervalDays: 30}
	_, err = s.ReviewPurchase(ctx, review)
	WantCode(t, err, prakerja.CodeVoucherState)
	done, err := s.CompleteVoucher(ctx, provider, code, fmt.Sprintf("PK-%d", paid.ID), at)
	must(t, err)
	if done.State != prakerja.PurchaseCompleted || done.Certificate == "" {
		t.Fatalf("completed %+v", done)
	}
	if n, err := s.UnreviewedCompletions(ctx, paid.RegistrationID); err != nil || n != 1 {
		t.Fatalf("unreviewed %d, %v; want 1", n, err)
	}
	testMarketReview(t, s, m, review)
}

// testMarketReview stores the first review and checks the unlock jobs:
// one per incentive slot, IntervalDays apart from the review; a second
// review of the same purchase is refused.
func testMarketReview(t *testing.T, s prakerja.Store, m *market, in prakerja.ReviewInput) {
	ctx := context.Background()
	bad := in
	bad.Review.Stars = 6
	_, err := s.ReviewPurchase(ctx, bad)
	WantCode(t, err, prakerja.CodeInvalid)
	stranger := in
	stranger.Review.RegistrationID = in.Review.RegistrationID + 1_000_000
	_, err = s.ReviewPurchase(ctx, stranger)
	WantCode(t, err, prakerja.CodeNotFound)
	got, err := s.ReviewPurchase(ctx, in)
	must(t, err)
	if got.Review == nil || got.Review.Stars != 5 || got.Review.Text != "Bagus" {
		t.Fatalf("review %+v", got.Review)
	}
	_, err = s.ReviewPurchase(ctx, in)
	WantCode(t, err, prakerja.CodeConflict)
	jobs, err := s.Jobs(ctx, prakerja.JobFilter{Kind: prakerja.JobUnlockIncentive, RegistrationID: in.Review.RegistrationID})
	must(t, err)
	if len(jobs) != 4 {
		t.Fatalf("%d unlock jobs, want 4", len(jobs))
	}
	for _, j := range jobs {
		want := in.Review.CreatedAt.Add(time.Duration(j.Slot-1) * 30 * 24 * time.Hour)
		if !j.DueAt.Equal(want) || j.WaveID != m.lw.Wave.ID || j.Key != fmt.Sprintf("%d:%d", j.RegistrationID, j.Slot) {
			t.Fatalf("job %+v, want due %s", j, want)
		}
	}
	if n, err := s.UnreviewedCompletions(ctx, in.Review.RegistrationID); err != nil || n != 0 {
		t.Fatalf("unreviewed %d, %v; want 0", n, err)
	}
	list, err := s.Purchases(ctx, prakerja.PurchaseFilter{RegistrationID: in.Review.RegistrationID})
	must(t, err)
	if len(list) != 1 || list[0].Review == nil || list[0].CourseTitle == "" {
		t.Fatalf("purchases %+v", list)
	}
}

// testMarketRefusals checks each reason a confirmation is refused leaves
// no debit and no voucher: too little balance, a course taken off sale, a
// revoked card, an expired code, a code tried too often; and that a refund
// returns the money exactly once.
func testMarketRefusals(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	m := mustMarket(t, s, 3)
	a, b, c := m.lw.Participants[0], m.lw.Participants[1], m.lw.Participants[2]
	t.Run("ErrBalance", func(t *testing.T) {
		p := m.mustCharge(t, s, a, m.courses[3], "DEAR-1", 10)
		_, err := m.confirm(s, p, 10, T0.Add(time.Minute))
		WantCode(t, err, prakerja.CodeBalanceInsufficient)
		wantPending(t, s, p.ID)
	})
	t.Run("ErrCourseInactive", func(t *testing.T) {
		p := m.mustCharge(t, s, a, m.courses[2], "OFF-1", 11)
		must(t, s.SetCourseActive(ctx, m.courses[2].ID, false))
		defer func() { must(t, s.SetCourseActive(ctx, m.courses[2].ID, true)) }()
		_, err := m.confirm(s, p, 11, T0.Add(time.Minute))
		WantCode(t, err, prakerja.CodeCourseInactive)
		wantPending(t, s, p.ID)
	})
	t.Run("ErrExpired", func(t *testing.T) {
		p := m.mustCharge(t, s, a, m.courses[2], "LATE-1", 12)
		_, err := m.confirm(s, p, 12, T0.Add(5*time.Minute))
		WantCode(t, err, prakerja.CodeOTPExpired)
	})
	t.Run("ErrExhausted", func(t *testing.T) {
		p := m.mustCharge(t, s, b, m.courses[2], "TRY-1", 13)
		for range 3 {
			_, err := m.confirm(s, p, 14, T0.Add(time.Minute))
			WantCode(t, err, prakerja.CodeOTPInvalid)
		}
		_, err := m.confirm(s, p, 13, T0.Add(time.Minute))
		WantCode(t, err, prakerja.CodeOTPExhausted)
	})
	t.Run("ErrRevoked", func(t *testing.T) {
		p := m.mustCharge(t, s, c, m.courses[0], "REV-1", 15)
		_, err := s.RevokeParticipant(ctx, prakerja.Revocation{RegistrationID: c, Reason: prakerja.RevokeReasonFirstPurchase,
			NIKIndex: Index("nik", c)}, nil, T0)
		must(t, err)
		_, err = m.confirm(s, p, 15, T0.Add(time.Minute))
		WantCode(t, err, prakerja.CodeCardRevoked)
		if got := trainingBalance(t, s, c); got != TrainingBalance2020 {
			t.Fatalf("revoked card debited: %d", got)
		}
	})
	testMarketRefund(t, s, m, b)
	WantLedgerSound(t, s)
}

// testMarketRefund refunds a paid voucher once: the balance comes back and
// a second refund, or one by another platform, is refused.
func testMarketRefund(t *testing.T, s prakerja.Store, m *market, reg int64) {
	ctx := context.Background()
	paid := m.mustPaid(t, s, reg, m.courses[1])
	if got := trainingBalance(t, s, reg); got != TrainingBalance2020-m.courses[1].Price {
		t.Fatalf("after purchase: %d", got)
	}
	_, err := s.RefundVoucher(ctx, m.platforms[0].ID, paid.VoucherCode, T0.Add(time.Hour))
	WantCode(t, err, prakerja.CodeVoucherUnknown)
	back, err := s.RefundVoucher(ctx, paid.PlatformID, paid.VoucherCode, T0.Add(time.Hour))
	must(t, err)
	if back.State != prakerja.PurchaseRefunded || back.RefundedAt.IsZero() {
		t.Fatalf("refunded %+v", back)
	}
	if got := trainingBalance(t, s, reg); got != TrainingBalance2020 {
		t.Fatalf("after refund: %d, want %d", got, TrainingBalance2020)
	}
	_, err = s.RefundVoucher(ctx, paid.PlatformID, paid.VoucherCode, T0.Add(2*time.Hour))
	WantCode(t, err, prakerja.CodeVoucherState)
	if got := payable(t, s, paid.ProviderID); got != 0 {
		t.Fatalf("payable after refund %d", got)
	}
}

// wantPending fails unless a purchase is still pending without a voucher.
func wantPending(tb testing.TB, s prakerja.Store, id int64) {
	tb.Helper()
	p, err := s.Purchase(context.Background(), id)
	must(tb, err)
	if p.State != prakerja.PurchasePending || p.VoucherCode != "" {
		tb.Fatalf("purchase %+v after a refusal", p)
	}
}

// testMarketConfirmRace confirms one charge from many goroutines at once
// with the right code: exactly one debit and one voucher.
func testMarketConfirmRace(t *testing.T, open Opener) {
	s := open(t)
	m := mustMarket(t, s, 1)
	reg := m.lw.Participants[0]
	p := m.mustCharge(t, s, reg, m.courses[0], "RACE-1", 20)
	errs := make(chan error, raceWorkers)
	for range raceWorkers {
		go func() {
			_, err := m.confirm(s, p, 20, T0.Add(time.Minute))
			errs <- err
		}()
	}
	ok := 0
	for range raceWorkers {
		err := <-errs
		switch prakerja.ErrorCode(err) {
		case "":
			ok++
		case prakerja.CodeVoucherState, prakerja.CodeOTPUsed:
		default:
			t.Fatalf("unexpected: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d confirmations succeeded, want 1", ok)
	}
	if got := trainingBalance(t, s, reg); got != TrainingBalance2020-m.courses[0].Price {
		t.Fatalf("balance %d after the race", got)
	}
}
