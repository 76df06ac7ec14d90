package registration_test

import (
	"context"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name      string
		ident     func(in prakerja.RegisterInput, r *prakerja.Registration) string
		channel   prakerja.Channel
		wantFirst prakerja.Code // FinishLogin with the delivered code
	}{
		{"OKEmail", func(in prakerja.RegisterInput, _ *prakerja.Registration) string {
			return " " + strings.ToUpper(in.Email)
		}, prakerja.ChannelEmail, ""},
		{"OKPhone", func(in prakerja.RegisterInput, _ *prakerja.Registration) string { return in.Phone }, prakerja.ChannelSMS, ""},
		{"OKPhoneE164", func(_ prakerja.RegisterInput, r *prakerja.Registration) string { return r.Phone }, prakerja.ChannelSMS, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			in := person()
			r := e.verified(t, in)
			l, err := e.svc.StartLogin(ctx, tt.ident(in, r), prakerja.Client{Locale: "en"})
			if err != nil {
				t.Fatal(err)
			}
			if l.Channel != tt.channel || !l.ExpiresAt.Equal(T0.Add(e.cfg.OTPResendInterval+e.cfg.LoginTTL)) {
				t.Fatalf("login %+v", l)
			}
			code := e.params(t, r.ID, notify.TemplateLoginOTP)["code"]
			got, sess, err := e.svc.FinishLogin(ctx, l.ID, code)
			wantCode(t, err, tt.wantFirst)
			if got.ID != r.ID || sess.Token == "" {
				t.Fatalf("signed in %d with %q", got.ID, sess.Token)
			}
			if a, err := e.svc.Authenticate(ctx, sess.Token); err != nil || a.ID != r.ID {
				t.Fatalf("Authenticate = %v, %v", a, err)
			}
			_, _, err = e.svc.FinishLogin(ctx, l.ID, code)
			wantCode(t, err, prakerja.CodeOTPUsed)
		})
	}
}

func TestLoginFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name string
		try  func(t *testing.T, e *env, l *prakerja.Login, code string) error
		want prakerja.Code
	}{
		{"ErrWrongCode", func(t *testing.T, e *env, l *prakerja.Login, code string) error {
			_, _, err := e.svc.FinishLogin(ctx, l.ID, wrongCode(code))
			return err
		}, prakerja.CodeOTPInvalid},
		{"ErrTamperedID", func(t *testing.T, e *env, l *prakerja.Login, code string) error {
			id := []byte(l.ID)
			id[len(id)-5] ^= 1
			_, _, err := e.svc.FinishLogin(ctx, string(id), code)
			return err
		}, prakerja.CodeOTPInvalid},
		{"ErrGarbageID", func(t *testing.T, e *env, l *prakerja.Login, code string) error {
			_, _, err := e.svc.FinishLogin(ctx, "not-a-login", code)
			return err
		}, prakerja.CodeOTPInvalid},
		{"ErrExpired", func(t *testing.T, e *env, l *prakerja.Login, code string) error {
			e.clock.Add(e.cfg.LoginTTL)
			_, _, err := e.svc.FinishLogin(ctx, l.ID, code)
			return err
		}, prakerja.CodeOTPExpired},
		{"ErrExhausted", func(t *testing.T, e *env, l *prakerja.Login, code string) error {
			return exhaust(t, e, l, code)
		}, prakerja.CodeOTPExhausted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			r, _ := e.confirmed(t, person())
			l, err := e.svc.StartLogin(ctx, r.Email, prakerja.Client{})
			if err != nil {
				t.Fatal(err)
			}
			wantCode(t, tt.try(t, e, l, e.params(t, r.ID, notify.TemplateLoginOTP)["code"]), tt.want)
		})
	}
}

// exhaust makes OTPMaxAttempts wrong tries, each otp_invalid, and returns
// the error of one more try with code.
func exhaust(t *testing.T, e *env, l *prakerja.Login, code string) error {
	t.Helper()
	for i := range e.cfg.OTPMaxAttempts {
		_, _, err := e.svc.FinishLogin(context.Background(), l.ID, wrongCode(code))
		if prakerja.ErrorCode(err) != prakerja.CodeOTPInvalid {
			t.Fatalf("wrong try %d: %v", i+1, err)
		}
	}
	_, _, err := e.svc.FinishLogin(context.Background(), l.ID, code)
	return err
}

// TestLoginUnknownAccount checks that an identifier with no usable account
// gets an answer of the same shape, and a sign-in id that fails exactly as
// a real one does when the code is wrong.
func TestLoginUnknownAccount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	real := e.verified(t, person())
	unconfirmed := e.register(t, person())
	realLogin, err := e.svc.StartLogin(ctx, real.Phone, prakerja.Client{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		ident string
	}{
		{"NoAccountEmail", "nobody@example.id"},
		{"NoAccountPhone", "0813-9999-0000"},
		{"EmailNotConfirmed", unconfirmed.Email},
		{"PhoneNotVerified", unconfirmed.Phone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := e.svc.StartLogin(ctx, tt.ident, prakerja.Client{})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.ID) != len(realLogin.ID) || !l.ExpiresAt.Equal(realLogin.ExpiresAt) {
				t.Fatalf("decoy %+v differs in shape from %+v", l, realLogin)
			}
			wantCode(t, exhaust(t, e, l, "123456"), prakerja.CodeOTPExhausted)
		})
	}
	t.Run("DecoyExpires", func(t *testing.T) {
		l, err := e.svc.StartLogin(ctx, "someone@example.id", prakerja.Client{})
		if err != nil {
			t.Fatal(err)
		}
		e.clock.Add(e.cfg.LoginTTL)
		_, _, err = e.svc.FinishLogin(ctx, l.ID, "123456")
		wantCode(t, err, prakerja.CodeOTPExpired)
	})
	if n := len(e.messages(t, unconfirmed.ID, notify.TemplateLoginOTP)); n != 0 {
		t.Fatalf("%d sign-in messages for an unverified account", n)
	}
}

func TestStartLoginRejects(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, ident := range []string{"", "siti@", "021-555-1234", "hello"} {
			_, err := e.svc.StartLogin(ctx, ident, prakerja.Client{})
			wantCode(t, err, prakerja.CodeInvalid)
			if f := prakerja.ErrorFields(err); len(f) != 1 || f[0].Field != "identifier" {
				t.Fatalf("fields %+v", f)
			}
		}
	})
	for _, tt := range []struct {
		name  string
		ident func(t *testing.T) string
	}{
		{"ErrRateLimitedKnown", func(t *testing.T) string { return e.verified(t, person()).Email }},
		{"ErrRateLimitedUnknown", func(t *testing.T) string { return "ghost@example.id" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ident := tt.ident(t)
			for i := range e.cfg.LoginPerIdentifierHour {
				if _, err := e.svc.StartLogin(ctx, ident, prakerja.Client{}); err != nil {
					t.Fatalf("start %d: %v", i+1, err)
				}
			}
			_, err := e.svc.StartLogin(ctx, ident, prakerja.Client{})
			wantCode(t, err, prakerja.CodeRateLimited)
		})
	}
}

// messages lists a registration's messages of one template.
func (e *env) messages(t *testing.T, regID int64, template string) []*prakerja.Message {
	t.Helper()
	msgs, err := e.store.Messages(context.Background(), prakerja.MessageFilter{RegistrationID: regID, Template: template})
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}
