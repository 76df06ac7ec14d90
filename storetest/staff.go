package storetest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// newStaff stores an account for the staff tests.
func newStaff(t *testing.T, s prakerja.Store, username string, role prakerja.Role) *prakerja.Staff {
	t.Helper()
	st := &prakerja.Staff{Username: username, DisplayName: "Budi Santoso", Role: role,
		PasswordHash: "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA", CreatedAt: T0}
	must(t, s.CreateStaff(context.Background(), st))
	if st.ID <= 0 {
		t.Fatalf("CreateStaff set ID %d", st.ID)
	}
	return st
}

// testStaff checks accounts: create and read back, a taken username is a
// conflict, unknown ids and names are not found, bad input is refused.
func testStaff(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	st := newStaff(t, s, "budi.ops", prakerja.RoleOperator)
	got, err := s.StaffByUsername(ctx, "budi.ops")
	must(t, err)
	if got.ID != st.ID || got.Role != prakerja.RoleOperator || got.DisplayName != "Budi Santoso" ||
		got.PasswordHash != st.PasswordHash || got.TOTPConfirmed || got.Disabled || !got.CreatedAt.Equal(T0) {
		t.Errorf("StaffByUsername = %+v", got)
	}
	dup := &prakerja.Staff{Username: "budi.ops", Role: prakerja.RoleAuditor, PasswordHash: "x", CreatedAt: T0}
	WantCode(t, s.CreateStaff(ctx, dup), prakerja.CodeConflict)
	bad := &prakerja.Staff{Username: "Budi Ops", Role: prakerja.RoleAuditor, PasswordHash: "x", CreatedAt: T0}
	WantCode(t, s.CreateStaff(ctx, bad), prakerja.CodeInvalid)
	_, err = s.StaffByID(ctx, st.ID+100)
	WantCode(t, err, prakerja.CodeNotFound)
	_, err = s.StaffByUsername(ctx, "nobody")
	WantCode(t, err, prakerja.CodeNotFound)
	partner := &prakerja.Staff{Username: "ani.platform", Role: prakerja.RolePlatform, PartnerRef: "skillacademy",
		PasswordHash: "x", CreatedAt: T0}
	must(t, s.CreateStaff(ctx, partner))
	list, err := s.ListStaff(ctx)
	must(t, err)
	if len(list) != 2 || list[0].Username != "ani.platform" || list[0].PartnerRef != "skillacademy" {
		t.Errorf("ListStaff = %d accounts, first %+v", len(list), list[0])
	}
	must(t, s.SetStaffDisabled(ctx, partner.ID, true, T0.Add(time.Minute)))
	got, err = s.StaffByID(ctx, partner.ID)
	must(t, err)
	if !got.Disabled || !got.UpdatedAt.Equal(T0.Add(time.Minute)) {
		t.Errorf("after disable: %+v", got)
	}
	WantCode(t, s.SetStaffDisabled(ctx, 9999, true, T0), prakerja.CodeNotFound)
	WantCode(t, s.SetStaffPassword(ctx, 9999, "h", T0), prakerja.CodeNotFound)
}

// testStaffLockout checks the failure counter: the failure that reaches
// the limit locks and restarts the count; concurrent failures are each
// counted once, so exactly one in five locks.
func testStaffLockout(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	st := newStaff(t, s, "siti", prakerja.RoleVerifier)
	for i := 1; i <= 4; i++ {
		got, err := s.RecordStaffFailure(ctx, st.ID, T0, 5, 15*time.Minute)
		must(t, err)
		if got.FailedLogins != i || got.Locked(T0) {
			t.Fatalf("failure %d: count %d, locked %v", i, got.FailedLogins, got.Locked(T0))
		}
	}
	got, err := s.RecordStaffFailure(ctx, st.ID, T0, 5, 15*time.Minute)
	must(t, err)
	if got.FailedLogins != 0 || !got.LockedUntil.Equal(T0.Add(15*time.Minute)) {
		t.Fatalf("fifth failure: count %d, locked until %v", got.FailedLogins, got.LockedUntil)
	}
	must(t, s.ResetStaffFailures(ctx, st.ID, T0))
	_, err = s.RecordStaffFailure(ctx, 9999, T0, 5, time.Minute)
	WantCode(t, err, prakerja.CodeNotFound)

	other := newStaff(t, s, "race", prakerja.RoleVerifier)
	var locks atomic.Int64
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			got, err := s.RecordStaffFailure(ctx, other.ID, T0, 5, time.Minute)
			if err != nil {
				t.Error(err)
				return
			}
			if got.FailedLogins == 0 {
				locks.Add(1)
			}
		})
	}
	wg.Wait()
	if n := locks.Load(); n != 4 {
		t.Errorf("20 concurrent failures locked %d times, want 4", n)
	}
}

// testStaffTOTPStep checks replay protection: a step is accepted once and
// only moving forward, and of concurrent acceptances of one step exactly
// one wins.
func testStaffTOTPStep(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	st := newStaff(t, s, "rina", prakerja.RoleAuditor)
	WantCode(t, s.AcceptStaffTOTPStep(ctx, st.ID, 100, T0), prakerja.CodeOTPUsed) // no secret yet
	must(t, s.SetStaffTOTP(ctx, st.ID, []byte("sealed secret"), T0))
	must(t, s.AcceptStaffTOTPStep(ctx, st.ID, 100, T0))
	WantCode(t, s.AcceptStaffTOTPStep(ctx, st.ID, 100, T0), prakerja.CodeOTPUsed)
	WantCode(t, s.AcceptStaffTOTPStep(ctx, st.ID, 99, T0), prakerja.CodeOTPUsed)
	WantCode(t, s.AcceptStaffTOTPStep(ctx, 9999, 101, T0), prakerja.CodeNotFound)
	got, err := s.StaffByID(ctx, st.ID)
	must(t, err)
	if !got.TOTPConfirmed || got.TOTPLastStep != 100 || string(got.TOTPSecret) != "sealed secret" {
		t.Errorf("after accept: confirmed %v, step %d", got.TOTPConfirmed, got.TOTPLastStep)
	}
	var wins atomic.Int64
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if err := s.AcceptStaffTOTPStep(ctx, st.ID, 200, T0); err == nil {
				wins.Add(1)
			} else if prakerja.ErrorCode(err) != prakerja.CodeOTPUsed {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Errorf("one step accepted %d times concurrently", wins.Load())
	}
	must(t, s.SetStaffTOTP(ctx, st.ID, nil, T0)) // reset
	got, err = s.StaffByID(ctx, st.ID)
	must(t, err)
	if got.TOTPConfirmed || got.TOTPSecret != nil || got.TOTPLastStep != 0 {
		t.Errorf("after reset: %+v", got)
	}
}

// staffToken is a fake session token hash.
func staffToken(n int) []byte {
	sum := sha256.Sum256(fmt.Appendf(nil, "staff-session:%d", n))
	return sum[:]
}

// testStaffSessions checks session expiry (idle and absolute), deletion,
// and that a password change, a TOTP reset and disabling end sessions.
func testStaffSessions(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	st := newStaff(t, s, "dewi", prakerja.RoleSupport)
	ss := &prakerja.StaffSession{TokenHash: staffToken(1), StaffID: st.ID, Verified: true, CreatedAt: T0, ExpiresAt: T0.Add(time.Hour)}
	must(t, s.CreateStaffSession(ctx, ss))
	idle := 15 * time.Minute
	touch := func(at time.Time) (*prakerja.StaffSession, error) {
		return s.TouchStaffSession(ctx, staffToken(1), at, at.Add(-idle))
	}
	for _, at := range []time.Time{T0.Add(10 * time.Minute), T0.Add(24 * time.Minute), T0.Add(38 * time.Minute), T0.Add(52 * time.Minute)} {
		got, err := touch(at)
		must(t, err)
		if got.StaffID != st.ID || !got.Verified || !got.LastSeenAt.Equal(at) || !got.ExpiresAt.Equal(T0.Add(time.Hour)) {
			t.Fatalf("touch at %v = %+v", at, got)
		}
	}
	_, err := touch(T0.Add(time.Hour)) // absolute end, though not idle
	WantCode(t, err, prakerja.CodeUnauthorized)

	must(t, s.CreateStaffSession(ctx, &prakerja.StaffSession{TokenHash: staffToken(2), StaffID: st.ID, CreatedAt: T0, ExpiresAt: T0.Add(time.Hour)}))
	_, err = s.TouchStaffSession(ctx, staffToken(2), T0.Add(16*time.Minute), T0.Add(time.Minute)) // idle
	WantCode(t, err, prakerja.CodeUnauthorized)
	got, err := s.TouchStaffSession(ctx, staffToken(2), T0.Add(10*time.Minute), T0.Add(-5*time.Minute))
	must(t, err)
	if got.Verified {
		t.Error("a pending session came back verified")
	}
	must(t, s.DeleteStaffSession(ctx, staffToken(2)))
	must(t, s.DeleteStaffSession(ctx, staffToken(2)))
	_, err = s.TouchStaffSession(ctx, staffToken(2), T0.Add(11*time.Minute), T0)
	WantCode(t, err, prakerja.CodeUnauthorized)

	ends := []func() error{
		func() error { return s.SetStaffPassword(ctx, st.ID, "new hash", T0) },
		func() error { return s.SetStaffTOTP(ctx, st.ID, nil, T0) },
		func() error { return s.SetStaffDisabled(ctx, st.ID, true, T0) },
	}
	for i, end := range ends {
		tok := staffToken(10 + i)
		must(t, s.CreateStaffSession(ctx, &prakerja.StaffSession{TokenHash: tok, StaffID: st.ID, Verified: true, CreatedAt: T0, ExpiresAt: T0.Add(time.Hour)}))
		must(t, end())
		_, err := s.TouchStaffSession(ctx, tok, T0.Add(time.Minute), T0)
		WantCode(t, err, prakerja.CodeUnauthorized)
	}
}
