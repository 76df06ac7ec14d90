// Package marketplace is the training marketplace service (DOMAIN §2.6):
// platforms charge a participant's card with an SMS one-time code, the
// purchase debits the training balance and issues a voucher, the provider
// redeems it and reports completion (which issues the certificate), and the
// participant reviews the course; the first review schedules the
// incentives. It is used in-process by the demo and over HTTP by platforms
// and providers.
//
// Secrets are never stored: API keys as SHA-256 hashes, one-time codes as
// keyed hashes. The participant's phone stays sealed; the SMS is queued in
// the outbox with the sealed number copied unopened.
package marketplace

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
)

// Config holds the service's tunables. Start from DefaultConfig.
type Config struct {
	OTPLength      int           // digits of a payment code
	OTPTTL         time.Duration // a payment code's life
	OTPMaxAttempts int           // wrong entries before a code is spent
	// SMSPerPhoneHour caps payment codes sent to one participant per clock
	// hour: an SMS costs money, and a platform bug must not flood a phone.
	SMSPerPhoneHour int64
	// Schemes resolves a wave's scheme name (programme end, incentive
	// schedule). Nil means the built-in schemes; the demo passes its own
	// so that it can run a 2020 scheme on today's clock.
	Schemes func(name string) (*scheme.Scheme, error)
}

// DefaultConfig returns the production defaults.
func DefaultConfig() Config {
	return Config{OTPLength: 6, OTPTTL: 5 * time.Minute, OTPMaxAttempts: 5, SMSPerPhoneHour: 10}
}

// validate refuses a config that would make codes guessable or endless.
func (c Config) validate() error {
	if err := scheme.ValidateOTP(c.OTPLength, c.OTPTTL, c.OTPMaxAttempts); err != nil {
		return err
	}
	if c.SMSPerPhoneHour < 1 {
		return fmt.Errorf("sms per phone hour %d below 1", c.SMSPerPhoneHour)
	}
	return nil
}

// Service runs the marketplace on a store.
type Service struct {
	store prakerja.Store
	keys  *pii.Keyring
	clock prakerja.Clock
	cfg   Config
	cache *readCache
}

// New returns a service. It panics on a nil dependency or a bad config,
// wiring bugs that must stop the binary at start.
func New(store prakerja.Store, keys *pii.Keyring, clock prakerja.Clock, cfg Config) *Service {
	if store == nil || keys == nil || clock == nil {
		panic("marketplace: nil store, keys or clock")
	}
	if err := cfg.validate(); err != nil {
		panic("marketplace: " + err.Error())
	}
	if cfg.Schemes == nil {
		cfg.Schemes = scheme.Builtin
	}
	return &Service{store: store, keys: keys, clock: clock, cfg: cfg, cache: newReadCache()}
}

// now reads the clock once per operation, in UTC, cut to the microsecond
// the stores keep.
func (s *Service) now() time.Time { return s.clock.Now().UTC().Truncate(time.Microsecond) }

// schemeOf resolves a wave's scheme; an unknown name is a configuration
// fault, reported as internal.
func (s *Service) schemeOf(name string) (*scheme.Scheme, error) {
	sc, err := s.cfg.Schemes(name)
	if err != nil {
		return nil, fmt.Errorf("scheme %q: %w", name, err)
	}
	return sc, nil
}

// openForSale refuses spending after the scheme's programme end (the last
// day, WIB, inclusive): unspent balance is forfeited then.
func (s *Service) openForSale(schemeName string, now time.Time) error {
	sc, err := s.schemeOf(schemeName)
	if err != nil {
		return err
	}
	if !now.Before(sc.ProgrammeEndsAt()) {
		return prakerja.Errorf(prakerja.CodeProgrammeEnded, "The programme ended on %s; the training balance can no longer be spent.",
			sc.ProgrammeEnd)
	}
	return nil
}

// Course returns one catalogue course. Returns CodeNotFound.
func (s *Service) Course(ctx context.Context, id int64) (*prakerja.Course, error) {
	return s.store.Course(ctx, id)
}

// Courses lists catalogue courses and counts all that match the filter.
func (s *Service) Courses(ctx context.Context, f prakerja.CourseFilter) ([]*prakerja.Course, int64, error) {
	list, err := s.store.Courses(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	n, err := s.store.CountCourses(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	return list, n, nil
}

// Purchases lists a participant's purchases, newest first.
func (s *Service) Purchases(ctx context.Context, registrationID int64) ([]*prakerja.Purchase, error) {
	return s.store.Purchases(ctx, prakerja.PurchaseFilter{RegistrationID: registrationID})
}

// Balance returns a participant's training balance, 0 before the wave is
// credited.
func (s *Service) Balance(ctx context.Context, registrationID int64) (int64, error) {
	id := prakerja.ParticipantAccountID(registrationID, prakerja.AccountTraining)
	accounts, err := s.store.LedgerAccounts(ctx, []int64{id})
	if err != nil {
		return 0, fmt.Errorf("training balance: %w", err)
	}
	if a, ok := accounts[id]; ok {
		return a.Available(), nil
	}
	return 0, nil
}
