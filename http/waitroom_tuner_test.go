package http

import (
	"context"
	"testing"
	"time"
)

func TestLimitTuner(t *testing.T) {
	t.Parallel()
	cfg := WaitRoomConfig{Capacity: 256, LatencyTarget: 100 * time.Millisecond}
	tests := []struct {
		name    string
		took    time.Duration
		pressed bool
		limit   int
		want    int
	}{
		{"SlowShrinks", 400 * time.Millisecond, true, 200, 140},
		{"SlowerShrinksAtMost30Percent", 10 * time.Second, false, 100, 70},
		{"NeverUnderMin", time.Second, true, 4, tunerLimitMin},
		{"FastAndFullGrows", 50 * time.Millisecond, true, 100, 110},
		{"FastNotFullStays", 50 * time.Millisecond, false, 100, 100},
		{"NeverOverCapacity", time.Millisecond, true, 250, 256},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tu := limitTuner{since: time.Now().Add(-time.Second), pressed: tt.pressed}
			limit := tt.limit
			for range tunerSamplesMin {
				limit = tu.observe(tt.took, tt.limit, cfg)
			}
			if limit != tt.want {
				t.Errorf("limit %d, want %d", limit, tt.want)
			}
		})
	}
}

// TestWaitRoomLowerLimitDrains checks that when the tuner lowers the bound
// below the requests in flight, freed slots are not handed on until the
// room is under the new bound.
func TestWaitRoomLowerLimitDrains(t *testing.T) {
	t.Parallel()
	room := newWaitRoom(WaitRoomConfig{Capacity: 2, Wait: time.Millisecond}, fixedClock{testNow}, false)
	ctx := context.Background()
	for range 2 {
		if !room.acquire(ctx, false) {
			t.Fatal("under capacity: refused")
		}
	}
	room.mu.Lock()
	room.limit = 1
	room.mu.Unlock()
	room.release(0)
	if room.acquire(ctx, false) {
		t.Fatal("at the lowered bound: admitted")
	}
	room.release(0)
	if !room.acquire(ctx, false) {
		t.Fatal("under the lowered bound: refused")
	}
}
