package registration

import (
	"context"
	"fmt"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/otp"
)

// FinishLogin checks a sign-in code and opens a session. Expiry is read from
// the sealed id before the store is asked, and wrong codes against a decoy
// id are counted like a real challenge's attempts, so a decoy fails over
// time exactly as a real sign-in would: otp_invalid, then otp_exhausted or
// otp_expired.
func (s *Service) FinishLogin(ctx context.Context, loginIDText, code string) (*prakerja.Registration, *prakerja.SessionToken, error) {
	now := s.now()
	id, ok := s.openLoginID(loginIDText)
	if !ok {
		return nil, nil, reword(prakerja.Errorf(prakerja.CodeOTPInvalid, ""), codeMessages)
	}
	code, ok = otp.Clean(code, s.cfg.OTPLength)
	if !ok {
		return nil, nil, prakerja.Errorf(prakerja.CodeOTPInvalid, "The code must be %d digits.", s.cfg.OTPLength)
	}
	if !now.Before(id.expires) {
		return nil, nil, reword(prakerja.Errorf(prakerja.CodeOTPExpired, ""), codeMessages)
	}
	if id.challenge == 0 {
		return nil, nil, s.decoyAttempt(ctx, loginIDText, id)
	}
	hash := s.otpHash(prakerja.PurposeLogin, id.registration, id.expires, code)
	ch, err := s.store.ConsumeChallenge(ctx, id.challenge, hash, now)
	if err != nil {
		return nil, nil, reword(err, codeMessages)
	}
	if ch.Purpose != prakerja.PurposeLogin || ch.RegistrationID != id.registration {
		return nil, nil, fmt.Errorf("login challenge %d: purpose or registration differs from its sealed id", id.challenge)
	}
	return s.signIn(ctx, id.registration, now)
}

// decoyAttempt counts a wrong code against a decoy id, in a bucket keyed by
// the id and windowed at its expiry, and answers as ConsumeChallenge would.
func (s *Service) decoyAttempt(ctx context.Context, text string, id loginID) error {
	n, err := s.store.HitRateLimit(ctx, s.rateKey(rateLoginDecoy, []byte(text)), id.expires)
	if err != nil {
		return fmt.Errorf("decoy login: %w", err)
	}
	if n > int64(s.cfg.OTPMaxAttempts) {
		return reword(prakerja.Errorf(prakerja.CodeOTPExhausted, ""), codeMessages)
	}
	return reword(prakerja.Errorf(prakerja.CodeOTPInvalid, ""), codeMessages)
}
