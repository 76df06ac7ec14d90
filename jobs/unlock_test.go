package jobs_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
	"github.com/prakerja/prakerja/storetest"
)

// TestUnlockSchedule schedules the four monthly incentives of a reviewed
// first training and moves the clock month by month: each slot unlocks
// on its day and not before, and the schedule page follows.
func TestUnlockSchedule(t *testing.T) {
	eachEngine(t, func(t *testing.T, open opener) {
		e := newEnvOn(t, open(t), 1)
		ctx := context.Background()
		id := e.ids[0]
		wantIncentives(t, e, id, []string{jobs.IncentiveWaiting, jobs.IncentiveWaiting, jobs.IncentiveWaiting, jobs.IncentiveWaiting})
		reviewed := T0.AddDate(0, 0, 10)
		must(t, e.store.EnqueueJobs(ctx, prakerja.IncentiveJobs(id, e.wave.ID, 4, 30, reviewed), reviewed))
		wantIncentives(t, e, id, []string{jobs.IncentiveScheduled, jobs.IncentiveScheduled, jobs.IncentiveScheduled, jobs.IncentiveScheduled})
		steps := []struct {
			at        time.Time
			available int64
		}{
			{reviewed.Add(-time.Second), 0},
			{reviewed, incentive},
			{reviewed.AddDate(0, 0, 30).Add(-time.Second), incentive},
			{reviewed.AddDate(0, 0, 30), 2 * incentive},
			{reviewed.AddDate(0, 0, 90), 4 * incentive},
			{reviewed.AddDate(0, 0, 120), 4 * incentive},
		}
		for _, st := range steps {
			e.runAt(t, st.at)
			b := e.balances(t, id)
			if b[prakerja.AccountIncentiveAvailable] != st.available || b[prakerja.AccountIncentiveLocked] != 4*incentive-st.available {
				t.Fatalf("at %v: balances %v, want %d available", st.at, b, st.available)
			}
		}
		wantIncentives(t, e, id, []string{jobs.IncentiveAvailable, jobs.IncentiveAvailable, jobs.IncentiveAvailable, jobs.IncentiveAvailable})
	})
}

// TestUnlockTwice runs the same unlock under two job keys and with two
// runners at once: the money moves once.
func TestUnlockTwice(t *testing.T) {
	eachEngine(t, func(t *testing.T, open opener) {
		e := newEnvOn(t, open(t), 3)
		ctx := context.Background()
		var all []prakerja.Job
		for _, id := range e.ids {
			js := prakerja.IncentiveJobs(id, e.wave.ID, 4, 30, T0)
			dup := js[0]
			dup.Key += "/dup"
			all = append(append(all, js...), dup)
		}
		must(t, e.store.EnqueueJobs(ctx, all, T0))
		at := T0.AddDate(0, 0, 100)
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				if _, err := e.runner.RunDue(ctx, at); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		e.runAt(t, at)
		for _, id := range e.ids {
			if got := e.balances(t, id)[prakerja.AccountIncentiveAvailable]; got != 4*incentive {
				t.Fatalf("registration %d: available %d, want %d", id, got, 4*incentive)
			}
		}
		counts, err := e.store.JobCounts(ctx, at)
		must(t, err)
		want := []prakerja.JobCount{{Kind: prakerja.JobUnlockIncentive, State: prakerja.JobDone, Count: int64(5 * len(e.ids))}}
		if diff := cmp.Diff(want, counts); diff != "" {
			t.Fatalf("counts (-want +got):\n%s", diff)
		}
	})
}

// TestUnlockRevoked checks that a revoked card unlocks nothing.
func TestUnlockRevoked(t *testing.T) {
	e := newEnv(t, 1)
	ctx := context.Background()
	id := e.ids[0]
	must(t, e.store.EnqueueJobs(ctx, []prakerja.Job{prakerja.PurchaseDeadlineJob(id, e.wave.ID, T0, T0)}, T0))
	e.runAt(t, T0)
	must(t, e.store.EnqueueJobs(ctx, prakerja.IncentiveJobs(id, e.wave.ID, 1, 0, T0), T0))
	e.runAt(t, T0.Add(time.Hour))
	if got := e.balances(t, id)[prakerja.AccountIncentiveAvailable]; got != 0 {
		t.Fatalf("revoked card got %d unlocked", got)
	}
	wantIncentives(t, e, id, []string{jobs.IncentiveRevoked, jobs.IncentiveRevoked, jobs.IncentiveRevoked, jobs.IncentiveRevoked})
}

// TestRunLoop drives the background runner with the injected clock: a job
// due in a month runs only once the clock gets there.
func TestRunLoop(t *testing.T) {
	e := newEnv(t, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	id := e.ids[0]
	must(t, e.store.EnqueueJobs(ctx, prakerja.IncentiveJobs(id, e.wave.ID, 1, 0, T0.AddDate(0, 1, 0)), T0))
	done := make(chan error, 1)
	go func() { done <- e.runner.Run(ctx) }()
	time.Sleep(50 * time.Millisecond)
	if got := e.balances(t, id)[prakerja.AccountIncentiveAvailable]; got != 0 {
		t.Fatalf("unlocked %d before the clock reached the due day", got)
	}
	e.clock.Set(T0.AddDate(0, 1, 0))
	deadline := time.Now().Add(5 * time.Second)
	for e.balances(t, id)[prakerja.AccountIncentiveAvailable] != incentive {
		if time.Now().After(deadline) {
			t.Fatal("the runner did not unlock the due incentive")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != context.Canceled {
		t.Fatalf("Run ended with %v", err)
	}
}

// wantIncentives fails unless the schedule page's states are want.
func wantIncentives(t *testing.T, e *env, id int64, want []string) {
	t.Helper()
	list, err := e.svc.Incentives(context.Background(), id)
	must(t, err)
	got := make([]string, len(list))
	for i, in := range list {
		got[i] = in.State
		if in.Amount != incentive || in.Slot != i+1 {
			t.Fatalf("slot %d: %+v", i+1, in)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("incentive states (-want +got):\n%s", diff)
	}
}

// TestCrashedRunner leaves a claim unfinished, as a runner killed mid-batch
// would: its jobs come back when the lease ends, run once, and the dead
// claim can no longer complete them.
func TestCrashedRunner(t *testing.T) {
	e := newEnv(t, 2)
	ctx := context.Background()
	var all []prakerja.Job
	for _, id := range e.ids {
		all = append(all, prakerja.IncentiveJobs(id, e.wave.ID, 1, 0, T0)...)
	}
	must(t, e.store.EnqueueJobs(ctx, all, T0))
	dead, err := e.store.ClaimJobs(ctx, T0, 10, time.Minute)
	must(t, err)
	if len(dead) != 2 {
		t.Fatalf("claimed %d jobs, want 2", len(dead))
	}
	if sum := e.runAt(t, T0.Add(30*time.Second)); sum.Claimed != 0 {
		t.Fatalf("jobs under a live lease ran: %+v", sum)
	}
	if sum := e.runAt(t, T0.Add(time.Minute)); sum.Done != 2 {
		t.Fatalf("after the lease: %+v, want 2 done", sum)
	}
	for _, j := range dead {
		storetest.WantCode(t, e.store.CompleteJob(ctx, j.ID, j.Token, T0.Add(2*time.Minute)), prakerja.CodeConflict)
	}
	for _, id := range e.ids {
		if got := e.balances(t, id)[prakerja.AccountIncentiveAvailable]; got != incentive {
			t.Fatalf("registration %d: available %d, want %d", id, got, incentive)
		}
	}
}
