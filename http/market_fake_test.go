package http

import (
	"context"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/marketplace"
)

// marketFake is an in-memory MarketService for the handlers: it accepts
// any API key, answers with a fixture purchase, and err (when set) fails
// every call after authentication. calls records what reached it.
type marketFake struct {
	mu    sync.Mutex
	err   error
	calls []string
	// lastCharge and lastReview are the inputs the handlers passed.
	lastCharge marketplace.ChargeInput
	lastReview marketplace.ReviewInput
	// reviewErr fails Review alone, so the page can still list purchases.
	reviewErr error
}

var _ MarketService = (*marketFake)(nil)

func (f *marketFake) record(call string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call)
	return f.err
}

// testCourse is the catalogue fixture: a flagged course.
func testCourse() *prakerja.Course {
	return &prakerja.Course{ID: 17, ProviderID: 5, PlatformID: 3, Title: "Pemasaran Digital untuk UMKM",
		Description: "Video, modul, dan tugas praktik.", Price: 250_000, Hours: 12, Active: true,
		ConflictOfInterest: true, ProviderName: "Akademi Cendekia 5", PlatformName: "Skill Academy"}
}

// testPurchase is a purchase fixture in state st.
func testPurchase(st prakerja.PurchaseState) *prakerja.Purchase {
	p := &prakerja.Purchase{ID: 41, RegistrationID: 42, CourseID: 17, PlatformID: 3, ProviderID: 5, OrderID: "TKP-2020-0001",
		Amount: 250_000, State: st, OTPExpiresAt: testNow.Add(5 * time.Minute), CreatedAt: testNow,
		CourseTitle: "Pemasaran Digital untuk UMKM", PlatformName: "Skill Academy", ProviderName: "Akademi Cendekia 5"}
	if st != prakerja.PurchasePending {
		p.VoucherCode, p.PaidAt = "7K2QX9M4RT1B", testNow.Add(time.Minute)
	}
	if st == prakerja.PurchaseCompleted {
		p.RedeemedAt, p.CompletedAt, p.Certificate = testNow.Add(time.Hour), testNow.Add(48*time.Hour), "PK-2020-0000000041"
	}
	return p
}

func (f *marketFake) Courses(_ context.Context, flt prakerja.CourseFilter) ([]*prakerja.Course, int64, error) {
	if err := f.record("Courses"); err != nil {
		return nil, 0, err
	}
	return []*prakerja.Course{testCourse()}, 1, nil
}

func (f *marketFake) Course(_ context.Context, id int64) (*prakerja.Course, error) {
	if err := f.record("Course"); err != nil {
		return nil, err
	}
	if id != 17 {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No course %d.", id)
	}
	return testCourse(), nil
}

func (f *marketFake) AuthenticatePlatform(context.Context, string) (*prakerja.Platform, error) {
	return &prakerja.Platform{ID: 3, Slug: "skill-academy", Name: "Skill Academy"}, nil
}

func (f *marketFake) AuthenticateProvider(context.Context, string) (*prakerja.Provider, error) {
	return &prakerja.Provider{ID: 5, Slug: "lpp-5", Name: "Akademi Cendekia 5"}, nil
}

func (f *marketFake) Charge(_ context.Context, _ *prakerja.Platform, in marketplace.ChargeInput) (*prakerja.Purchase, error) {
	f.mu.Lock()
	f.lastCharge = in
	f.mu.Unlock()
	if err := f.record("Charge"); err != nil {
		return nil, err
	}
	return testPurchase(prakerja.PurchasePending), nil
}

func (f *marketFake) Confirm(context.Context, *prakerja.Platform, int64, string) (*prakerja.Purchase, error) {
	if err := f.record("Confirm"); err != nil {
		return nil, err
	}
	return testPurchase(prakerja.PurchasePaid), nil
}

func (f *marketFake) Refund(context.Context, *prakerja.Platform, string) (*prakerja.Purchase, error) {
	if err := f.record("Refund"); err != nil {
		return nil, err
	}
	return testPurchase(prakerja.PurchaseRefunded), nil
}

func (f *marketFake) Redeem(context.Context, *prakerja.Provider, string) (*prakerja.Purchase, error) {
	if err := f.record("Redeem"); err != nil {
		return nil, err
	}
	return testPurchase(prakerja.PurchaseRedeemed), nil
}

func (f *marketFake) Complete(context.Context, *prakerja.Provider, string) (*prakerja.Purchase, error) {
	if err := f.record("Complete"); err != nil {
		return nil, err
	}
	return testPurchase(prakerja.PurchaseCompleted), nil
}

func (f *marketFake) Purchases(context.Context, int64) ([]*prakerja.Purchase, error) {
	if err := f.record("Purchases"); err != nil {
		return nil, err
	}
	abandoned := testPurchase(prakerja.PurchasePending)
	abandoned.ID, abandoned.CourseTitle, abandoned.OTPExpiresAt = 40, "Kursus Ditinggalkan", testNow.Add(-time.Minute)
	return []*prakerja.Purchase{testPurchase(prakerja.PurchaseCompleted), testPurchase(prakerja.PurchasePaid), abandoned}, nil
}

func (f *marketFake) Review(_ context.Context, _, _ int64, in marketplace.ReviewInput) (*prakerja.Purchase, error) {
	f.mu.Lock()
	f.lastReview = in
	f.mu.Unlock()
	if err := f.record("Review"); err != nil {
		return nil, err
	}
	if f.reviewErr != nil {
		return nil, f.reviewErr
	}
	p := testPurchase(prakerja.PurchaseCompleted)
	p.Review = &prakerja.CourseReview{PurchaseID: p.ID, Stars: in.Stars, Text: in.Text, CreatedAt: testNow}
	return p, nil
}

func (f *marketFake) Balance(context.Context, int64) (int64, error) {
	if err := f.record("Balance"); err != nil {
		return 0, err
	}
	return 750_000, nil
}
