package registration

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/otp"
	"github.com/prakerja/prakerja/notify"
)

// SendPhoneOTP queues an SMS with a new code for the registration's phone
// and returns when the code expires. The phone is verified only after the
// e-mail: a confirmed mailbox is the cheaper proof, and an SMS costs money.
func (s *Service) SendPhoneOTP(ctx context.Context, registrationID int64, c prakerja.Client) (time.Time, error) {
	now := s.now()
	rec, err := s.store.Registration(ctx, registrationID)
	if err != nil {
		return time.Time{}, err
	}
	switch {
	case rec.EmailVerifiedAt.IsZero():
		return time.Time{}, prakerja.Errorf(prakerja.CodeConflict, "Confirm your e-mail address first, with the link we sent you.")
	case !rec.PhoneVerifiedAt.IsZero():
		return time.Time{}, prakerja.Errorf(prakerja.CodeConflict, "This phone number is already verified.")
	}
	if err := s.checkResend(ctx, rec.ID, prakerja.PurposePhoneVerify, now); err != nil {
		return time.Time{}, err
	}
	limits := append(s.addrLimit(c), limit{s.rateKey(rateSMS, rec.Phone.Index), s.cfg.SMSPerPhoneHour, time.Hour})
	if err := s.hit(ctx, now, limits...); err != nil {
		return time.Time{}, err
	}
	phone, err := s.keys.Open(prakerja.IndexPhone, rec.Phone.Ciphertext)
	if err != nil {
		return time.Time{}, err
	}
	ch, msg, err := s.newCode(rec.ID, prakerja.PurposePhoneVerify, prakerja.ChannelSMS, phone, c.Locale, s.cfg.OTPTTL, now)
	if err != nil {
		return time.Time{}, err
	}
	if err := s.store.CreateChallenge(ctx, ch, msg); err != nil {
		return time.Time{}, err
	}
	return ch.ExpiresAt, nil
}

// newCode draws a one-time code and builds its challenge and the message
// that delivers it. The expiry is cut to whole seconds because otpHash binds
// it and the store must give back exactly the value hashed.
func (s *Service) newCode(regID int64, purpose prakerja.ChallengePurpose, ch prakerja.Channel, to, locale string, ttl time.Duration, now time.Time) (*prakerja.Challenge, *prakerja.Message, error) {
	code := otp.New(s.cfg.OTPLength)
	exp := now.Add(ttl).Truncate(time.Second)
	c := &prakerja.Challenge{
		RegistrationID: regID,
		Purpose:        purpose,
		Channel:        ch,
		CodeHash:       s.otpHash(purpose, regID, exp, code),
		MaxAttempts:    s.cfg.OTPMaxAttempts,
		ExpiresAt:      exp,
		CreatedAt:      now,
	}
	template := notify.TemplatePhoneOTP
	if purpose == prakerja.PurposeLogin {
		template = notify.TemplateLoginOTP
	}
	params := map[string]string{"code": code, "minutes": itoa(int64(ttl / time.Minute))}
	msg, err := s.newMessage(ch, to, template, locale, params, now)
	if err != nil {
		return nil, nil, err
	}
	msg.RegistrationID = regID
	return c, msg, nil
}

// VerifyPhone checks the SMS code against the newest phone challenge. A
// code that is not even n digits is refused without costing an attempt: it
// cannot be a guess.
func (s *Service) VerifyPhone(ctx context.Context, registrationID int64, code string) (*prakerja.Registration, error) {
	code, ok := otp.Clean(code, s.cfg.OTPLength)
	if !ok {
		return nil, prakerja.Errorf(prakerja.CodeOTPInvalid, "The code must be %d digits.", s.cfg.OTPLength)
	}
	ch, err := s.store.LatestChallenge(ctx, registrationID, prakerja.PurposePhoneVerify)
	if err != nil {
		return nil, reword(err, codeMessages)
	}
	hash := s.otpHash(prakerja.PurposePhoneVerify, registrationID, ch.ExpiresAt, code)
	if _, err := s.store.ConsumeChallenge(ctx, ch.ID, hash, s.now()); err != nil {
		return nil, reword(err, codeMessages)
	}
	return s.Registration(ctx, registrationID)
}
