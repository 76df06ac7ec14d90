package registry

import (
	"testing"
	"time"
)

// manualBreaker is a breaker on a clock the test moves.
func manualBreaker(cfg BreakerConfig) (*breaker, *time.Time) {
	now := time.Date(2020, 4, 11, 9, 0, 0, 0, time.UTC)
	return newBreaker(cfg, func() time.Time { return now }, nil), &now
}

// run lets one request through and records o; false if refused.
func run(b *breaker, o outcome) bool {
	gen, ok, _ := b.allow()
	if ok {
		b.done(gen, o)
	}
	return ok
}

// fail records n failures.
func fail(b *breaker, n int) {
	for range n {
		run(b, outcomeFailure)
	}
}

func TestBreakerStates(t *testing.T) {
	t.Parallel()
	cfg := BreakerConfig{FailuresMax: 3, FailureRatio: 0.5, MinRequests: 10, Window: 10 * time.Second, CoolDown: 5 * time.Second, ProbesMax: 2}
	tests := []struct {
		name  string
		steps func(b *breaker, now *time.Time)
		want  BreakerState
	}{
		{"ClosedSuccessBreaksStreak", func(b *breaker, _ *time.Time) {
			run(b, outcomeFailure)
			run(b, outcomeFailure)
			run(b, outcomeSuccess)
			run(b, outcomeFailure)
		}, BreakerClosed},
		{"OpenAfterStreak", func(b *breaker, _ *time.Time) {
			fail(b, 3)
		}, BreakerOpen},
		{"OpenOnRatio", func(b *breaker, _ *time.Time) {
			for range 5 { // S F S F …: never a streak, half of ten failed
				run(b, outcomeSuccess)
				run(b, outcomeFailure)
			}
		}, BreakerOpen},
		{"ClosedRatioWindowResets", func(b *breaker, now *time.Time) {
			for i := range 5 {
				run(b, outcomeSuccess)
				run(b, outcomeFailure)
				if i == 2 {
					*now = now.Add(10 * time.Second)
				}
			}
		}, BreakerClosed},
		{"ClosedNeutralIgnored", func(b *breaker, _ *time.Time) {
			for range 20 {
				run(b, outcomeNeutral)
			}
		}, BreakerClosed},
		{"HalfOpenAfterCoolDown", func(b *breaker, now *time.Time) {
			fail(b, 3)
			*now = now.Add(5 * time.Second)
		}, BreakerHalfOpen},
		{"ClosedAfterProbesMaxSuccesses", func(b *breaker, now *time.Time) {
			fail(b, 3)
			*now = now.Add(5 * time.Second)
			run(b, outcomeSuccess)
			run(b, outcomeSuccess)
		}, BreakerClosed},
		{"StaleOutcomeIgnored", func(b *breaker, _ *time.Time) {
			slow, _, _ := b.allow() // starts before the circuit opens
			fail(b, 3)
			b.done(slow, outcomeSuccess)
		}, BreakerOpen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, now := manualBreaker(cfg)
			tt.steps(b, now)
			if got := b.current(); got != tt.want {
				t.Fatalf("state %s, want %s", got, tt.want)
			}
		})
	}
}

// TestBreakerProbesMax: half-open lets ProbesMax requests through at once
// and refuses the rest without a wait hint.
func TestBreakerProbesMax(t *testing.T) {
	t.Parallel()
	b, now := manualBreaker(BreakerConfig{FailuresMax: 1, CoolDown: time.Second, ProbesMax: 2})
	fail(b, 1)
	if _, ok, wait := b.allow(); ok || wait != time.Second {
		t.Fatalf("open: allowed %v, wait %v; want refused for 1s", ok, wait)
	}
	*now = now.Add(time.Second)
	for i := range 2 {
		if _, ok, _ := b.allow(); !ok {
			t.Fatalf("probe %d refused", i)
		}
	}
	if _, ok, wait := b.allow(); ok || wait != 0 {
		t.Fatalf("third probe: allowed %v, wait %v; want refused", ok, wait)
	}
}
