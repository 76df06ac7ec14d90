package marketplace

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/card"
	"github.com/prakerja/prakerja/internal/otp"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/scheme"
)

// ChargeInput is what a platform sends to charge a card for a course.
type ChargeInput struct {
	CardNumber string // 16 digits, as the participant typed it at checkout
	CourseID   int64
	OrderID    string // the platform's own order id, unique per platform
	Locale     string // of the SMS: "id" (default) or "en"
}

// Charge starts a card payment: every rule that can refuse the sale is
// checked first (so no SMS is paid for a purchase that cannot happen),
// then the pending purchase and the SMS with its code are stored together.
// Returns CodeInvalid, CodeNotFound (no such course on this platform),
// CodeCourseInactive, CodeCardUnknown, CodeCardRevoked, CodeProgrammeEnded,
// CodeReviewRequired, CodeBalanceInsufficient, CodeRateLimited or
// CodeOrderTaken.
func (s *Service) Charge(ctx context.Context, platform *prakerja.Platform, in ChargeInput) (*prakerja.Purchase, error) {
	if err := validateCharge(in); err != nil {
		return nil, err
	}
	now := s.now()
	course, holder, err := s.chargeChecks(ctx, platform, in, now)
	if err != nil {
		return nil, err
	}
	c, msg, err := s.newPurchaseCode(holder, course.Price, in.Locale, now)
	if err != nil {
		return nil, err
	}
	p := &prakerja.Purchase{RegistrationID: holder.RegistrationID, CourseID: course.ID, PlatformID: platform.ID,
		ProviderID: course.ProviderID, OrderID: in.OrderID, Amount: course.Price,
		TransferID: prakerja.NewTransferID(now), CreatedAt: now}
	if err := s.store.CreateCharge(ctx, p, c, msg); err != nil {
		return nil, err
	}
	p.CourseTitle, p.PlatformName, p.ProviderName = course.Title, course.PlatformName, course.ProviderName
	return p, nil
}

// validateCharge checks the platform's input before any read.
func validateCharge(in ChargeInput) error {
	var fields []prakerja.FieldError
	if err := card.Valid(in.CardNumber); err != nil {
		fields = append(fields, prakerja.ErrorFields(err)...)
	}
	if in.CourseID <= 0 {
		fields = append(fields, prakerja.FieldError{Field: "course_id", Code: prakerja.CodeRequired,
			Message: "Name the course to buy."})
	}
	if !validOrderID(in.OrderID) {
		fields = append(fields, prakerja.FieldError{Field: "order_id", Code: prakerja.CodeBadFormat,
			Message: "An order id is 1 to 64 letters, digits and . _ : -"})
	}
	if len(fields) > 0 {
		return &prakerja.Error{Code: prakerja.CodeInvalid, Message: "The charge is not valid.", Fields: fields}
	}
	return nil
}

// validOrderID keeps order ids printable and short: they are echoed in
// answers and logs.
func validOrderID(s string) bool {
	if s == "" || len(s) > prakerja.PlatformOrderIDMax {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			c == '.' || c == '_' || c == ':' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

// chargeChecks applies the sale rules in the order a participant can act
// on them: the course, the card, the programme's end, a review owed, the
// balance, and last the SMS rate limit.
func (s *Service) chargeChecks(ctx context.Context, platform *prakerja.Platform, in ChargeInput, now time.Time) (*prakerja.Course, *prakerja.CardHolder, error) {
	course, err := s.store.Course(ctx, in.CourseID)
	if err != nil || course.PlatformID != platform.ID {
		if err == nil || prakerja.ErrorCode(err) == prakerja.CodeNotFound {
			return nil, nil, prakerja.Errorf(prakerja.CodeNotFound, "This platform sells no course %d.", in.CourseID)
		}
		return nil, nil, err
	}
	if !course.Active {
		return nil, nil, prakerja.Errorf(prakerja.CodeCourseInactive, "This course is not for sale now.")
	}
	f, err := s.store.ChargeFacts(ctx, in.CardNumber, smsWindowStart(now))
	if err != nil {
		return nil, nil, err
	}
	if f.Holder.Revoked {
		return nil, nil, prakerja.Errorf(prakerja.CodeCardRevoked, "This card has been revoked.")
	}
	if err := s.openForSale(f.Holder.Scheme, now); err != nil {
		return nil, nil, err
	}
	s.cache.putScheme(f.Holder.RegistrationID, f.Holder.Scheme)
	if f.Unreviewed > 0 {
		return nil, nil, prakerja.Errorf(prakerja.CodeReviewRequired, "Review the completed training on the Prakerja dashboard first.")
	}
	if f.Available < course.Price {
		return nil, nil, prakerja.Errorf(prakerja.CodeBalanceInsufficient, "The training balance does not cover the price.")
	}
	if err := s.smsAllowed(f.CodesSince); err != nil {
		return nil, nil, err
	}
	return course, f.Holder, nil
}

// smsWindowStart is the start of the SMS rate-limit hour: a code exactly
// an hour old no longer counts (the store counts "at or after since", to
// the microsecond).
func smsWindowStart(now time.Time) time.Time { return now.Add(-time.Hour + time.Microsecond) }

// smsAllowed refuses a new payment code when the participant has had
// SMSPerPhoneHour of them in the last hour. It counts the stored codes (a
// read, so a charge costs no extra durable write); two charges racing at
// the cap may both pass, which bounds the overshoot by the concurrency of
// one participant's checkout, not by an attacker.
func (s *Service) smsAllowed(codes int64) error {
	if codes >= s.cfg.SMSPerPhoneHour {
		e := prakerja.Errorf(prakerja.CodeRateLimited, "Too many payment codes this hour; try again later.")
		e.Retry = time.Hour
		return e
	}
	return nil
}

// newPurchaseCode draws a payment code and builds its challenge and the
// SMS to the participant's verified phone, whose sealed number is copied
// into the outbox unopened.
func (s *Service) newPurchaseCode(holder *prakerja.CardHolder, amount int64, locale string, now time.Time) (*prakerja.Challenge, *prakerja.Message, error) {
	regID := holder.RegistrationID
	if len(holder.Phone.Ciphertext) == 0 {
		return nil, nil, fmt.Errorf("registration %d has no phone", regID)
	}
	code := otp.New(s.cfg.OTPLength)
	exp := now.Add(s.cfg.OTPTTL).Truncate(time.Second)
	c := &prakerja.Challenge{RegistrationID: regID, Purpose: prakerja.PurposePurchase, Channel: prakerja.ChannelSMS,
		CodeHash: s.otpHash(regID, exp, code), MaxAttempts: s.cfg.OTPMaxAttempts, ExpiresAt: exp, CreatedAt: now}
	params := map[string]string{"code": code, "minutes": strconv.FormatInt(int64(s.cfg.OTPTTL/time.Minute), 10),
		"amount": scheme.FormatRupiah(amount)}
	sealed, err := notify.EncodeParams(s.keys, params)
	if err != nil {
		return nil, nil, fmt.Errorf("purchase code: %w", err)
	}
	msg := &prakerja.Message{RegistrationID: regID, Channel: prakerja.ChannelSMS, Template: notify.TemplatePurchaseOTP,
		Locale: notify.Locale(locale), Recipient: prakerja.Sealed{Ciphertext: holder.Phone.Ciphertext},
		Params: sealed, NextAttemptAt: now, CreatedAt: now}
	return c, msg, nil
}

// otpHash is the keyring's OTPHash under this service's purpose.
func (s *Service) otpHash(regID int64, expires time.Time, code string) []byte {
	return s.keys.OTPHash(prakerja.PurposePurchase, regID, expires, code)
}
