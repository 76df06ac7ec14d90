package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestLoadtestTurnsAwayAndLosesNothing runs a short rush at a server that
// serves one request at a time: some registrants must be turned away with
// Retry-After and a position, and every acknowledged registration must be
// in the store. Figures are recorded by running the command, not here.
func TestLoadtestTurnsAwayAndLosesNothing(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, context.Background(), nil, "loadtest", "--data", t.TempDir(),
		"--capacity", "1", "--latency-target", "0", "--rate", "2000", "--ramp", "0s", "--duration", "1s", "--json")
	if code != 0 {
		t.Fatalf("loadtest exit %d\n%s\n%s", code, out, errOut)
	}
	var res loadtestResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, out)
	}
	if res.TurnedAway == 0 || res.Created == 0 {
		t.Errorf("turned away %d, created %d: want some of each at capacity 1", res.TurnedAway, res.Created)
	}
	if res.Checked != res.Created || res.Missing != 0 || res.Duplicated != 0 {
		t.Errorf("checked %d of %d acknowledged, missing %d, duplicated %d", res.Checked, res.Created, res.Missing, res.Duplicated)
	}
	if res.Offered != res.Created+res.TurnedAway+res.OtherErrors {
		t.Errorf("offered %d != created %d + turned away %d + other %d", res.Offered, res.Created, res.TurnedAway, res.OtherErrors)
	}
	if !strings.Contains(out, "acknowledged checked") {
		t.Errorf("no check line in the report:\n%s", out)
	}
}

// TestRushPacer checks the opening-rush profile: a linear climb to the
// peak, then the peak held, then a stop.
func TestRushPacer(t *testing.T) {
	t.Parallel()
	p := rushPacer{peak: 1000, ramp: 2 * time.Second, hold: 3 * time.Second}
	tests := []struct {
		name    string
		elapsed time.Duration
		hits    uint64
		wait    bool // a positive wait is expected
		stop    bool
	}{
		{"BehindInRamp", time.Second, 100, false, false}, // 500 due by 1 s
		{"AheadInRamp", time.Second, 600, true, false},   // only 500 due
		{"BehindAtPeak", 3 * time.Second, 1000, false, false},
		{"AheadAtPeak", 3 * time.Second, 2000, true, false}, // 2000 due by 3 s
		{"Over", 5 * time.Second, 0, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wait, stop := p.Pace(tt.elapsed, tt.hits)
			if stop != tt.stop || (wait > 0) != tt.wait {
				t.Errorf("Pace(%s, %d) = %s, %v; want wait>0 %v, stop %v", tt.elapsed, tt.hits, wait, stop, tt.wait, tt.stop)
			}
		})
	}
	if got := p.total(); got != 4000 {
		t.Errorf("total %d, want 1000 (ramp) + 3000 (hold)", got)
	}
	if got := p.Rate(time.Second); got != 500 {
		t.Errorf("rate at 1 s = %v, want 500", got)
	}
}

// TestLoadtestRefusesBadFlags checks the limits are enforced before any
// server starts.
func TestLoadtestRefusesBadFlags(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"--capacity", "0"},
		{"--rate", "-1"},
		{"--rate", "1000000"},
		{"--factor", "0.5"},
		{"--duration", "0s"},
		{"--latency-target", "-1s"},
		{"--target", "http://127.0.0.1:1"}, // no --data or --db to check against
	} {
		if code, out, errOut := runCmd(t, context.Background(), nil, append([]string{"loadtest"}, args...)...); code == 0 {
			t.Errorf("loadtest %v: exit 0, want a refusal\n%s\n%s", args, out, errOut)
		}
	}
}
