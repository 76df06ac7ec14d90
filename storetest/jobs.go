package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testJobsEnqueue checks that scheduling one (kind, key) twice keeps the
// first job, and that bad jobs are refused whole.
func testJobsEnqueue(t *testing.T, open Opener) {
	s, ctx := open(t), context.Background()
	first := job(prakerja.JobUnlockIncentive, 7, 1)
	again := first
	again.DueAt = T0.Add(time.Hour)
	must(t, s.EnqueueJobs(ctx, []prakerja.Job{first, job(prakerja.JobUnlockIncentive, 7, 2)}, T0))
	must(t, s.EnqueueJobs(ctx, []prakerja.Job{again}, T0))
	jobs, err := s.Jobs(ctx, prakerja.JobFilter{RegistrationID: 7})
	must(t, err)
	if len(jobs) != 2 {
		t.Fatalf("got %d jobs, want 2", len(jobs))
	}
	for _, j := range jobs {
		if !j.DueAt.Equal(T0) || j.Kind != prakerja.JobUnlockIncentive || j.Attempts != 0 {
			t.Fatalf("job %+v changed by a second enqueue or stored wrong", j)
		}
	}
	bad := []prakerja.Job{{Kind: "nope", Key: "k", DueAt: T0}}
	WantCode(t, s.EnqueueJobs(ctx, bad, T0), prakerja.CodeInvalid)
	noKey := []prakerja.Job{{Kind: prakerja.JobProgrammeEnd, DueAt: T0}}
	WantCode(t, s.EnqueueJobs(ctx, noKey, T0), prakerja.CodeInvalid)
}

// testJobsClaim checks due order, leases (a leased job is not claimed
// again until its lease ends), token-checked completion and that done jobs
// stay done.
func testJobsClaim(t *testing.T, open Opener) {
	s, ctx := open(t), context.Background()
	late := job(prakerja.JobUnlockSurvey, 1, 1)
	late.DueAt = T0.Add(time.Hour)
	must(t, s.EnqueueJobs(ctx, []prakerja.Job{late, job(prakerja.JobUnlockSurvey, 2, 1), job(prakerja.JobUnlockSurvey, 3, 1)}, T0))
	got, err := s.ClaimJobs(ctx, T0, 10, time.Minute)
	must(t, err)
	if len(got) != 2 || got[0].RegistrationID != 2 || got[1].RegistrationID != 3 || got[0].Attempts != 1 {
		t.Fatalf("claim at T0 = %+v, want jobs of 2 and 3, one attempt each", got)
	}
	if again, err := s.ClaimJobs(ctx, T0.Add(30*time.Second), 10, time.Minute); err != nil || len(again) != 0 {
		t.Fatalf("claim under a live lease = %d jobs, %v; want none", len(again), err)
	}
	must(t, s.CompleteJob(ctx, got[0].ID, got[0].Token, T0))
	WantCode(t, s.CompleteJob(ctx, got[1].ID, got[1].Token+1, T0), prakerja.CodeConflict)
	WantCode(t, s.CompleteJob(ctx, got[0].ID, got[0].Token, T0), prakerja.CodeConflict)
	// After the lease the unfinished job comes back with a new token; the
	// old claim can no longer finish it.
	back, err := s.ClaimJobs(ctx, T0.Add(2*time.Hour), 10, time.Minute)
	must(t, err)
	if len(back) != 2 || back[0].RegistrationID != 3 || back[0].Token == got[1].Token || back[0].Attempts != 2 {
		t.Fatalf("claim after the lease = %+v, want job 3 (2nd attempt) then job 1", back)
	}
	WantCode(t, s.CompleteJob(ctx, got[1].ID, got[1].Token, T0), prakerja.CodeConflict)
	_, err = s.ClaimJobs(ctx, T0, 0, time.Minute)
	WantCode(t, err, prakerja.CodeInvalid)
	_, err = s.ClaimJobs(ctx, T0, 1, 2*prakerja.JobLeaseMax)
	WantCode(t, err, prakerja.CodeInvalid)
}
