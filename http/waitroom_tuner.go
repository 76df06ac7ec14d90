package http

import (
	"slices"
	"time"
)

// Adaptive bound settings (WaitRoomConfig.LatencyTarget).
const (
	// tunerWindow is how often the bound is reconsidered.
	tunerWindow = 250 * time.Millisecond
	// tunerSamples bounds the latencies kept per window; past it the
	// newest replace the oldest, which is enough for a p99.
	tunerSamples = 1024
	// tunerSamplesMin is the fewest latencies a decision is made on.
	tunerSamplesMin = 20
	// tunerLimitMin is the lowest the bound goes, so a stall in the
	// database cannot shut the door completely.
	tunerLimitMin = 4
	// tunerShrinkMax and tunerGrowMax bound one window's change: cut fast
	// when slow, grow back gently.
	tunerShrinkMax = 0.7
	tunerGrowMax   = 1.1
)

// limitTuner moves the bound so admitted requests' p99 stays near the
// target. By Little's law the time in flight is the number in flight over
// the throughput, so scaling the bound by target/p99 moves the p99 towards
// the target whatever the throughput of the moment.
type limitTuner struct {
	samples []time.Duration
	next    int
	since   time.Time
	pressed bool // someone waited or was turned away this window
}

// observe records one latency and returns the bound for the next window.
func (t *limitTuner) observe(took time.Duration, limit int, cfg WaitRoomConfig) int {
	now := time.Now()
	if t.since.IsZero() {
		t.since = now
	}
	if len(t.samples) < tunerSamples {
		t.samples = append(t.samples, took)
	} else {
		t.samples[t.next] = took
		t.next = (t.next + 1) % tunerSamples
	}
	if now.Sub(t.since) < tunerWindow || len(t.samples) < tunerSamplesMin {
		return limit
	}
	p99 := percentile(t.samples, 0.99)
	pressed := t.pressed
	t.samples, t.next, t.since, t.pressed = t.samples[:0], 0, now, false
	factor := float64(cfg.LatencyTarget) / float64(max(p99, time.Microsecond))
	if factor >= 1 && !pressed {
		return limit // fast but not full: nothing to learn about a higher bound
	}
	factor = min(max(factor, tunerShrinkMax), tunerGrowMax)
	next := int(float64(limit) * factor)
	if factor > 1 && next == limit {
		next++
	}
	return min(max(next, min(tunerLimitMin, cfg.Capacity)), cfg.Capacity)
}

// percentile returns the q-quantile of d (sorted in place).
func percentile(d []time.Duration, q float64) time.Duration {
	slices.Sort(d)
	return d[min(int(q*float64(len(d))), len(d)-1)]
}
