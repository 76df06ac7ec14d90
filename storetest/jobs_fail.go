package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testJobsFail checks that a failed job waits until its next time, keeps
// its error, and after JobAttemptsMax attempts stays failed and counted.
func testJobsFail(t *testing.T, open Opener) {
	s, ctx := open(t), context.Background()
	must(t, s.EnqueueJobs(ctx, []prakerja.Job{job(prakerja.JobPurchaseDeadline, 5, 0)}, T0))
	now := T0
	for attempt := 1; attempt <= prakerja.JobAttemptsMax; attempt++ {
		got, err := s.ClaimJobs(ctx, now, 5, time.Minute)
		must(t, err)
		if len(got) != 1 || got[0].Attempts != attempt {
			t.Fatalf("attempt %d: claimed %+v", attempt, got)
		}
		next := now.Add(time.Hour)
		must(t, s.FailJob(ctx, got[0].ID, got[0].Token, fmt.Sprintf("boom %d", attempt), next))
		if early, err := s.ClaimJobs(ctx, now.Add(time.Minute), 5, time.Minute); err != nil || len(early) != 0 {
			t.Fatalf("attempt %d: claimed before the retry time: %d, %v", attempt, len(early), err)
		}
		now = next
	}
	if got, err := s.ClaimJobs(ctx, now.Add(24*time.Hour), 5, time.Minute); err != nil || len(got) != 0 {
		t.Fatalf("a job failed %d times was claimed again: %d, %v", prakerja.JobAttemptsMax, len(got), err)
	}
	jobs, err := s.Jobs(ctx, prakerja.JobFilter{Kind: prakerja.JobPurchaseDeadline})
	must(t, err)
	if len(jobs) != 1 || jobs[0].LastError != fmt.Sprintf("boom %d", prakerja.JobAttemptsMax) || !jobs[0].DoneAt.IsZero() {
		t.Fatalf("failed job = %+v", jobs)
	}
	counts, err := s.JobCounts(ctx, now)
	must(t, err)
	diff(t, "counts", counts, []prakerja.JobCount{{Kind: prakerja.JobPurchaseDeadline, State: prakerja.JobFailed, Count: 1}})
	must(t, s.EnqueueJobs(ctx, []prakerja.Job{job(prakerja.JobPurchaseDeadline, 6, 0)}, T0))
	failed, err := s.Jobs(ctx, prakerja.JobFilter{Failed: true})
	must(t, err)
	if len(failed) != 1 || failed[0].RegistrationID != 5 {
		t.Fatalf("failed jobs = %+v, want the one of registration 5", failed)
	}
}

// testJobsCounts checks the states JobCounts derives from the columns.
func testJobsCounts(t *testing.T, open Opener) {
	s, ctx := open(t), context.Background()
	jobs := []prakerja.Job{job(prakerja.JobUnlockIncentive, 1, 1), job(prakerja.JobUnlockIncentive, 1, 2),
		job(prakerja.JobUnlockIncentive, 1, 3)}
	must(t, s.EnqueueJobs(ctx, jobs, T0))
	got, err := s.ClaimJobs(ctx, T0, 2, time.Minute)
	must(t, err)
	must(t, s.CompleteJob(ctx, got[0].ID, got[0].Token, T0))
	counts, err := s.JobCounts(ctx, T0)
	must(t, err)
	k := prakerja.JobUnlockIncentive
	diff(t, "counts", counts, []prakerja.JobCount{{Kind: k, State: prakerja.JobDone, Count: 1},
		{Kind: k, State: prakerja.JobPending, Count: 1}, {Kind: k, State: prakerja.JobRunning, Count: 1}})
}

// testJobsRace has many claimers take the same due jobs at once: every job
// is claimed by exactly one of them.
func testJobsRace(t *testing.T, open Opener) {
	s, ctx := open(t), context.Background()
	const n = 200
	jobs := make([]prakerja.Job, n)
	for i := range jobs {
		jobs[i] = job(prakerja.JobUnlockSurvey, int64(i+1), 1)
	}
	must(t, s.EnqueueJobs(ctx, jobs, T0))
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range raceWorkers / 5 {
		wg.Go(func() {
			for range 10 {
				got, err := s.ClaimJobs(ctx, T0, 7, time.Hour)
				if err != nil {
					t.Errorf("claim: %v", err)
					return
				}
				mu.Lock()
				for _, j := range got {
					seen[j.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != n {
		t.Fatalf("%d of %d jobs claimed", len(seen), n)
	}
	for id, c := range seen {
		if c != 1 {
			t.Fatalf("job %d claimed %d times under one lease", id, c)
		}
	}
}
