package verify

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/prakerja/prakerja"
)

// Pipeline limits. Each is the ceiling a Config may ask for.
const (
	// ConcurrencyMax bounds the claims in flight per step. Every claim
	// holds up to Batch registrations in memory and, on SQLite, queues on
	// the one writer, so more than a few only adds waiting.
	ConcurrencyMax = 64
	// LeaseMin keeps a lease long enough for one batch; a registry call
	// is bounded by half the lease (CheckTimeout), so a live worker
	// records its answers before another worker may take them over.
	LeaseMin = time.Second
	// FactsMax bounds the registry facts kept in memory between the two
	// steps (see facts.go); about 40 bytes each.
	FactsMax = 2_000_000
	// completeTimeout bounds recording a finished batch after the
	// pipeline's context ended, so a stop does not throw away answers the
	// registry already gave.
	completeTimeout = 10 * time.Second
)

// Defaults for the zero Config fields.
const (
	DefaultBatch       = 2000
	DefaultLease       = 2 * time.Minute
	DefaultConcurrency = 2
	DefaultIdlePoll    = time.Second
	DefaultBackoffBase = 5 * time.Second
	DefaultBackoffMax  = 5 * time.Minute
	DefaultWrites      = 2
)

// Config tunes a Pipeline. The zero Config is usable.
type Config struct {
	// Batch is how many registrations one claim takes, 1–prakerja.ClaimMax:
	// one transaction to claim them and one to record their results.
	Batch int
	// Lease is how long a claim holds its registrations. A worker that
	// dies (killed, stalled) loses them when it runs out, and another
	// worker takes them over.
	Lease time.Duration
	// Concurrency is how many claims each step has in flight at once, so
	// that one batch waits for the registry while another is written.
	Concurrency int
	// IdlePoll is how long Run waits after finding no work.
	IdlePoll time.Duration
	// BackoffBase and BackoffMax shape when a registration the registry
	// could not answer is tried again: min(BackoffMax, BackoffBase·2ⁿ)
	// after its n-th failed attempt, plus up to a quarter of jitter so
	// that a whole outage's backlog does not return in one instant.
	BackoffBase time.Duration
	BackoffMax  time.Duration
	// Writes bounds the store writes (claims and records) this pipeline
	// has in flight at once; 0 means DefaultWrites. SQLite runs one write
	// at a time, and a write queued inside the store counts against the
	// store's query timeout, so the queue is kept here instead, where
	// waiting costs nothing. PostgreSQL runs writes in parallel: give it
	// about twice Concurrency.
	Writes int
	// Steps lists the steps this pipeline works; nil means all. A node
	// without a registry can still run the eligibility step (a rerun after
	// a list import needs no registry).
	Steps []prakerja.Step
}

// withDefaults checks c and fills its zero fields.
func (c Config) withDefaults() (Config, error) {
	if c.Batch < 0 || c.Batch > prakerja.ClaimMax {
		return c, fmt.Errorf("verify: batch must be 1–%d", prakerja.ClaimMax)
	}
	if c.Concurrency < 0 || c.Concurrency > ConcurrencyMax {
		return c, fmt.Errorf("verify: concurrency must be 1–%d", ConcurrencyMax)
	}
	if c.Writes < 0 || c.Writes > 2*ConcurrencyMax {
		return c, fmt.Errorf("verify: writes must be 1–%d", 2*ConcurrencyMax)
	}
	if c.Lease < 0 || c.IdlePoll < 0 || c.BackoffBase < 0 || c.BackoffMax < 0 {
		return c, errors.New("verify: durations must not be negative")
	}
	c.Batch = orInt(c.Batch, DefaultBatch)
	c.Concurrency = orInt(c.Concurrency, DefaultConcurrency)
	c.Writes = orInt(c.Writes, DefaultWrites)
	c.Lease = orDuration(c.Lease, DefaultLease)
	c.IdlePoll = orDuration(c.IdlePoll, DefaultIdlePoll)
	c.BackoffBase = orDuration(c.BackoffBase, DefaultBackoffBase)
	c.BackoffMax = max(orDuration(c.BackoffMax, DefaultBackoffMax), c.BackoffBase)
	for _, st := range c.Steps {
		if st.From() == "" {
			return c, fmt.Errorf("verify: unknown step %q", st)
		}
	}
	if c.Steps == nil {
		c.Steps = prakerja.Steps()
	}
	if c.Lease < LeaseMin {
		return c, fmt.Errorf("verify: lease must be at least %s", LeaseMin)
	}
	return c, nil
}

// works reports whether the pipeline works step.
func (c Config) works(step prakerja.Step) bool { return slices.Contains(c.Steps, step) }

// CheckTimeout bounds one registry call: half the lease, so the answer
// is recorded while the claim still holds.
func (c Config) CheckTimeout() time.Duration { return c.Lease / 2 }

// backoff returns the wait before the next try of a registration whose
// attempts so far failed attempts times; hint, the registry's Retry-After,
// wins when it is longer.
func (c Config) backoff(attempts int, hint time.Duration) time.Duration {
	d := c.BackoffBase
	for i := 0; i < attempts && d < c.BackoffMax; i++ {
		d *= 2
	}
	d = min(d, c.BackoffMax)
	d += time.Duration(rand.Int64N(int64(d)/4 + 1))
	return max(d, hint)
}

func orInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func orDuration(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}
