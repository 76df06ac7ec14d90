package storetest

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testRateLimit checks that hits are counted per key and window, that
// concurrent hits each get their own count, and that bad keys are refused.
func testRateLimit(t *testing.T, open Opener) {
	ctx := context.Background()
	w1, w2 := T0.Truncate(time.Minute), T0.Truncate(time.Minute).Add(time.Minute)
	t.Run("Counts", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		for _, tt := range []struct {
			name   string
			key    string
			window time.Time
			want   int64
		}{
			{"First", "otp:ip:a", w1, 1},
			{"Second", "otp:ip:a", w1, 2},
			{"Third", "otp:ip:a", w1, 3},
			{"NextWindow", "otp:ip:a", w2, 1},
			{"OtherKey", "otp:ip:b", w1, 1},
			{"FirstWindowAgain", "otp:ip:a", w1, 4},
		} {
			t.Run(tt.name, func(t *testing.T) {
				n, err := s.HitRateLimit(ctx, tt.key, tt.window)
				must(t, err)
				if n != tt.want {
					t.Fatalf("HitRateLimit = %d, want %d", n, tt.want)
				}
			})
		}
	})
	t.Run("Concurrent", func(t *testing.T) { t.Parallel(); testConcurrentHits(t, open(t), w1) })
	t.Run("ErrBadKey", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		for _, key := range []string{"", strings.Repeat("k", 10_000)} {
			if _, err := s.HitRateLimit(ctx, key, w1); err == nil {
				t.Fatalf("no error for a key of %d bytes", len(key))
			}
		}
	})
	t.Run("Prune", func(t *testing.T) { t.Parallel(); testPruneRateLimits(t, open(t), w1, w2) })
}

// testConcurrentHits: many hits on one window at once each get their own
// count, 1 to raceWorkers.
func testConcurrentHits(t *testing.T, s prakerja.Store, window time.Time) {
	ctx := context.Background()
	got := make([]int64, raceWorkers)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := s.HitRateLimit(ctx, "register:ip:c", window)
			if err != nil {
				t.Error(err)
			}
			got[i] = n
		}()
	}
	wg.Wait()
	slices.Sort(got)
	for i, n := range got {
		if n != int64(i+1) {
			t.Fatalf("concurrent hits returned %v, want 1 … %d once each", got, raceWorkers)
		}
	}
}

// testPruneRateLimits checks the optional PruneRateLimits of stores that
// have it: old windows go, newer ones keep their hits.
func testPruneRateLimits(t *testing.T, s prakerja.Store, w1, w2 time.Time) {
	ctx := context.Background()
	pruner, ok := s.(interface {
		PruneRateLimits(ctx context.Context, before time.Time) (int64, error)
	})
	if !ok {
		t.Skip("store has no PruneRateLimits")
	}
	for _, w := range []time.Time{w1, w2} {
		_, err := s.HitRateLimit(ctx, "k", w)
		must(t, err)
	}
	n, err := pruner.PruneRateLimits(ctx, w2)
	must(t, err)
	if n != 1 {
		t.Fatalf("pruned %d windows, want 1", n)
	}
	for _, tt := range []struct {
		window time.Time
		want   int64
	}{{w1, 1}, {w2, 2}} { // w1 starts over, w2 kept its hit
		if got, err := s.HitRateLimit(ctx, "k", tt.window); err != nil || got != tt.want {
			t.Fatalf("HitRateLimit(%v) = %d, %v; want %d", tt.window, got, err, tt.want)
		}
	}
}
