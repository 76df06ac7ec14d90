package registration_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/registration"
)

func TestSendPhoneOTP(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := prakerja.Client{Addr: "203.0.113.9", Locale: "id"}
	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		r, _ := e.confirmed(t, person())
		exp, err := e.svc.SendPhoneOTP(ctx, r.ID, c)
		if err != nil {
			t.Fatal(err)
		}
		if want := T0.Add(e.cfg.OTPTTL); !exp.Equal(want) {
			t.Fatalf("expires %v, want %v", exp, want)
		}
		p := e.params(t, r.ID, notify.TemplatePhoneOTP)
		if len(p["code"]) != 6 || strings.Trim(p["code"], "0123456789") != "" || p["minutes"] != "5" {
			t.Fatalf("params %v", p)
		}
	})
	t.Run("ErrEmailNotConfirmed", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		r := e.register(t, person())
		_, err := e.svc.SendPhoneOTP(ctx, r.ID, c)
		wantCode(t, err, prakerja.CodeConflict)
	})
	t.Run("ErrAlreadyVerified", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		r := e.verified(t, person())
		_, err := e.svc.SendPhoneOTP(ctx, r.ID, c)
		wantCode(t, err, prakerja.CodeConflict)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		t.Parallel()
		_, err := newEnv(t).svc.SendPhoneOTP(ctx, 999, c)
		wantCode(t, err, prakerja.CodeNotFound)
	})
}

func TestSendPhoneOTPRateLimits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("ErrResendTooSoon", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		r, _ := e.confirmed(t, person())
		if _, err := e.svc.SendPhoneOTP(ctx, r.ID, prakerja.Client{}); err != nil {
			t.Fatal(err)
		}
		e.clock.Add(15 * time.Second)
		_, err := e.svc.SendPhoneOTP(ctx, r.ID, prakerja.Client{})
		wantCode(t, err, prakerja.CodeRateLimited)
		if msg := prakerja.ErrorMessage(err); !strings.Contains(msg, "45 seconds") {
			t.Fatalf("message %q does not say when to retry", msg)
		}
		e.clock.Add(45 * time.Second)
		if _, err := e.svc.SendPhoneOTP(ctx, r.ID, prakerja.Client{}); err != nil {
			t.Fatalf("after the interval: %v", err)
		}
	})
	t.Run("ErrPerPhoneHour", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		r, _ := e.confirmed(t, person())
		for i := range e.cfg.SMSPerPhoneHour {
			if _, err := e.svc.SendPhoneOTP(ctx, r.ID, prakerja.Client{}); err != nil {
				t.Fatalf("send %d: %v", i+1, err)
			}
			e.clock.Add(e.cfg.OTPResendInterval)
		}
		_, err := e.svc.SendPhoneOTP(ctx, r.ID, prakerja.Client{})
		wantCode(t, err, prakerja.CodeRateLimited)
		if msg := prakerja.ErrorMessage(err); !strings.Contains(msg, "after 11:00 WIB") {
			t.Fatalf("message %q does not say when to retry", msg)
		}
		e.clock.Add(time.Hour)
		if _, err := e.svc.SendPhoneOTP(ctx, r.ID, prakerja.Client{}); err != nil {
			t.Fatalf("next hour: %v", err)
		}
	})
	t.Run("ErrPerAddress", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, func(c *registration.Config) { c.OTPPerAddrHour = 2 })
		addr := prakerja.Client{Addr: "192.0.2.1"}
		for i := range 3 {
			r, _ := e.confirmed(t, person())
			_, err := e.svc.SendPhoneOTP(ctx, r.ID, addr)
			if i < 2 {
				wantCode(t, err, "")
				continue
			}
			wantCode(t, err, prakerja.CodeRateLimited)
			if _, err := e.svc.SendPhoneOTP(ctx, r.ID, prakerja.Client{Addr: "192.0.2.2"}); err != nil {
				t.Fatalf("other address: %v", err)
			}
		}
	})
}

// TestVerifyPhone sends a code, then each case's try gets the right code and
// returns the error of its final call.
func TestVerifyPhone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name string
		try  func(t *testing.T, e *env, id int64, code string) error
		want prakerja.Code
	}{
		{"OK", func(t *testing.T, e *env, id int64, code string) error {
			r, err := e.svc.VerifyPhone(ctx, id, code[:3]+" "+code[3:])
			if err == nil && (r.Status != prakerja.StatusPhoneVerified || r.PhoneVerifiedAt.IsZero()) {
				t.Fatalf("status %q", r.Status)
			}
			return err
		}, ""},
		{"ErrWrongCode", func(t *testing.T, e *env, id int64, code string) error {
			_, err := e.svc.VerifyPhone(ctx, id, wrongCode(code))
			return err
		}, prakerja.CodeOTPInvalid},
		{"ErrMalformed", func(t *testing.T, e *env, id int64, code string) error {
			_, err := e.svc.VerifyPhone(ctx, id, "12a456")
			return err
		}, prakerja.CodeOTPInvalid},
		{"ErrExpired", func(t *testing.T, e *env, id int64, code string) error {
			e.clock.Add(e.cfg.OTPTTL)
			_, err := e.svc.VerifyPhone(ctx, id, code)
			return err
		}, prakerja.CodeOTPExpired},
		{"ErrUsed", func(t *testing.T, e *env, id int64, code string) error {
			if _, err := e.svc.VerifyPhone(ctx, id, code); err != nil {
				t.Fatal(err)
			}
			_, err := e.svc.VerifyPhone(ctx, id, code)
			return err
		}, prakerja.CodeOTPUsed},
		{"ErrExhausted", func(t *testing.T, e *env, id int64, code string) error {
			for i := range e.cfg.OTPMaxAttempts {
				_, err := e.svc.VerifyPhone(ctx, id, wrongCode(code))
				if prakerja.ErrorCode(err) != prakerja.CodeOTPInvalid {
					t.Fatalf("wrong try %d: %v", i+1, err)
				}
			}
			_, err := e.svc.VerifyPhone(ctx, id, code)
			return err
		}, prakerja.CodeOTPExhausted},
		{"OKNewCodeAfterExhausted", func(t *testing.T, e *env, id int64, code string) error {
			for range e.cfg.OTPMaxAttempts {
				_, _ = e.svc.VerifyPhone(ctx, id, wrongCode(code))
			}
			e.clock.Add(e.cfg.OTPResendInterval)
			if _, err := e.svc.SendPhoneOTP(ctx, id, prakerja.Client{}); err != nil {
				t.Fatal(err)
			}
			_, err := e.svc.VerifyPhone(ctx, id, e.params(t, id, notify.TemplatePhoneOTP)["code"])
			return err
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			r, _ := e.confirmed(t, person())
			if _, err := e.svc.SendPhoneOTP(ctx, r.ID, prakerja.Client{}); err != nil {
				t.Fatal(err)
			}
			err := tt.try(t, e, r.ID, e.params(t, r.ID, notify.TemplatePhoneOTP)["code"])
			wantCode(t, err, tt.want)
		})
	}
}

func TestVerifyPhoneNoCodeSent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r, _ := e.confirmed(t, person())
	_, err := e.svc.VerifyPhone(context.Background(), r.ID, "123456")
	wantCode(t, err, prakerja.CodeNotFound)
}
