package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// rerunFixture has three registrations through the identity step: one
// verified, two failed for different reasons.
type rerunFixture struct {
	verified, kk, name *prakerja.RegistrationRecord
}

func newRerunFixture(t *testing.T, s prakerja.Store) rerunFixture {
	t.Helper()
	recs := MustCreateIn(t, s, prakerja.StatusPhoneVerified, times(3, T0, time.Second))
	items := mustClaim(t, s, prakerja.StepIdentity, T0, 3, time.Minute)
	results := decide(items[:1], prakerja.StatusIdentityVerified)
	results = append(results, decide(items[1:2], prakerja.StatusIdentityFailed, prakerja.ReasonIdentityKKMismatch)...)
	results = append(results, decide(items[2:], prakerja.StatusIdentityFailed, prakerja.ReasonIdentityNameMismatch)...)
	mustComplete(t, s, prakerja.StepIdentity, results, nil, T0.Add(time.Minute), 3, 0)
	return rerunFixture{recs[0], recs[1], recs[2]}
}

// testRerun covers choosing registrations by status, reason and ID, the
// new round they start, stale claims, and refused filters.
func testRerun(t *testing.T, open Opener) {
	ctx := context.Background()
	at := T0.Add(time.Hour)
	t.Run("ByReasonStartsNewRound", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		f := newRerunFixture(t, s)
		n, err := s.Rerun(ctx, prakerja.RerunFilter{Step: prakerja.StepIdentity,
			Statuses: []prakerja.RegistrationStatus{prakerja.StatusIdentityFailed}, Reason: prakerja.ReasonIdentityKKMismatch}, at)
		must(t, err)
		if n != 1 {
			t.Fatalf("Rerun moved %d, want 1", n)
		}
		got := mustRecord(t, s, f.kk.ID)
		if got.Status != prakerja.StatusPhoneVerified || got.Reasons != nil || !got.StatusChangedAt.Equal(at) {
			t.Fatalf("rerun registration: %s %v at %v; want %s, no reasons, at %v", got.Status, got.Reasons, got.StatusChangedAt, prakerja.StatusPhoneVerified, at)
		}
		items := mustClaim(t, s, prakerja.StepIdentity, at, 5, time.Minute)
		diff(t, "claimed after rerun", workIDs(items), []int64{f.kk.ID})
		mustComplete(t, s, prakerja.StepIdentity, decide(items, prakerja.StatusIdentityVerified), nil, at, 1, 0)
		recs, err := s.StepRecords(ctx, f.kk.ID)
		must(t, err)
		if len(recs) != 2 || recs[0].Round != 0 || recs[1].Round != 1 || recs[1].Status != prakerja.StatusIdentityVerified {
			t.Fatalf("step records = %+v; want rounds 0 and 1, the second verified", recs)
		}
	})
	t.Run("ByIDsOnlyAllowedStatuses", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		f := newRerunFixture(t, s)
		early := MustCreateIn(t, s, prakerja.StatusRegistered, []time.Time{T0})[0]
		n, err := s.Rerun(ctx, prakerja.RerunFilter{Step: prakerja.StepEligibility, IDs: []int64{f.verified.ID, f.name.ID, early.ID}}, at)
		must(t, err)
		if n != 1 {
			t.Fatalf("Rerun moved %d, want 1 (identity_failed and registered cannot rerun eligibility)", n)
		}
		for id, want := range map[int64]prakerja.RegistrationStatus{f.verified.ID: prakerja.StatusIdentityVerified,
			f.name.ID: prakerja.StatusIdentityFailed, early.ID: prakerja.StatusRegistered} {
			if got := mustRecord(t, s, id).Status; got != want {
				t.Fatalf("registration %d: %s, want %s", id, got, want)
			}
		}
	})
	t.Run("HeldClaimTurnsStale", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		rec := MustCreateIn(t, s, prakerja.StatusPhoneVerified, []time.Time{T0})[0]
		items := mustClaim(t, s, prakerja.StepIdentity, T0, 1, time.Hour)
		n, err := s.Rerun(ctx, prakerja.RerunFilter{Step: prakerja.StepIdentity, IDs: []int64{rec.ID}}, T0.Add(time.Second))
		must(t, err)
		if n != 1 {
			t.Fatalf("Rerun moved %d, want 1", n)
		}
		mustComplete(t, s, prakerja.StepIdentity, decide(items, prakerja.StatusIdentityVerified), nil, T0.Add(2*time.Second), 0, 1)
		if got := len(mustClaim(t, s, prakerja.StepIdentity, T0.Add(2*time.Second), 5, time.Hour)); got != 1 {
			t.Fatalf("claimed %d after the rerun, want 1 (the claim was cleared)", got)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) { t.Parallel(); testRerunInvalid(t, open(t)) })
}

// testRerunInvalid checks each refused filter names its field and moves
// nothing.
func testRerunInvalid(t *testing.T, s prakerja.Store) {
	f := newRerunFixture(t, s)
	tests := []struct {
		name  string
		f     prakerja.RerunFilter
		field string
	}{
		{"UnknownStep", prakerja.RerunFilter{Step: "selection", IDs: []int64{1}}, ""},
		{"EmptyFilter", prakerja.RerunFilter{Step: prakerja.StepIdentity, Reason: prakerja.ReasonIdentityKKMismatch}, "statuses"},
		{"StatusBeforeStep", prakerja.RerunFilter{Step: prakerja.StepIdentity, Statuses: []prakerja.RegistrationStatus{prakerja.StatusRegistered}}, "statuses[0]"},
		{"FailedIdentityForEligibility", prakerja.RerunFilter{Step: prakerja.StepEligibility, Statuses: []prakerja.RegistrationStatus{prakerja.StatusIdentityFailed}}, "statuses[0]"},
		{"TooManyIDs", prakerja.RerunFilter{Step: prakerja.StepIdentity, IDs: make([]int64, prakerja.RerunIDsMax+1)}, "ids"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Rerun(context.Background(), tt.f, T0.Add(time.Hour))
			WantCode(t, err, prakerja.CodeInvalid)
			if fields := prakerja.ErrorFields(err); tt.field != "" && (len(fields) == 0 || fields[0].Field != tt.field) {
				t.Fatalf("fields = %+v, want %q first", fields, tt.field)
			}
		})
	}
	for _, r := range []*prakerja.RegistrationRecord{f.verified, f.kk, f.name} {
		if got := mustRecord(t, s, r.ID); got.Status == prakerja.StatusPhoneVerified {
			t.Fatalf("registration %d rerun by a refused filter", r.ID)
		}
	}
}
