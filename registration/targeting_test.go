package registration_test

import (
	"context"
	"errors"
	"testing"

	"github.com/prakerja/prakerja"
)

// TestRegisterTargeting checks the work-impact question and the consent:
// optional for old clients, stored with the notice version and time, and
// a bad impact named as the field at fault.
func TestRegisterTargeting(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		in := person()
		in.WorkImpact, in.TargetingConsent = " lost_job ", true
		r := e.register(t, in)
		got, err := e.svc.Registration(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.WorkImpact != prakerja.WorkLostJob || !got.TargetingConsentAt.Equal(T0) ||
			got.ConsentNotice != prakerja.TargetingNoticeVersion {
			t.Fatalf("stored %q, %v, %q", got.WorkImpact, got.TargetingConsentAt, got.ConsentNotice)
		}
	})
	t.Run("OKNotStated", func(t *testing.T) {
		r := e.register(t, person())
		got, err := e.svc.Registration(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.WorkImpact != "" || !got.TargetingConsentAt.IsZero() || got.ConsentNotice != "" {
			t.Fatalf("defaults: %q, %v, %q", got.WorkImpact, got.TargetingConsentAt, got.ConsentNotice)
		}
	})
	t.Run("ErrWorkImpact", func(t *testing.T) {
		in := person()
		in.WorkImpact = "fired"
		_, err := e.svc.Register(ctx, in, prakerja.Client{})
		var pe *prakerja.Error
		if !errors.As(err, &pe) || pe.Code != prakerja.CodeInvalid || len(pe.Fields) != 1 ||
			pe.Fields[0].Field != "work_impact" || pe.Fields[0].Code != prakerja.CodeBadValue {
			t.Fatalf("Register = %v, want one bad_value on work_impact", err)
		}
	})
}
