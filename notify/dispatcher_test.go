package notify_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
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

var T0 = time.Date(2026, time.March, 10, 3, 0, 0, 0, time.UTC)

// fakeSender records deliveries and fails when fail returns an error.
type fakeSender struct {
	mu   sync.Mutex
	got  []notify.Rendered
	fail func(m notify.Rendered) error
}

func (f *fakeSender) Send(_ context.Context, m notify.Rendered) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		if err := f.fail(m); err != nil {
			return err
		}
	}
	f.got = append(f.got, m)
	return nil
}

type outboxEnv struct {
	store prakerja.Store
	keys  *pii.Keyring
	clock *mock.Clock
	reg   *registration.Service
	email *fakeSender
	d     *notify.Dispatcher
	cfg   notify.DispatcherConfig
}

func newOutboxEnv(t *testing.T) *outboxEnv {
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
	keys, _ := pii.NewKeyFile("k1").Keyring()
	e := &outboxEnv{store: store, keys: keys, clock: mock.NewClock(T0), email: &fakeSender{}, cfg: notify.DefaultDispatcherConfig()}
	e.reg = registration.New(store, keys, e.clock, registration.DefaultConfig())
	e.cfg.Batch = 10
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.d, err = notify.NewDispatcher(store, keys, e.clock, map[prakerja.Channel]notify.Sender{prakerja.ChannelEmail: e.email}, e.cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

var seq atomic.Int64

// register queues one welcome e-mail and returns the registration.
func (e *outboxEnv) register(t *testing.T) *prakerja.Registration {
	t.Helper()
	n := seq.Add(1)
	r, err := e.reg.Register(context.Background(), prakerja.RegisterInput{
		FullName: "Budi Santoso", Email: fmt.Sprintf("budi.%d@example.id", n), Phone: fmt.Sprintf("0813%08d", n),
		NIK: fmt.Sprintf("317101170895%04d", n%9999+1), KK: "3171011203150007", BirthDate: "1995-08-17", Sex: "M",
		DomicileDistrict: "31.71.01",
	}, prakerja.Client{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (e *outboxEnv) message(t *testing.T, regID int64) *prakerja.Message {
	t.Helper()
	msgs, err := e.store.Messages(context.Background(), prakerja.MessageFilter{RegistrationID: regID, Limit: 1})
	if err != nil || len(msgs) != 1 {
		t.Fatalf("messages: %d, %v", len(msgs), err)
	}
	return msgs[0]
}

func TestDispatcherSends(t *testing.T) {
	t.Parallel()
	e := newOutboxEnv(t)
	ctx := context.Background()
	regs := []*prakerja.Registration{e.register(t), e.register(t), e.register(t)}
	sent, failed, err := e.d.RunOnce(ctx)
	if err != nil || sent != 3 || failed != 0 {
		t.Fatalf("RunOnce = %d, %d, %v", sent, failed, err)
	}
	byTo := map[string]notify.Rendered{}
	for _, m := range e.email.got {
		byTo[m.To] = m
	}
	for _, r := range regs {
		m, ok := byTo[r.Email]
		if !ok || m.Template != notify.TemplateEmailConfirm || !strings.Contains(m.Body, m.Secret) || !strings.Contains(m.Body, "Budi Santoso") {
			t.Fatalf("delivery to registration %d: %+v", r.ID, m)
		}
		if msg := e.message(t, r.ID); !msg.SentAt.Equal(T0) {
			t.Fatalf("message %d sent at %v", msg.ID, msg.SentAt)
		}
	}
	if sent, failed, err := e.d.RunOnce(ctx); sent+failed != 0 || err != nil {
		t.Fatalf("second round = %d, %d, %v", sent, failed, err)
	}
}

func TestDispatcherRetries(t *testing.T) {
	t.Parallel()
	e := newOutboxEnv(t)
	ctx := context.Background()
	r := e.register(t)
	e.email.fail = func(m notify.Rendered) error {
		return fmt.Errorf("550 <%s> mailbox full; link %s", m.To, m.Secret)
	}
	wantNext := T0
	for attempt := 1; attempt <= e.cfg.MaxAttempts; attempt++ {
		sent, failed, err := e.d.RunOnce(ctx)
		if err != nil || sent != 0 || failed != 1 {
			t.Fatalf("attempt %d: RunOnce = %d, %d, %v", attempt, sent, failed, err)
		}
		m := e.message(t, r.ID)
		if strings.Contains(m.LastError, r.Email) || strings.Contains(m.LastError, "token=") || !strings.Contains(m.LastError, "mailbox full") {
			t.Fatalf("attempt %d: last error %q", attempt, m.LastError)
		}
		if attempt == e.cfg.MaxAttempts {
			if !m.NextAttemptAt.Equal(notify.NeverRetry) || !strings.HasPrefix(m.LastError, "gave up after") {
				t.Fatalf("final attempt: next %v, error %q", m.NextAttemptAt, m.LastError)
			}
			break
		}
		wait := min(e.cfg.BackoffBase<<(attempt-1), e.cfg.BackoffMax)
		if wantNext = e.clock.Now().Add(wait); !m.NextAttemptAt.Equal(wantNext) {
			t.Fatalf("attempt %d: next %v, want %v", attempt, m.NextAttemptAt, wantNext)
		}
		e.clock.Add(wait - time.Second)
		if sent, failed, _ := e.d.RunOnce(ctx); sent+failed != 0 {
			t.Fatalf("attempt %d: retried before its time", attempt)
		}
		e.clock.Add(time.Second)
	}
	e.clock.Add(365 * 24 * time.Hour)
	if sent, failed, _ := e.d.RunOnce(ctx); sent+failed != 0 {
		t.Fatal("retried a message it gave up on")
	}
}

func TestDispatcherGivesUpOnBadTemplate(t *testing.T) {
	t.Parallel()
	e := newOutboxEnv(t)
	ctx := context.Background()
	r := e.register(t)
	if _, _, err := e.d.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	params, _ := notify.EncodeParams(e.keys, map[string]string{"code": "1"})
	rcpt, _ := e.keys.Seal(prakerja.IndexEmail, r.Email)
	msg := &prakerja.Message{RegistrationID: r.ID, Channel: prakerja.ChannelEmail, Template: "no_such_template",
		Locale: "id", Recipient: prakerja.Sealed{Ciphertext: rcpt.Ciphertext}, Params: params, NextAttemptAt: T0, CreatedAt: T0}
	ch := &prakerja.Challenge{RegistrationID: r.ID, Purpose: prakerja.PurposeLogin, Channel: prakerja.ChannelEmail,
		CodeHash: []byte{1}, MaxAttempts: 1, ExpiresAt: T0.Add(time.Minute), CreatedAt: T0}
	if err := e.store.CreateChallenge(ctx, ch, msg); err != nil {
		t.Fatal(err)
	}
	if sent, failed, err := e.d.RunOnce(ctx); err != nil || sent != 0 || failed != 1 {
		t.Fatalf("RunOnce = %d, %d, %v", sent, failed, err)
	}
	if m := e.message(t, r.ID); !m.NextAttemptAt.Equal(notify.NeverRetry) || !strings.Contains(m.LastError, "gave up after 1") {
		t.Fatalf("next %v, error %q", m.NextAttemptAt, m.LastError)
	}
}

func TestDispatcherNoSender(t *testing.T) {
	t.Parallel()
	e := newOutboxEnv(t)
	ctx := context.Background()
	r := e.register(t)
	if _, _, err := e.d.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	r, sess, err := e.reg.ConfirmEmail(ctx, strings.Split(e.email.got[0].Secret, "token=")[1])
	if err != nil || sess == nil {
		t.Fatal(err)
	}
	if _, err := e.reg.SendPhoneOTP(ctx, r.ID, prakerja.Client{}); err != nil {
		t.Fatal(err)
	}
	if sent, failed, err := e.d.RunOnce(ctx); err != nil || sent != 0 || failed != 1 {
		t.Fatalf("RunOnce = %d, %d, %v", sent, failed, err)
	}
	if m := e.message(t, r.ID); m.Channel != prakerja.ChannelSMS || !strings.Contains(m.LastError, "no sender for channel sms") {
		t.Fatalf("message %s: %q", m.Channel, m.LastError)
	}
}

func TestDispatcherDropsStaleCodes(t *testing.T) {
	t.Parallel()
	e := newOutboxEnv(t)
	ctx := context.Background()
	r := e.register(t)
	if _, _, err := e.d.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.reg.ConfirmEmail(ctx, strings.Split(e.email.got[0].Secret, "token=")[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := e.reg.SendPhoneOTP(ctx, r.ID, prakerja.Client{}); err != nil {
		t.Fatal(err)
	}
	phone := &fakeSender{}
	d, err := notify.NewDispatcher(e.store, e.keys, e.clock, map[prakerja.Channel]notify.Sender{prakerja.ChannelSMS: phone}, e.cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Add(e.cfg.StaleAfter + time.Second)
	if sent, failed, err := d.RunOnce(ctx); err != nil || sent != 0 || failed != 1 || len(phone.got) != 0 {
		t.Fatalf("RunOnce = %d, %d, %v; delivered %d", sent, failed, err, len(phone.got))
	}
	if m := e.message(t, r.ID); !m.NextAttemptAt.Equal(notify.NeverRetry) || !strings.Contains(m.LastError, "expired") {
		t.Fatalf("next %v, error %q", m.NextAttemptAt, m.LastError)
	}
}

func TestDispatcherRun(t *testing.T) {
	t.Parallel()
	e := newOutboxEnv(t)
	for range 25 { // more than one batch of 10
		e.register(t)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.d.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		e.email.mu.Lock()
		n := len(e.email.got)
		e.email.mu.Unlock()
		if n == 25 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("delivered %d of 25", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
}

func TestDecodeParams(t *testing.T) {
	t.Parallel()
	e := newOutboxEnv(t)
	m := e.message(t, e.register(t).ID)
	p, err := notify.DecodeParams(e.keys, m)
	if err != nil || !strings.Contains(p["link"], "token=") {
		t.Fatalf("params %v, %v", p, err)
	}
	m.Params[len(m.Params)-1] ^= 1
	if _, err := notify.DecodeParams(e.keys, m); !errors.Is(err, pii.ErrDecrypt) {
		t.Fatalf("tampered params: %v", err)
	}
}
