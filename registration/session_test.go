package registration_test

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

func TestSessions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name string
		// act runs between sign-in and Authenticate.
		act  func(t *testing.T, e *env, token string)
		want prakerja.Code
	}{
		{"OK", func(*testing.T, *env, string) {}, ""},
		{"OKBeforeExpiry", func(_ *testing.T, e *env, _ string) { e.clock.Add(e.cfg.SessionTTL - time.Second) }, ""},
		{"ErrExpired", func(_ *testing.T, e *env, _ string) { e.clock.Add(e.cfg.SessionTTL) }, prakerja.CodeUnauthorized},
		{"ErrLoggedOut", func(t *testing.T, e *env, token string) {
			for range 2 { // logging out twice is not an error
				if err := e.svc.Logout(ctx, token); err != nil {
					t.Fatal(err)
				}
			}
		}, prakerja.CodeUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			r, sess := e.confirmed(t, person())
			tt.act(t, e, sess.Token)
			got, err := e.svc.Authenticate(ctx, sess.Token)
			wantCode(t, err, tt.want)
			if err == nil && got.ID != r.ID {
				t.Fatalf("authenticated as %d, want %d", got.ID, r.ID)
			}
		})
	}
	t.Run("ErrGarbage", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		for _, tok := range []string{"", "x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
			_, err := e.svc.Authenticate(ctx, tok)
			wantCode(t, err, prakerja.CodeUnauthorized)
			if err := e.svc.Logout(ctx, tok); err != nil {
				t.Fatalf("Logout(%q) = %v", tok, err)
			}
		}
	})
	t.Run("LogoutKeepsOtherSessions", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		in := person()
		r := e.verified(t, in)
		l, err := e.svc.StartLogin(ctx, in.Email, prakerja.Client{})
		if err != nil {
			t.Fatal(err)
		}
		_, second, err := e.svc.FinishLogin(ctx, l.ID, e.params(t, r.ID, "login_otp")["code"])
		if err != nil {
			t.Fatal(err)
		}
		l2, _ := e.svc.StartLogin(ctx, in.Phone, prakerja.Client{})
		_, third, err := e.svc.FinishLogin(ctx, l2.ID, e.params(t, r.ID, "login_otp")["code"])
		if err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Logout(ctx, second.Token); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Authenticate(ctx, third.Token); err != nil {
			t.Fatalf("other session: %v", err)
		}
	})
}
