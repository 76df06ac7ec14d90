package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
)

// TestBackoff checks the retry delays: a minute, doubling, at most six
// hours.
func TestBackoff(t *testing.T) {
	for _, tt := range []struct {
		attempts int
		want     time.Duration
	}{{0, time.Minute}, {1, time.Minute}, {2, 2 * time.Minute}, {5, 16 * time.Minute}, {20, 6 * time.Hour}} {
		if got := jobs.Backoff(tt.attempts); got != tt.want {
			t.Errorf("Backoff(%d) = %s, want %s", tt.attempts, got, tt.want)
		}
	}
}

// TestFailedJobRetried checks that a handler error fails the job with a
// backoff and a reason: it is not run again before its retry time.
func TestFailedJobRetried(t *testing.T) {
	e := newEnv(t, 1)
	ctx := context.Background()
	// Registration 999999 has no card: the unlock cannot run.
	bad := prakerja.Job{Kind: prakerja.JobUnlockIncentive, Key: "bad", RegistrationID: 999_999, Slot: 1, DueAt: T0}
	must(t, e.store.EnqueueJobs(ctx, []prakerja.Job{bad}, T0))
	sum, err := e.runner.RunDue(ctx, T0)
	must(t, err)
	if sum.Failed != 1 || sum.Done != 0 {
		t.Fatalf("summary = %+v, want 1 failed", sum)
	}
	if sum, err := e.runner.RunDue(ctx, T0.Add(jobs.Backoff(1)-time.Second)); err != nil || sum.Claimed != 0 {
		t.Fatalf("retried before the backoff: %+v, %v", sum, err)
	}
	list, err := e.store.Jobs(ctx, prakerja.JobFilter{Kind: prakerja.JobUnlockIncentive})
	must(t, err)
	if len(list) != 1 || list[0].Attempts != 1 || !strings.Contains(list[0].LastError, "not_found") {
		t.Fatalf("failed job = %+v", list)
	}
}
