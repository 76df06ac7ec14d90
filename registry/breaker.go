package registry

import "time"

// BreakerState is the state of the client's circuit breaker.
type BreakerState int

// Breaker states.
const (
	// BreakerClosed lets every request through and counts failures.
	BreakerClosed BreakerState = iota
	// BreakerOpen refuses every request until the cool-down ends, so a
	// registry that is down is not hammered and callers fail in
	// microseconds instead of after a timeout and retries.
	BreakerOpen
	// BreakerHalfOpen lets ProbesMax trial requests through; their
	// success closes the circuit and any failure opens it again.
	BreakerHalfOpen
)

func (s BreakerState) String() string {
	switch s {
	case BreakerClosed:
		return "closed"
	case BreakerOpen:
		return "open"
	case BreakerHalfOpen:
		return "half_open"
	}
	return "unknown"
}

// BreakerConfig tunes the circuit breaker. Zero fields take the defaults
// of DefaultBreakerConfig.
type BreakerConfig struct {
	// FailuresMax consecutive failures open the circuit.
	FailuresMax int
	// FailureRatio of the requests in one Window open the circuit too,
	// once the window holds at least MinRequests: this catches a registry
	// that fails every other request, which never makes a long streak.
	FailureRatio float64
	MinRequests  int
	Window       time.Duration
	// CoolDown is how long the circuit stays open before probing.
	CoolDown time.Duration
	// ProbesMax is how many trial requests run at once when half-open,
	// and how many must succeed to close the circuit.
	ProbesMax int
}

// DefaultBreakerConfig returns the breaker settings used when none are
// given: open after 5 failures in a row or half of at least 20 requests
// in 10 s, probe after 5 s with one request.
func DefaultBreakerConfig() BreakerConfig {
	return BreakerConfig{FailuresMax: 5, FailureRatio: 0.5, MinRequests: 20, Window: 10 * time.Second, CoolDown: 5 * time.Second, ProbesMax: 1}
}

func (c BreakerConfig) withDefaults() BreakerConfig {
	d := DefaultBreakerConfig()
	if c.FailuresMax <= 0 {
		c.FailuresMax = d.FailuresMax
	}
	if c.FailureRatio <= 0 || c.FailureRatio > 1 {
		c.FailureRatio = d.FailureRatio
	}
	if c.MinRequests <= 0 {
		c.MinRequests = d.MinRequests
	}
	if c.Window <= 0 {
		c.Window = d.Window
	}
	if c.CoolDown <= 0 {
		c.CoolDown = d.CoolDown
	}
	if c.ProbesMax <= 0 {
		c.ProbesMax = d.ProbesMax
	}
	return c
}

// outcome is how one request ended, as the breaker counts it.
type outcome int

const (
	outcomeSuccess outcome = iota // the registry answered
	outcomeFailure                // 5xx, timeout, connection error
	outcomeNeutral                // 4xx or cancelled by the caller: says nothing about the registry's health
)
