package marketplace

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// normalizeVoucher accepts a code as people type it: lower case, spaces
// and dashes, and the letters Crockford reads as digits (O→0, I/L→1).
func normalizeVoucher(code string) string {
	if len(code) > 4*prakerja.VoucherCodeLen {
		return ""
	}
	code = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(code))
	return strings.NewReplacer("O", "0", "I", "1", "L", "1").Replace(code)
}

// Redeem marks a paid voucher of the provider redeemed: the participant
// started the training. Returns CodeVoucherUnknown or CodeVoucherState.
func (s *Service) Redeem(ctx context.Context, provider *prakerja.Provider, code string) (*prakerja.Purchase, error) {
	return s.store.RedeemVoucher(ctx, provider.ID, normalizeVoucher(code), s.now())
}

// Complete records that the participant finished the training and issues
// the certificate, numbered from the purchase so it is unique and stable.
// Returns CodeVoucherUnknown or CodeVoucherState.
func (s *Service) Complete(ctx context.Context, provider *prakerja.Provider, code string) (*prakerja.Purchase, error) {
	code = normalizeVoucher(code)
	p, err := s.store.PurchaseByVoucher(ctx, code)
	if err != nil {
		return nil, err
	}
	if p.ProviderID != provider.ID {
		return nil, prakerja.Errorf(prakerja.CodeVoucherUnknown, "No voucher with this code.")
	}
	now := s.now()
	return s.store.CompleteVoucher(ctx, provider.ID, code, CertificateNumber(p.ID, now), now)
}

// CertificateNumber is the e-certificate's number: the programme, the
// year of issue (WIB) and the purchase.
func CertificateNumber(purchaseID int64, issued time.Time) string {
	return fmt.Sprintf("PK-%04d-%010d", issued.In(prakerja.WIB).Year(), purchaseID)
}

// Refund returns a paid, unredeemed voucher's price to the training
// balance. Returns CodeVoucherUnknown or CodeVoucherState.
func (s *Service) Refund(ctx context.Context, platform *prakerja.Platform, code string) (*prakerja.Purchase, error) {
	return s.store.RefundVoucher(ctx, platform.ID, normalizeVoucher(code), s.now())
}

// ReviewInput is a participant's rating and text.
type ReviewInput struct {
	Stars int
	Text  string
}

// Review stores the participant's review of a completed training. The
// first review starts the incentive schedule of the participant's scheme.
// Returns CodeInvalid, CodeNotFound, CodeVoucherState or CodeConflict.
func (s *Service) Review(ctx context.Context, registrationID, purchaseID int64, in ReviewInput) (*prakerja.Purchase, error) {
	r := prakerja.CourseReview{PurchaseID: purchaseID, RegistrationID: registrationID, Stars: in.Stars,
		Text: strings.TrimSpace(in.Text), CreatedAt: s.now()}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	subject, err := s.store.JobSubject(ctx, registrationID)
	if err != nil {
		return nil, err
	}
	sc, err := s.schemeOf(subject.Scheme)
	if err != nil {
		return nil, err
	}
	return s.store.ReviewPurchase(ctx, prakerja.ReviewInput{Review: r, IncentiveCount: sc.Incentives.Count,
		IntervalDays: sc.Incentives.IntervalDays})
}
