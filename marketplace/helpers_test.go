package marketplace_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/card"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/sqlite"
	"github.com/prakerja/prakerja/storetest"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// programmeEnd is the last day of the test scheme: the 2020 scheme moved
// to the storetest fixtures' year, so its deadlines apply on their clock.
var programmeEnd = scheme.Date{Year: 2025, Month: time.December, Day: 15}

// env is a marketplace on a migrated SQLite store with the seed catalogue
// and credited participants holding real (Luhn-valid) card numbers.
type env struct {
	store  *sqldb.Store
	keys   *pii.Keyring
	clock  *clock
	svc    *marketplace.Service
	seed   *marketplace.Seed
	wave   *storetest.LedgerWave
	cards  map[int64]string // registration → card number
	issuer *card.Issuer
}

// newEnv builds an env with n participants credited Rp 1.000.000 each.
func newEnv(t testing.TB, n int) *env {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	if _, _, err := sqlite.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	keys, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{store: store, keys: keys, clock: &clock{t: storetest.T0}, cards: map[int64]string{}}
	cfg := marketplace.DefaultConfig()
	cfg.Schemes = func(name string) (*scheme.Scheme, error) {
		sc, err := scheme.Builtin(name)
		if err != nil {
			return nil, err
		}
		sc = sc.Clone()
		sc.ProgrammeEnd = programmeEnd
		return sc, nil
	}
	e.svc = marketplace.New(store, keys, e.clock, cfg)
	if e.seed, err = e.svc.SeedCatalogue(ctx); err != nil {
		t.Fatal(err)
	}
	e.issuer, err = card.NewIssuer("517690", []byte("0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	e.addParticipants(t, n)
	return e
}

// addParticipants makes a credited wave and gives each participant a
// Luhn-valid card number (the fixture's numbers only look like cards).
func (e *env) addParticipants(t testing.TB, n int) {
	t.Helper()
	e.wave = storetest.MustLedgerWave(t, e.store, n, int64(n)*1_000_000)
	for i, reg := range e.wave.Participants {
		storetest.MustApply(t, e.store, prakerja.Transfer{
			ID:           prakerja.CreditID(e.wave.Wave.ID, reg, prakerja.TransferCreditTraining, 1),
			DebitAccount: e.wave.Budget, CreditAccount: prakerja.ParticipantAccountID(reg, prakerja.AccountTraining),
			Amount: 1_000_000, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferCreditTraining, UserData: int64(i)})
		number, err := e.issuer.Number(uint64(reg))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.Writer().Exec(`UPDATE participants SET card_number = ? WHERE registration_id = ?`,
			number, reg); err != nil {
			t.Fatal(err)
		}
		e.cards[reg] = number
	}
}

// course returns a seed course of platform i (0..7) matching want.
func (e *env) course(t *testing.T, platform int, want func(*prakerja.Course) bool) *prakerja.Course {
	t.Helper()
	list, err := e.store.Courses(context.Background(), prakerja.CourseFilter{PlatformID: e.seed.Platforms[platform].ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if want(c) {
			return c
		}
	}
	t.Fatalf("no such seed course on platform %d", platform)
	return nil
}

// anyCourse accepts any course.
func anyCourse(*prakerja.Course) bool { return true }

// lastCode reads the newest payment code sent to reg, as the phone would.
func (e *env) lastCode(t *testing.T, reg int64) string {
	t.Helper()
	msgs, err := e.store.Messages(context.Background(), prakerja.MessageFilter{RegistrationID: reg,
		Template: notify.TemplatePurchaseOTP, Limit: 1})
	if err != nil || len(msgs) == 0 {
		t.Fatalf("no payment SMS for %d: %v", reg, err)
	}
	params, err := notify.DecodeParams(e.keys, msgs[0])
	if err != nil {
		t.Fatal(err)
	}
	return params["code"]
}

// wantCode fails unless err carries code ("" = no error).
func wantCode(t *testing.T, err error, code prakerja.Code) {
	t.Helper()
	if got := prakerja.ErrorCode(err); got != code {
		t.Fatalf("error code %q (%v), want %q", got, err, code)
	}
}

// balance is a participant's training balance.
func (e *env) balance(t *testing.T, reg int64) int64 {
	t.Helper()
	b, err := e.svc.Balance(context.Background(), reg)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
