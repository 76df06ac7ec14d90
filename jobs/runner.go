// Package jobs runs the programme's scheduled work from durable jobs
// (prakerja.JobStore) on an injected clock: unlocking incentives and
// survey incentives, revoking cards whose first-purchase deadline passed
// without a purchase, and forfeiting unspent training balances at the
// programme end. Every effect is an idempotent ledger transfer with a
// deterministic id or a conditional update, so a job that runs twice (a
// lease that ran out, two nodes, a retry after a crash) changes nothing
// more. Tests and the demo drive time with RunDue.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
)

// Store is what the runner reads and writes.
type Store interface {
	prakerja.JobStore
	prakerja.LedgerStore
	prakerja.SurveyStore
}

// Runner limits and defaults.
const (
	IntervalDefault = 5 * time.Second
	IntervalMin     = 10 * time.Millisecond
	BatchDefault    = 100
	LeaseDefault    = 5 * time.Minute
	// RoundsMax bounds the claims of one RunDue, so a flood of due jobs
	// cannot keep one call from returning (the next tick takes the rest).
	RoundsMax = 1000
	// BackoffBase and BackoffMax shape the retry delay of a failed job:
	// doubling per attempt from a minute, at most six hours, so 20
	// attempts span about four days before the job stays failed.
	BackoffBase = time.Minute
	BackoffMax  = 6 * time.Hour
)

// Config tunes a Runner; zero fields take the defaults.
type Config struct {
	Interval time.Duration // between polls of Run
	Batch    int           // jobs per claim, at most prakerja.JobBatchMax
	Lease    time.Duration // how long a claim holds its jobs, at most prakerja.JobLeaseMax
}

// Deps are the runner's collaborators. Store, Clock and Keys are required.
type Deps struct {
	Store Store
	Clock prakerja.Clock
	Keys  *pii.Keyring // seals the revocation SMS's parameters
	// Scheme is the server's own scheme, used for waves of that name
	// (it may come from a file); other names load the built-in scheme.
	Scheme *scheme.Scheme
	Logger *slog.Logger // nil: no logging
}

// Runner claims due jobs and runs a handler per kind.
type Runner struct {
	store   Store
	clock   prakerja.Clock
	keys    *pii.Keyring
	schemes *schemes
	log     *slog.Logger
	cfg     Config
}

// Summary counts what one RunDue did.
type Summary struct {
	Claimed int `json:"claimed"`
	Done    int `json:"done"`
	Failed  int `json:"failed"`
	// Stale counts results refused because the job's lease had run out
	// and another runner had taken it.
	Stale int `json:"stale"`
}

// New checks deps and cfg.
func New(deps Deps, cfg Config) (*Runner, error) {
	if deps.Store == nil || deps.Clock == nil || deps.Keys == nil {
		return nil, errors.New("jobs: store, clock and keys are required")
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	log := deps.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Runner{store: deps.Store, clock: deps.Clock, keys: deps.Keys, schemes: newSchemes(deps.Scheme),
		log: log, cfg: cfg}, nil
}

func (c Config) withDefaults() (Config, error) {
	if c.Interval == 0 {
		c.Interval = IntervalDefault
	}
	if c.Batch == 0 {
		c.Batch = BatchDefault
	}
	if c.Lease == 0 {
		c.Lease = LeaseDefault
	}
	switch {
	case c.Interval < IntervalMin:
		return c, fmt.Errorf("jobs: interval %s is below %s", c.Interval, IntervalMin)
	case c.Batch < 1 || c.Batch > prakerja.JobBatchMax:
		return c, fmt.Errorf("jobs: batch %d is outside 1..%d", c.Batch, prakerja.JobBatchMax)
	case c.Lease <= 0 || c.Lease > prakerja.JobLeaseMax:
		return c, fmt.Errorf("jobs: lease %s is outside (0, %s]", c.Lease, prakerja.JobLeaseMax)
	}
	return c, nil
}

// Run polls for due jobs every interval until ctx ends, which is its only
// way out: the scheduler of a server is meant to run forever. A failed
// poll is logged and retried at the next tick.
func (r *Runner) Run(ctx context.Context) error {
	tick := time.NewTicker(r.cfg.Interval)
	defer tick.Stop()
	for {
		if _, err := r.RunDue(ctx, r.clock.Now()); err != nil && ctx.Err() == nil {
			r.log.ErrorContext(ctx, "jobs poll failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// RunDue runs every job due at now, claim after claim, until none is left
// (or RoundsMax claims). A job's handler error fails that job with a
// backoff; only a store error ends the call early.
func (r *Runner) RunDue(ctx context.Context, now time.Time) (Summary, error) {
	var sum Summary
	for range RoundsMax {
		claimed, err := r.store.ClaimJobs(ctx, now, r.cfg.Batch, r.cfg.Lease)
		if err != nil {
			return sum, fmt.Errorf("run jobs: %w", err)
		}
		if len(claimed) == 0 {
			return sum, nil
		}
		sum.Claimed += len(claimed)
		for i := range claimed {
			if err := r.runOne(ctx, &claimed[i], now, &sum); err != nil {
				return sum, err
			}
		}
	}
	return sum, nil
}

// runOne runs one claimed job and records its outcome.
func (r *Runner) runOne(ctx context.Context, j *prakerja.ClaimedJob, now time.Time, sum *Summary) error {
	herr := r.handle(ctx, &j.Job, now)
	var err error
	if herr == nil {
		err = r.store.CompleteJob(ctx, j.ID, j.Token, now)
	} else {
		r.log.WarnContext(ctx, "job failed", "job_id", j.ID, "kind", j.Kind, "attempt", j.Attempts, "err", herr)
		err = r.store.FailJob(ctx, j.ID, j.Token, herr.Error(), now.Add(Backoff(j.Attempts)))
	}
	switch {
	case prakerja.ErrorCode(err) == prakerja.CodeConflict:
		sum.Stale++ // another runner holds it now; its outcome counts there
	case err != nil:
		return fmt.Errorf("record job %d: %w", j.ID, err)
	case herr == nil:
		sum.Done++
	default:
		sum.Failed++
	}
	return nil
}

// Backoff is the wait before attempt n+1 after n failed attempts.
func Backoff(attempts int) time.Duration {
	d := BackoffBase
	for i := 1; i < attempts && d < BackoffMax; i++ {
		d *= 2
	}
	return min(d, BackoffMax)
}

// handle runs the handler of j's kind.
func (r *Runner) handle(ctx context.Context, j *prakerja.Job, now time.Time) error {
	switch j.Kind {
	case prakerja.JobUnlockIncentive:
		return r.unlock(ctx, j, prakerja.TransferUnlockIncentive, now)
	case prakerja.JobUnlockSurvey:
		return r.unlock(ctx, j, prakerja.TransferUnlockSurvey, now)
	case prakerja.JobPurchaseDeadline:
		return r.purchaseDeadline(ctx, j, now)
	case prakerja.JobProgrammeEnd:
		return r.programmeEnd(ctx, j, now)
	}
	return fmt.Errorf("unknown job kind %q", j.Kind)
}
