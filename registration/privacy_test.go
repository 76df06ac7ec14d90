package registration_test

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// TestErrorsHoldNoPersonalData provokes every error a registrant's own data
// can cause and checks that no error text quotes the NIK, KK, phone or
// e-mail address involved.
func TestErrorsHoldNoPersonalData(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	in := person()
	r := e.verified(t, in)
	var errs []error
	collect := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	_, err := e.svc.Register(ctx, in, prakerja.Client{})
	collect(err)
	for _, edit := range []func(*prakerja.RegisterInput){
		func(x *prakerja.RegisterInput) { x.Email = "Siti <" + in.Email + ">" },
		func(x *prakerja.RegisterInput) { x.Phone = in.Phone + "99999" },
		func(x *prakerja.RegisterInput) { x.NIK = in.NIK + "1" },
		func(x *prakerja.RegisterInput) { x.KK = in.KK[:15] + "x" },
		func(x *prakerja.RegisterInput) { x.Sex = "M" },
	} {
		x := in
		edit(&x)
		_, err := e.svc.Register(ctx, x, prakerja.Client{})
		collect(err)
	}
	_, err = e.svc.SendPhoneOTP(ctx, r.ID, prakerja.Client{})
	collect(err)
	for _, ident := range []string{in.Email, in.Phone, in.Email + "@", in.Phone + "x"} {
		for range e.cfg.LoginPerIdentifierHour + 1 {
			l, err := e.svc.StartLogin(ctx, ident, prakerja.Client{})
			collect(err)
			if l != nil {
				_, _, err = e.svc.FinishLogin(ctx, l.ID, "000000")
				collect(err)
			}
		}
	}
	if len(errs) < 10 {
		t.Fatalf("only %d errors provoked", len(errs))
	}
	for _, err := range errs {
		wantNoPersonalData(t, err, in)
	}
}
