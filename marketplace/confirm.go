package marketplace

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/otp"
)

// Confirm completes a charge with the code the participant read from the
// SMS: the training balance is debited and the voucher issued in one
// transaction. A code that is not even the right length costs no attempt.
// Returns CodeNotFound (no such charge of this platform), CodeVoucherState,
// CodeOTPInvalid, CodeOTPExpired, CodeOTPUsed, CodeOTPExhausted,
// CodeProgrammeEnded, CodeCardRevoked, CodeCourseInactive or
// CodeBalanceInsufficient.
func (s *Service) Confirm(ctx context.Context, platform *prakerja.Platform, chargeID int64, code string) (*prakerja.Purchase, error) {
	code, ok := otp.Clean(code, s.cfg.OTPLength)
	if !ok {
		return nil, prakerja.Errorf(prakerja.CodeOTPInvalid, "The code must be %d digits.", s.cfg.OTPLength)
	}
	p, err := s.store.Purchase(ctx, chargeID)
	if err != nil || p.PlatformID != platform.ID {
		if err == nil || prakerja.ErrorCode(err) == prakerja.CodeNotFound {
			return nil, prakerja.Errorf(prakerja.CodeNotFound, "No such charge of this platform.")
		}
		return nil, err
	}
	now := s.now()
	if err := s.participantOpen(ctx, p.RegistrationID, now); err != nil {
		return nil, err
	}
	in := prakerja.PurchaseConfirmation{PurchaseID: p.ID, PlatformID: platform.ID,
		CodeHash: s.otpHash(p.RegistrationID, p.OTPExpiresAt, code), VoucherCode: newVoucherCode(), Charge: p}
	return s.store.ConfirmPurchase(ctx, in, now)
}

// participantOpen checks the programme end of the participant's wave
// again at confirmation: a charge made before midnight of the last day may
// be confirmed after it.
func (s *Service) participantOpen(ctx context.Context, regID int64, now time.Time) error {
	if name, ok := s.cache.scheme(regID); ok {
		return s.openForSale(name, now)
	}
	subject, err := s.store.JobSubject(ctx, regID)
	if err != nil {
		return err
	}
	s.cache.putScheme(regID, subject.Scheme)
	return s.openForSale(subject.Scheme, now)
}

// newVoucherCode draws VoucherCodeLen Crockford base32 characters: 60
// random bits, so a voucher cannot be guessed, and no I, L, O or U to
// misread when it is typed on the provider's page.
func newVoucherCode() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	v := binary.BigEndian.Uint64(b[:])
	out := make([]byte, prakerja.VoucherCodeLen)
	for i := range out {
		out[i] = prakerja.CrockfordAlphabet[v&31]
		v >>= 5
	}
	return string(out)
}
