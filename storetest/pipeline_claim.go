package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testClaimWork covers which registrations a claim takes, in which order,
// for how long, and that concurrent claimers never share one.
func testClaimWork(t *testing.T, open Opener) {
	lease := time.Minute
	t.Run("OldestInStatusFirst", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		// Entered in reverse creation order, so the ID alone would mislead.
		recs := MustCreateIn(t, s, prakerja.StatusPhoneVerified, times(5, T0.Add(5*time.Second), -time.Second))
		MustCreateIn(t, s, prakerja.StatusEmailVerified, times(2, T0.Add(-time.Hour), time.Second))
		got := mustClaim(t, s, prakerja.StepIdentity, T0.Add(time.Hour), 3, lease)
		diff(t, "claimed", workIDs(got), []int64{recs[4].ID, recs[3].ID, recs[2].ID})
		for _, it := range got {
			if it.Token == 0 || it.Token != got[0].Token || it.Attempts != 0 {
				t.Fatalf("item %d: token %d (first %d), attempts %d; want one non-zero token, 0 attempts",
					it.Record.ID, it.Token, got[0].Token, it.Attempts)
			}
		}
		want := *recs[4]
		diff(t, "claimed record", got[0].Record, &want)
		if n := len(mustClaim(t, s, prakerja.StepEligibility, T0.Add(time.Hour), 10, lease)); n != 0 {
			t.Fatalf("eligibility step claimed %d, want 0", n)
		}
	})
	t.Run("LeaseExpiry", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		recs := MustCreateIn(t, s, prakerja.StatusPhoneVerified, times(2, T0, time.Second))
		first := mustClaim(t, s, prakerja.StepIdentity, T0, 1, lease)
		diff(t, "first claim", workIDs(first), []int64{recs[0].ID})
		diff(t, "during the lease", workIDs(mustClaim(t, s, prakerja.StepIdentity, T0.Add(lease-time.Microsecond), 5, lease)), []int64{recs[1].ID})
		if n := len(mustClaim(t, s, prakerja.StepIdentity, T0.Add(lease/2), 5, lease)); n != 0 {
			t.Fatalf("claimed %d while every lease is live, want 0", n)
		}
		again := mustClaim(t, s, prakerja.StepIdentity, T0.Add(lease), 1, lease)
		diff(t, "after the lease", workIDs(again), []int64{recs[0].ID})
		if again[0].Attempts != 1 || again[0].Token == first[0].Token {
			t.Fatalf("reclaim: attempts %d, token %d (was %d); want 1 and a new token", again[0].Attempts, again[0].Token, first[0].Token)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		tests := []struct {
			name  string
			step  prakerja.Step
			limit int
			lease time.Duration
		}{
			{"UnknownStep", "selection", 1, lease},
			{"LimitZero", prakerja.StepIdentity, 0, lease},
			{"LimitOverMax", prakerja.StepIdentity, prakerja.ClaimMax + 1, lease},
			{"NoLease", prakerja.StepIdentity, 1, 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.ClaimWork(context.Background(), tt.step, T0, tt.limit, tt.lease)
				WantCode(t, err, prakerja.CodeInvalid)
			})
		}
	})
	t.Run("ConcurrentClaimers", func(t *testing.T) { t.Parallel(); testConcurrentWork(t, open(t)) })
}

// testConcurrentWork lets several workers claim small batches at once
// until nothing is left and checks every registration went to exactly one.
func testConcurrentWork(t *testing.T, s prakerja.Store) {
	const total, workers, batch = 150, 6, 7
	recs := MustCreateIn(t, s, prakerja.StatusPhoneVerified, times(total, T0, time.Millisecond))
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				got, err := s.ClaimWork(context.Background(), prakerja.StepIdentity, T0.Add(time.Hour), batch, time.Hour)
				if err != nil || len(got) == 0 {
					if err != nil {
						t.Error(err)
					}
					return
				}
				mu.Lock()
				for _, it := range got {
					seen[it.Record.ID]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != total {
		t.Fatalf("claimed %d distinct registrations, want %d", len(seen), total)
	}
	for _, r := range recs {
		if seen[r.ID] != 1 {
			t.Fatalf("registration %d claimed %d times, want 1", r.ID, seen[r.ID])
		}
	}
}
