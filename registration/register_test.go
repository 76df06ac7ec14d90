package registration_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

func TestRegister(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	in := person()
	got, err := e.svc.Register(ctx, in, prakerja.Client{Locale: "en-US"})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == 0 || got.Status != prakerja.StatusRegistered {
		t.Fatalf("id %d, status %q", got.ID, got.Status)
	}
	if got.Email != strings.ToLower(in.Email) || !strings.HasPrefix(got.Phone, "+628") {
		t.Fatalf("email %q, phone %q not canonical", got.Email, got.Phone)
	}
	read, err := e.svc.Registration(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(got, read); d != "" {
		t.Fatalf("Registration differs from Register (-register +read):\n%s", d)
	}

	msgs, err := e.store.Messages(ctx, prakerja.MessageFilter{RegistrationID: got.ID})
	if err != nil || len(msgs) != 1 {
		t.Fatalf("messages = %d, %v", len(msgs), err)
	}
	m := msgs[0]
	if m.Template != notify.TemplateEmailConfirm || m.Channel != prakerja.ChannelEmail || m.Locale != "en" {
		t.Fatalf("message %s/%s/%s", m.Template, m.Channel, m.Locale)
	}
	if to, err := notify.DecodeRecipient(e.keys, m); err != nil || to != got.Email {
		t.Fatalf("recipient %q, %v", to, err)
	}
	p := e.params(t, got.ID, notify.TemplateEmailConfirm)
	if p["name"] != got.FullName || !strings.HasPrefix(p["link"], "https://prakerja.test/confirm-email?token=") {
		t.Fatalf("params %v", p)
	}
}

func TestRegisterTaken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first := person()
	e.register(t, first)
	tests := []struct {
		name string
		edit func(in *prakerja.RegisterInput)
		code prakerja.Code
	}{
		{"ErrNIKTaken", func(in *prakerja.RegisterInput) { in.NIK = first.NIK }, prakerja.CodeNIKTaken},
		{"ErrEmailTaken", func(in *prakerja.RegisterInput) { in.Email = strings.ToUpper(first.Email) }, prakerja.CodeEmailTaken},
		{"ErrPhoneTaken", func(in *prakerja.RegisterInput) { in.Phone = "+62" + strings.ReplaceAll(first.Phone, "-", "")[1:] }, prakerja.CodePhoneTaken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := person()
			tt.edit(&in)
			_, err := e.svc.Register(context.Background(), in, prakerja.Client{})
			wantCode(t, err, tt.code)
			wantNoPersonalData(t, err, in)
		})
	}
}

func TestRegisterConcurrentNIK(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const workers = 20
	nik := person().NIK
	var wg sync.WaitGroup
	codes := make([]prakerja.Code, workers)
	for i := range workers {
		in := person()
		in.NIK = nik
		wg.Go(func() {
			_, err := e.svc.Register(context.Background(), in, prakerja.Client{})
			codes[i] = prakerja.ErrorCode(err)
		})
	}
	wg.Wait()
	count := map[prakerja.Code]int{}
	for _, c := range codes {
		count[c]++
	}
	if count[""] != 1 || count[prakerja.CodeNIKTaken] != workers-1 {
		t.Fatalf("outcomes %v, want 1 success and %d nik_taken", count, workers-1)
	}
}

func TestConfirmEmail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	link := func(t *testing.T) string {
		r := e.register(t, person())
		return token(t, e.params(t, r.ID, notify.TemplateEmailConfirm)["link"])
	}
	t.Run("OK", func(t *testing.T) {
		tok := link(t)
		r, sess, err := e.svc.ConfirmEmail(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != prakerja.StatusEmailVerified || r.EmailVerifiedAt.IsZero() {
			t.Fatalf("status %q, verified at %v", r.Status, r.EmailVerifiedAt)
		}
		if sess.ExpiresAt != T0.Add(e.cfg.SessionTTL) {
			t.Fatalf("session expires %v", sess.ExpiresAt)
		}
		if a, err := e.svc.Authenticate(ctx, sess.Token); err != nil || a.ID != r.ID {
			t.Fatalf("Authenticate = %v, %v", a, err)
		}
		_, _, err = e.svc.ConfirmEmail(ctx, tok)
		wantCode(t, err, prakerja.CodeOTPUsed)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		for _, tok := range []string{"", "abc", strings.Repeat("A", 43), strings.Repeat("x", 500)} {
			_, _, err := e.svc.ConfirmEmail(ctx, tok)
			wantCode(t, err, prakerja.CodeNotFound)
		}
	})
	t.Run("ErrExpired", func(t *testing.T) {
		tok := link(t)
		e.clock.Add(e.cfg.EmailLinkTTL + time.Second)
		_, _, err := e.svc.ConfirmEmail(ctx, tok)
		wantCode(t, err, prakerja.CodeOTPExpired)
	})
}
