// Package registration implements prakerja.RegistrationService: accounts,
// e-mail confirmation, phone verification by SMS code, passwordless sign-in
// and server-side sessions.
//
// Personal data is sealed with pii before it reaches the store, and every
// secret the service hands out (link token, one-time code, session token)
// is stored only as a keyed hash. Messages go to the outbox in the same
// transaction as the state they announce; notify delivers them.
package registration

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/onlinetest"
	"github.com/prakerja/prakerja/pii"
)

var _ prakerja.RegistrationService = (*Service)(nil)

// Service implements prakerja.RegistrationService.
type Service struct {
	store prakerja.Store
	keys  *pii.Keyring
	clock prakerja.Clock
	cfg   Config
	// bank is the online test's question bank; nil means onlinetest.Builtin().
	bank *onlinetest.Bank
}

// New returns a service. It panics on an invalid cfg, a programming error:
// callers that take settings from outside check cfg.Validate first.
func New(store prakerja.Store, keys *pii.Keyring, clock prakerja.Clock, cfg Config) *Service {
	if err := cfg.Validate(); err != nil {
		panic("registration: " + err.Error())
	}
	if store == nil || keys == nil || clock == nil {
		panic("registration: nil store, keys or clock")
	}
	return &Service{store: store, keys: keys, clock: clock, cfg: cfg}
}

// now reads the clock once per operation, in UTC, cut to the microsecond
// the stores keep, so what Register returns equals what a read gives back.
func (s *Service) now() time.Time { return s.clock.Now().UTC().Truncate(time.Microsecond) }

// Registration returns one registration with its personal data decrypted.
func (s *Service) Registration(ctx context.Context, id int64) (*prakerja.Registration, error) {
	rec, err := s.store.Registration(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.open(rec)
}

// open decrypts a stored record.
func (s *Service) open(rec *prakerja.RegistrationRecord) (*prakerja.Registration, error) {
	r := &prakerja.Registration{
		ID:               rec.ID,
		FullName:         rec.FullName,
		Sex:              rec.Sex,
		DomicileDistrict: rec.DomicileDistrict,
		Status:           rec.Status,
		Reasons:          rec.Reasons,
		EmailVerifiedAt:  rec.EmailVerifiedAt,
		PhoneVerifiedAt:  rec.PhoneVerifiedAt,
		CreatedAt:        rec.CreatedAt,
		UpdatedAt:        rec.UpdatedAt,

		WorkImpact:         rec.WorkImpact,
		TargetingConsentAt: rec.TargetingConsentAt,
		ConsentNotice:      rec.ConsentNotice,
		WithdrawnAt:        rec.WithdrawnAt,
	}
	var err error
	if r.BirthDate, err = time.Parse(time.DateOnly, rec.BirthDate); err != nil {
		return nil, fmt.Errorf("registration %d: birth date: %w", rec.ID, err)
	}
	fields := []struct {
		field prakerja.IndexField
		ct    []byte
		dst   *string
	}{
		{prakerja.IndexEmail, rec.Email.Ciphertext, &r.Email},
		{prakerja.IndexPhone, rec.Phone.Ciphertext, &r.Phone},
		{prakerja.IndexNIK, rec.NIK.Ciphertext, &r.NIK},
		{prakerja.IndexKK, rec.KK.Ciphertext, &r.KK},
	}
	for _, f := range fields {
		if f.ct == nil {
			continue // KK is nullable in storage
		}
		if *f.dst, err = s.keys.Open(f.field, f.ct); err != nil {
			return nil, fmt.Errorf("registration %d: %w", rec.ID, err)
		}
	}
	return r, nil
}
