package registration

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

// Register validates and stores a registration with its e-mail confirmation
// challenge and welcome message, all in one store transaction.
func (s *Service) Register(ctx context.Context, in prakerja.RegisterInput, c prakerja.Client) (*prakerja.Registration, error) {
	now := s.now()
	v, err := validate(in, now)
	if err != nil {
		return nil, err
	}
	rec, err := s.newRecord(v, now)
	if err != nil {
		return nil, err
	}
	token, raw := newToken()
	ch := &prakerja.Challenge{
		Purpose:     prakerja.PurposeEmailConfirm,
		Channel:     prakerja.ChannelEmail,
		CodeHash:    s.keys.HMAC(hashEmailLink, raw),
		MaxAttempts: 1, // a link is found by its hash; there are no wrong tries
		ExpiresAt:   now.Add(s.cfg.EmailLinkTTL),
		CreatedAt:   now,
	}
	msg, err := s.newMessage(prakerja.ChannelEmail, v.Email, notify.TemplateEmailConfirm, c.Locale, map[string]string{
		"name":  v.FullName,
		"link":  s.cfg.BaseURL + "/confirm-email?token=" + token,
		"hours": itoa(int64(s.cfg.EmailLinkTTL / time.Hour)),
	}, now)
	if err != nil {
		return nil, err
	}
	if err := s.store.CreateRegistration(ctx, &prakerja.NewRegistration{Record: rec, Challenge: ch, Message: msg}); err != nil {
		return nil, err
	}
	return &prakerja.Registration{
		ID:               rec.ID,
		FullName:         v.FullName,
		Email:            v.Email,
		Phone:            v.Phone,
		NIK:              v.NIK,
		KK:               v.KK,
		BirthDate:        v.BirthDate,
		Sex:              v.Sex,
		DomicileDistrict: v.DomicileDistrict,
		Status:           rec.Status,
		CreatedAt:        now,
		UpdatedAt:        now,

		WorkImpact:         rec.WorkImpact,
		TargetingConsentAt: rec.TargetingConsentAt,
		ConsentNotice:      rec.ConsentNotice,
	}, nil
}

// newRecord seals the personal data of a validated input.
func (s *Service) newRecord(v *input, now time.Time) (*prakerja.RegistrationRecord, error) {
	rec := &prakerja.RegistrationRecord{
		FullName:         v.FullName,
		BirthDate:        v.BirthDate.Format(time.DateOnly),
		Sex:              v.Sex,
		DomicileDistrict: v.DomicileDistrict,
		Status:           prakerja.StatusRegistered,
		CreatedAt:        now,
		UpdatedAt:        now,
		WorkImpact:       v.WorkImpact,
	}
	if v.TargetingConsent {
		rec.TargetingConsentAt, rec.ConsentNotice = now, prakerja.TargetingNoticeVersion
	}
	var err error
	for _, f := range []struct {
		field prakerja.IndexField
		value string
		dst   *prakerja.Sealed
	}{
		{prakerja.IndexNIK, v.NIK, &rec.NIK},
		{prakerja.IndexKK, v.KK, &rec.KK},
		{prakerja.IndexEmail, v.Email, &rec.Email},
		{prakerja.IndexPhone, v.Phone, &rec.Phone},
	} {
		if *f.dst, err = s.keys.Seal(f.field, f.value); err != nil {
			return nil, fmt.Errorf("new registration: %w", err)
		}
	}
	return rec, nil
}

// newMessage builds an outbox message with its recipient and parameters
// sealed. The recipient carries no blind index: the outbox needs none, and
// leaving it out keeps messages from being joined to registrations by it.
func (s *Service) newMessage(ch prakerja.Channel, to, template, locale string, params map[string]string, now time.Time) (*prakerja.Message, error) {
	field := prakerja.IndexEmail
	if ch == prakerja.ChannelSMS {
		field = prakerja.IndexPhone
	}
	rcpt, err := s.keys.Seal(field, to)
	if err != nil {
		return nil, fmt.Errorf("new message: %w", err)
	}
	rcpt.Index = nil
	sealed, err := notify.EncodeParams(s.keys, params)
	if err != nil {
		return nil, fmt.Errorf("new message: %w", err)
	}
	return &prakerja.Message{
		Channel:       ch,
		Template:      template,
		Locale:        notify.Locale(locale),
		Recipient:     rcpt,
		Params:        sealed,
		NextAttemptAt: now,
		CreatedAt:     now,
	}, nil
}

// ConfirmEmail consumes the link's token and signs the registrant in:
// following the link proves control of the mailbox.
func (s *Service) ConfirmEmail(ctx context.Context, token string) (*prakerja.Registration, *prakerja.SessionToken, error) {
	raw, ok := parseToken(token)
	if !ok {
		return nil, nil, reword(prakerja.Errorf(prakerja.CodeNotFound, ""), linkMessages)
	}
	now := s.now()
	ch, err := s.store.ConsumeLink(ctx, prakerja.PurposeEmailConfirm, s.keys.HMAC(hashEmailLink, raw), now)
	if err != nil {
		return nil, nil, reword(err, linkMessages)
	}
	return s.signIn(ctx, ch.RegistrationID, now)
}
