package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testCompleteChained: an identity result carrying the eligibility
// decision (StepResult.Next) ends the registration in the second status,
// records both steps once each, counts both statuses as entered, and is
// stale on a second try like any result.
func testCompleteChained(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	recs := MustCreateIn(t, s, prakerja.StatusPhoneVerified, times(3, T0, time.Second))
	items := mustClaim(t, s, prakerja.StepIdentity, T0, 3, time.Minute)
	results := decide(items, prakerja.StatusIdentityVerified)
	results[0].Detail = "citizen=1"
	results[0].Next = &prakerja.StepDecision{Status: prakerja.StatusEligible, Detail: "rules=2020"}
	results[1].Next = &prakerja.StepDecision{Status: prakerja.StatusIneligible, Reasons: []string{"excluded_group"}}
	done := T0.Add(time.Second)
	mustComplete(t, s, prakerja.StepIdentity, results, nil, done, 3, 0)
	mustComplete(t, s, prakerja.StepIdentity, results, nil, done.Add(time.Second), 0, 3)

	wantStatus := []prakerja.RegistrationStatus{prakerja.StatusEligible, prakerja.StatusIneligible, prakerja.StatusIdentityVerified}
	for i, r := range recs {
		if got := mustRecord(t, s, r.ID); got.Status != wantStatus[i] {
			t.Fatalf("registration %d: status %s, want %s", i, got.Status, wantStatus[i])
		}
	}
	diff(t, "reasons", mustRecord(t, s, recs[1].ID).Reasons, []string{"excluded_group"})
	got, err := s.StepRecords(ctx, recs[0].ID)
	must(t, err)
	diff(t, "step records", got, []prakerja.StepRecord{
		{RegistrationID: recs[0].ID, Step: prakerja.StepIdentity, Status: prakerja.StatusIdentityVerified, Detail: "citizen=1", At: done},
		{RegistrationID: recs[0].ID, Step: prakerja.StepEligibility, Status: prakerja.StatusEligible, Detail: "rules=2020", At: done},
	})
	got, err = s.StepRecords(ctx, recs[1].ID)
	must(t, err)
	if len(got) != 2 || got[1].Status != prakerja.StatusIneligible || len(got[1].Reasons) != 1 || got[0].Reasons != nil && len(got[0].Reasons) != 0 {
		t.Fatalf("step records of the ineligible one = %+v", got)
	}
	if n := len(mustClaim(t, s, prakerja.StepEligibility, done.Add(time.Minute), 10, time.Minute)); n != 1 {
		t.Fatalf("eligibility step can claim %d, want only the unchained one", n)
	}
	rows, err := s.Backlog(ctx, done.Add(2*time.Minute)) // the minute of done is a full one by then
	must(t, err)
	entered := map[prakerja.RegistrationStatus]int64{}
	for _, r := range rows {
		entered[r.Status] = r.EnteredLastHour
	}
	if entered[prakerja.StatusIdentityVerified] != 3 || entered[prakerja.StatusEligible] != 1 || entered[prakerja.StatusIneligible] != 1 {
		t.Fatalf("entered in the last hour = %v, want 3 identity_verified, 1 eligible, 1 ineligible", entered)
	}
}
