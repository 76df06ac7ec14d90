package registration_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registration"
)

func TestCheckStatus(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	in := person()
	r := e.register(t, in)
	c := prakerja.Client{Addr: "198.51.100.9"}
	check := func(nikValue, birth string) (prakerja.PublicStatus, error) {
		return e.svc.CheckStatus(ctx, registration.StatusCheckInput{NIK: nikValue, BirthDate: birth}, c)
	}
	if st, err := check(in.NIK, in.BirthDate); err != nil || st != prakerja.PublicRegistered {
		t.Fatalf("check = %q, %v; want registered", st, err)
	}
	_, wrongBirth := check(in.NIK, "1995-08-18")
	_, unknown := check("3171015708959998", in.BirthDate)
	wantCode(t, wrongBirth, prakerja.CodeNotFound)
	if wrongBirth.Error() != unknown.Error() {
		t.Fatalf("wrong birth date %q and unknown NIK %q answer differently", wrongBirth, unknown)
	}
	_, err := check("12", "17-08-1995")
	wantCode(t, err, prakerja.CodeInvalid)

	e.makeEligible(t, r.ID)
	if st, _ := check(in.NIK, in.BirthDate); st != prakerja.PublicVerified {
		t.Fatalf("eligible = %q, want verified", st)
	}
	e.join(t, r.ID)
	if st, _ := check(in.NIK, in.BirthDate); st != prakerja.PublicInSelection {
		t.Fatalf("joined = %q, want in_selection", st)
	}
	e.clock.Add(7 * time.Hour)
	if st, _ := check(in.NIK, in.BirthDate); st != prakerja.PublicUnderEvaluation {
		t.Fatalf("after the close = %q, want under_evaluation", st)
	}
}

// join enters an eligible registration into a wave open at the clock for
// six hours, its passed test recorded straight in the store.
func (e *env) join(t *testing.T, regID int64) {
	t.Helper()
	ctx, now := context.Background(), e.clock.Now()
	err := e.store.RecordTestResult(ctx, &prakerja.TestResult{RegistrationID: regID, Score: 80, Passed: true, TakenAt: now})
	if err != nil {
		t.Fatal(err)
	}
	w := &prakerja.Wave{Name: "Gelombang 1", Scheme: "2020", OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(6 * time.Hour), Quota: 10}
	if err := e.store.CreateWave(ctx, w, now); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.store.JoinWave(ctx, w.ID, regID, now); err != nil {
		t.Fatal(err)
	}
}

func TestCheckStatusRateLimited(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	in := registration.StatusCheckInput{NIK: "3171015708950001", BirthDate: "1995-08-17"}
	var err error
	for i := range 11 {
		// A new address each time: the per-NIK cap must hold on its own.
		_, err = e.svc.CheckStatus(ctx, in, prakerja.Client{Addr: "198.51.100." + strconv.Itoa(i)})
	}
	wantCode(t, err, prakerja.CodeRateLimited)
}
