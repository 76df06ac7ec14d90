package registration_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/registration"
	"github.com/prakerja/prakerja/sqlite"
)

// T0 is the tests' "now": 10:00 WIB on a Tuesday.
var T0 = time.Date(2026, time.March, 10, 3, 0, 0, 0, time.UTC)

// env is one test's service on its own SQLite file.
type env struct {
	svc   *registration.Service
	store prakerja.Store
	keys  *pii.Keyring
	clock *mock.Clock
	cfg   registration.Config
}

func newEnv(t testing.TB, adjust ...func(*registration.Config)) *env {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "prakerja.db")
	if _, _, err := sqlite.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	keys, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	cfg := registration.DefaultConfig()
	cfg.BaseURL = "https://prakerja.test"
	for _, f := range adjust {
		f(&cfg)
	}
	clock := mock.NewClock(T0)
	return &env{svc: registration.New(store, keys, clock, cfg), store: store, keys: keys, clock: clock, cfg: cfg}
}

// seq makes every person unique across the test run.
var seq atomic.Int64

// person returns a valid input: a woman born 1995-08-17 (NIK day 57), with
// a NIK, e-mail and phone no other call returns.
func person() prakerja.RegisterInput {
	n := seq.Add(1)
	return prakerja.RegisterInput{
		FullName:         "Siti Nur’aini",
		Email:            fmt.Sprintf("Siti.%d@Example.co.id", n),
		Phone:            fmt.Sprintf("0812-%04d-%04d", n/10000%10000, n%10000),
		NIK:              fmt.Sprintf("317101570895%04d", n%9999+1),
		KK:               "3171011203150007",
		BirthDate:        "1995-08-17",
		Sex:              "F",
		DomicileDistrict: "31.71.01",
	}
}

// register registers in, failing the test on error.
func (e *env) register(t *testing.T, in prakerja.RegisterInput) *prakerja.Registration {
	t.Helper()
	r, err := e.svc.Register(context.Background(), in, prakerja.Client{Addr: "198.51.100.7"})
	if err != nil {
		t.Fatalf("Register: %v", err)
	}
	return r
}

// params returns the parameters of the newest message of template for a
// registration, as the demo reads them.
func (e *env) params(t *testing.T, regID int64, template string) map[string]string {
	t.Helper()
	msgs, err := e.store.Messages(context.Background(), prakerja.MessageFilter{RegistrationID: regID, Template: template, Limit: 1})
	if err != nil || len(msgs) == 0 {
		t.Fatalf("no %s message for registration %d: %v", template, regID, err)
	}
	p, err := notify.DecodeParams(e.keys, msgs[0])
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// token extracts the token of a confirmation link.
func token(t *testing.T, link string) string {
	t.Helper()
	_, tok, ok := strings.Cut(link, "/confirm-email?token=")
	if !ok {
		t.Fatalf("link %q has no token", link)
	}
	return tok
}

// confirmed registers a person and confirms the e-mail address.
func (e *env) confirmed(t *testing.T, in prakerja.RegisterInput) (*prakerja.Registration, *prakerja.SessionToken) {
	t.Helper()
	r := e.register(t, in)
	r, sess, err := e.svc.ConfirmEmail(context.Background(), token(t, e.params(t, r.ID, notify.TemplateEmailConfirm)["link"]))
	if err != nil {
		t.Fatalf("ConfirmEmail: %v", err)
	}
	return r, sess
}

// verified registers a person, confirms the e-mail and verifies the phone.
func (e *env) verified(t *testing.T, in prakerja.RegisterInput) *prakerja.Registration {
	t.Helper()
	r, _ := e.confirmed(t, in)
	if _, err := e.svc.SendPhoneOTP(context.Background(), r.ID, prakerja.Client{}); err != nil {
		t.Fatalf("SendPhoneOTP: %v", err)
	}
	r, err := e.svc.VerifyPhone(context.Background(), r.ID, e.params(t, r.ID, notify.TemplatePhoneOTP)["code"])
	if err != nil {
		t.Fatalf("VerifyPhone: %v", err)
	}
	e.clock.Add(e.cfg.OTPResendInterval) // let the next code go out
	return r
}

// wantCode fails unless err carries code ("" means no error).
func wantCode(t *testing.T, err error, code prakerja.Code) {
	t.Helper()
	if got := prakerja.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// wrongCode returns a well-formed code different from code.
func wrongCode(code string) string {
	if code == "000000" {
		return "111111"
	}
	return "000000"
}
