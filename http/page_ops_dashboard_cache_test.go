package http

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// funnelStoreFake counts WaveFunnel reads and fails for wave 0.
type funnelStoreFake struct {
	prakerja.DashboardStore
	reads atomic.Int64
}

func (f *funnelStoreFake) WaveFunnel(_ context.Context, id int64) (*prakerja.WaveFunnel, error) {
	f.reads.Add(1)
	if id == 0 {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "no wave")
	}
	return &prakerja.WaveFunnel{WaveID: id}, nil
}

// TestFunnelCache checks a funnel is read once per minute per wave, an
// error is not kept, and the cache never holds more than its bound.
func TestFunnelCache(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := &funnelStoreFake{}
	var elapsed time.Duration
	c := &funnelCache{since: func(time.Time) time.Duration { return elapsed }}
	clock := fixedClock{testNow}
	wantReads := func(n int64) {
		t.Helper()
		if got := store.reads.Load(); got != n {
			t.Fatalf("%d reads, want %d", got, n)
		}
	}
	f, at, err := c.get(ctx, store, clock, 1)
	if err != nil || f.WaveID != 1 || !at.Equal(testNow) {
		t.Fatalf("get = %+v %v %v", f, at, err)
	}
	_, _, _ = c.get(ctx, store, clock, 1)
	wantReads(1)
	elapsed = funnelCacheTTL
	_, _, _ = c.get(ctx, store, clock, 1)
	wantReads(2)
	for range 2 {
		if _, _, err := c.get(ctx, store, clock, 0); prakerja.ErrorCode(err) != prakerja.CodeNotFound {
			t.Fatalf("err = %v", err)
		}
	}
	wantReads(4)
	elapsed = 0
	for id := int64(1); id <= 3*funnelCacheMax; id++ {
		_, _, _ = c.get(ctx, store, clock, id)
		if len(c.entries) > funnelCacheMax {
			t.Fatalf("%d entries, bound %d", len(c.entries), funnelCacheMax)
		}
	}
}
