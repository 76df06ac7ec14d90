package marketplace_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/storetest"
)

// TestPurchaseFlow buys a seed course through the service as a platform
// and a provider would: charge (SMS in the outbox), a wrong code, the
// right code, redeem, complete, review. It checks the money at each step,
// the certificate number and the incentive schedule the review starts.
func TestPurchaseFlow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, 1)
	reg := e.wave.Participants[0]
	platform := e.seed.Platforms[0]
	c := e.course(t, 0, anyCourse)
	p, err := e.svc.Charge(ctx, platform, marketplace.ChargeInput{CardNumber: e.cards[reg], CourseID: c.ID, OrderID: "TKP-1"})
	if err != nil {
		t.Fatal(err)
	}
	if p.State != prakerja.PurchasePending || p.Amount != c.Price || p.VoucherCode != "" {
		t.Fatalf("charge %+v", p)
	}
	code := e.lastCode(t, reg)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	_, err = e.svc.Confirm(ctx, platform, p.ID, wrong)
	wantCode(t, err, prakerja.CodeOTPInvalid)
	_, err = e.svc.Confirm(ctx, e.seed.Platforms[1], p.ID, code)
	wantCode(t, err, prakerja.CodeNotFound)
	paid, err := e.svc.Confirm(ctx, platform, p.ID, code[:3]+" "+code[3:])
	if err != nil {
		t.Fatal(err)
	}
	if got := e.balance(t, reg); got != 1_000_000-c.Price {
		t.Fatalf("balance %d after buying Rp %d", got, c.Price)
	}
	provider := providerOf(t, e, c.ProviderID)
	_, err = e.svc.Redeem(ctx, provider, strings.ToLower(paid.VoucherCode))
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Set(storetest.T0.Add(48 * time.Hour))
	done, err := e.svc.Complete(ctx, provider, paid.VoucherCode)
	if err != nil {
		t.Fatal(err)
	}
	if want := marketplace.CertificateNumber(paid.ID, e.clock.Now()); done.Certificate != want || !strings.HasPrefix(want, "PK-2025-") {
		t.Fatalf("certificate %q, want %q", done.Certificate, want)
	}
	reviewAndCheckJobs(t, e, reg, done.ID)
}

// reviewAndCheckJobs reviews a completed purchase and checks the four
// monthly unlock jobs of the 2020 scheme.
func reviewAndCheckJobs(t *testing.T, e *env, reg, purchaseID int64) {
	t.Helper()
	ctx := context.Background()
	_, err := e.svc.Review(ctx, reg, purchaseID, marketplace.ReviewInput{Stars: 0, Text: "x"})
	wantCode(t, err, prakerja.CodeInvalid)
	_, err = e.svc.Review(ctx, reg, purchaseID, marketplace.ReviewInput{Stars: 4, Text: "   "})
	wantCode(t, err, prakerja.CodeInvalid)
	got, err := e.svc.Review(ctx, reg, purchaseID, marketplace.ReviewInput{Stars: 4, Text: " Materinya jelas. "})
	if err != nil {
		t.Fatal(err)
	}
	if got.Review == nil || got.Review.Text != "Materinya jelas." {
		t.Fatalf("review %+v", got.Review)
	}
	jobs, err := e.store.Jobs(ctx, prakerja.JobFilter{Kind: prakerja.JobUnlockIncentive, RegistrationID: reg})
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 4 {
		t.Fatalf("%d unlock jobs, want 4", len(jobs))
	}
	first := e.clock.Now().UTC()
	for _, j := range jobs {
		if want := first.AddDate(0, 0, 30*(j.Slot-1)); !j.DueAt.Equal(want) {
			t.Fatalf("slot %d due %s, want %s", j.Slot, j.DueAt, want)
		}
	}
}

// providerOf returns a seed provider by id.
func providerOf(t *testing.T, e *env, id int64) *prakerja.Provider {
	t.Helper()
	for _, p := range e.seed.Providers {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no seed provider %d", id)
	return nil
}

// TestRefund refunds a paid voucher through the platform that sold it:
// the money comes back once, and a redeemed voucher cannot be refunded.
func TestRefund(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, 1)
	reg := e.wave.Participants[0]
	platform := e.seed.Platforms[1]
	paid := buy(t, e, reg, 1, e.course(t, 1, anyCourse), "BL-1")
	_, err := e.svc.Refund(ctx, e.seed.Platforms[0], paid.VoucherCode)
	wantCode(t, err, prakerja.CodeVoucherUnknown)
	back, err := e.svc.Refund(ctx, platform, paid.VoucherCode)
	if err != nil {
		t.Fatal(err)
	}
	if back.State != prakerja.PurchaseRefunded || e.balance(t, reg) != 1_000_000 {
		t.Fatalf("refund %+v, balance %d", back, e.balance(t, reg))
	}
	_, err = e.svc.Refund(ctx, platform, paid.VoucherCode)
	wantCode(t, err, prakerja.CodeVoucherState)
	again := buy(t, e, reg, 1, e.course(t, 1, anyCourse), "BL-2")
	if _, err := e.svc.Redeem(ctx, providerOf(t, e, again.ProviderID), again.VoucherCode); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Refund(ctx, platform, again.VoucherCode)
	wantCode(t, err, prakerja.CodeVoucherState)
	storetest.WantLedgerSound(t, e.store)
}

// buy charges and confirms a course for reg on seed platform i.
func buy(t *testing.T, e *env, reg int64, i int, c *prakerja.Course, order string) *prakerja.Purchase {
	t.Helper()
	ctx := context.Background()
	p, err := e.svc.Charge(ctx, e.seed.Platforms[i], marketplace.ChargeInput{CardNumber: e.cards[reg], CourseID: c.ID, OrderID: order})
	if err != nil {
		t.Fatal(err)
	}
	paid, err := e.svc.Confirm(ctx, e.seed.Platforms[i], p.ID, e.lastCode(t, reg))
	if err != nil {
		t.Fatal(err)
	}
	return paid
}
