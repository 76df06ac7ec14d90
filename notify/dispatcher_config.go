package notify

import (
	"fmt"
	"time"
)

// Bounds on the dispatcher, so one node cannot claim the whole outbox or
// open thousands of SMTP connections.
const (
	BatchMax       = 1000 // the store's claim and mark bounds
	ConcurrencyMax = 64
	AttemptsMax    = 50
	ReasonMax      = 300 // bytes of a stored failure reason
)

// NeverRetry is the next-attempt time of a message the dispatcher gave up
// on. The store has no dead-letter state yet, so a message that is never
// due again is one; operators find them by LastError and this time.
var NeverRetry = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// DispatcherConfig tunes the outbox loop.
type DispatcherConfig struct {
	Batch        int           // messages claimed per round
	Concurrency  int           // deliveries in flight
	Lease        time.Duration // claim lease; must exceed SendTimeout and the time to record it, so no other node takes a message mid-send
	SendTimeout  time.Duration // one delivery attempt
	PollInterval time.Duration // wait when the outbox had nothing more due
	MaxAttempts  int           // failed tries before giving up
	BackoffBase  time.Duration // wait after the first failure; doubles each time
	BackoffMax   time.Duration // cap on that wait
	// StaleAfter drops a one-time-code message older than this instead of
	// sending it: the code has expired, and a late SMS costs money and
	// confuses. Links (72 h) are not affected.
	StaleAfter time.Duration
}

// DefaultDispatcherConfig returns the production defaults. Eight tries
// with 30 s doubling to a 30 min cap span about an hour: long enough to
// ride out a relay or gateway outage, short enough that a broken address
// is not retried all day. Codes stop earlier, at StaleAfter. Rounds of 500
// keep a backlog (a wave's announcements) to two commits or so per 500
// messages; with a slow sender RunOnce starts no send the lease cannot
// cover and leaves the rest to the next round.
func DefaultDispatcherConfig() DispatcherConfig {
	return DispatcherConfig{
		Batch:        500,
		Concurrency:  8,
		Lease:        2 * time.Minute,
		SendTimeout:  DefaultSendTimeout,
		PollInterval: time.Second,
		MaxAttempts:  8,
		BackoffBase:  30 * time.Second,
		BackoffMax:   30 * time.Minute,
		StaleAfter:   10 * time.Minute, // registration.OTPTTLMax
	}
}

// Validate reports the first unusable setting.
func (c DispatcherConfig) Validate() error {
	switch {
	case c.Batch < 1 || c.Batch > BatchMax:
		return fmt.Errorf("batch %d is outside 1-%d", c.Batch, BatchMax)
	case c.Concurrency < 1 || c.Concurrency > ConcurrencyMax:
		return fmt.Errorf("concurrency %d is outside 1-%d", c.Concurrency, ConcurrencyMax)
	case c.SendTimeout <= 0 || c.Lease <= c.SendTimeout+markTimeout:
		return fmt.Errorf("send timeout must be positive and at least %v shorter than the lease", markTimeout)
	case c.PollInterval <= 0:
		return fmt.Errorf("poll interval must be positive")
	case c.MaxAttempts < 1 || c.MaxAttempts > AttemptsMax:
		return fmt.Errorf("max attempts %d is outside 1-%d", c.MaxAttempts, AttemptsMax)
	case c.BackoffBase <= 0 || c.BackoffMax < c.BackoffBase:
		return fmt.Errorf("backoff base must be positive and at most the cap")
	case c.StaleAfter <= 0:
		return fmt.Errorf("stale-after must be positive")
	}
	return nil
}

// backoff returns the wait after the n-th failed attempt (n ≥ 1).
func (c DispatcherConfig) backoff(n int) time.Duration {
	d := c.BackoffBase
	for i := 1; i < n && d < c.BackoffMax; i++ {
		d *= 2
	}
	return min(d, c.BackoffMax)
}
