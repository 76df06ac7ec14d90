package registry

import (
	"sync"
	"time"
)

// breaker is a small circuit breaker: closed → open after FailuresMax
// consecutive failures or FailureRatio of a window → half-open after
// CoolDown → closed after ProbesMax successful probes (or open again on a
// failed one). Each state change starts a new generation; outcomes of
// requests let through in an older generation are ignored, so a slow
// request that started before the circuit opened cannot close it.
type breaker struct {
	cfg      BreakerConfig
	now      func() time.Time
	onChange func(from, to BreakerState)

	mu          sync.Mutex
	state       BreakerState
	gen         uint64
	windowEnd   time.Time // closed: when the counts reset
	requests    int       // closed: outcomes counted in this window
	failures    int       // closed: failures in this window
	consecutive int       // closed: failures in a row
	openUntil   time.Time // open: when probing may start
	probes      int       // half-open: probes in flight
	probeOK     int       // half-open: probes that succeeded
	pending     []stateChange
}

// stateChange is a transition to report once the lock is released, so a
// hook may call back into the client without deadlocking.
type stateChange struct{ from, to BreakerState }

func newBreaker(cfg BreakerConfig, now func() time.Time, onChange func(from, to BreakerState)) *breaker {
	b := &breaker{cfg: cfg.withDefaults(), now: now, onChange: onChange}
	b.windowEnd = now().Add(b.cfg.Window)
	return b
}

// allow asks to send one request. It returns the generation to hand back
// to done, or false and how long until the circuit may let requests
// through again (0 when the half-open probes are already running).
func (b *breaker) allow() (gen uint64, ok bool, wait time.Duration) {
	now := b.lock()
	defer b.unlock()
	switch b.state {
	case BreakerOpen:
		return 0, false, b.openUntil.Sub(now)
	case BreakerHalfOpen:
		if b.probes >= b.cfg.ProbesMax {
			return 0, false, 0
		}
		b.probes++
	}
	return b.gen, true, 0
}

// done records how a request let through by allow ended.
func (b *breaker) done(gen uint64, o outcome) {
	now := b.lock()
	defer b.unlock()
	if gen != b.gen {
		return
	}
	switch b.state {
	case BreakerClosed:
		b.countClosed(now, o)
	case BreakerHalfOpen:
		b.probes--
		switch o {
		case outcomeFailure:
			b.set(BreakerOpen, now)
		case outcomeSuccess:
			if b.probeOK++; b.probeOK >= b.cfg.ProbesMax {
				b.set(BreakerClosed, now)
			}
		}
	}
}

// countClosed counts one outcome in the closed state and opens the
// circuit when a threshold is reached.
func (b *breaker) countClosed(now time.Time, o outcome) {
	switch o {
	case outcomeSuccess:
		b.requests++
		b.consecutive = 0
	case outcomeFailure:
		b.requests++
		b.failures++
		b.consecutive++
		ratio := float64(b.failures) / float64(b.requests)
		if b.consecutive >= b.cfg.FailuresMax || (b.requests >= b.cfg.MinRequests && ratio >= b.cfg.FailureRatio) {
			b.set(BreakerOpen, now)
		}
	}
}

// current returns the current state.
func (b *breaker) current() BreakerState {
	b.lock()
	defer b.unlock()
	return b.state
}

// lock takes the mutex and applies the transitions that time alone
// causes: the end of a counting window and the end of the cool-down.
func (b *breaker) lock() time.Time {
	b.mu.Lock()
	now := b.now()
	switch {
	case b.state == BreakerClosed && !now.Before(b.windowEnd):
		b.requests, b.failures = 0, 0
		b.windowEnd = now.Add(b.cfg.Window)
	case b.state == BreakerOpen && !now.Before(b.openUntil):
		b.set(BreakerHalfOpen, now)
	}
	return now
}

// unlock releases the mutex, then reports the transitions made under it.
func (b *breaker) unlock() {
	changes := b.pending
	b.pending = nil
	b.mu.Unlock()
	if b.onChange == nil {
		return
	}
	for _, c := range changes {
		b.onChange(c.from, c.to)
	}
}

// set moves to state s and starts a new generation with fresh counts.
func (b *breaker) set(s BreakerState, now time.Time) {
	b.pending = append(b.pending, stateChange{from: b.state, to: s})
	b.state = s
	b.gen++
	b.requests, b.failures, b.consecutive = 0, 0, 0
	b.probes, b.probeOK = 0, 0
	b.windowEnd = now.Add(b.cfg.Window)
	b.openUntil = now.Add(b.cfg.CoolDown)
}
