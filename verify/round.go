package verify

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// round claims one batch of step, works it and records the results. It
// returns how many registrations it claimed.
func (p *Pipeline) round(ctx context.Context, step prakerja.Step) (int, error) {
	if step == prakerja.StepIdentity {
		p.identityBusy.Add(1)
		defer p.identityBusy.Add(-1)
	}
	start := time.Now()
	items, err := p.claim(ctx, step)
	if err != nil || len(items) == 0 {
		return 0, err
	}
	claimed := time.Now()
	// One "now" per batch: it is the decisions' time in the store (their
	// status_changed_at), which the facts cache uses to know its entry is
	// the current one.
	now := p.now()
	var results []prakerja.StepResult
	var flags []prakerja.DuplicateFlag
	if step == prakerja.StepIdentity {
		results, flags = p.identity(ctx, items, now)
	} else if results, err = p.eligibility(ctx, items, now); err != nil {
		return len(items), err
	}
	if len(results) == 0 {
		return len(items), nil // stopped before any answer: the claims run out
	}
	worked := time.Now()
	cctx := ctx
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		cctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), completeTimeout)
		defer cancel()
	}
	stale, err := p.complete(cctx, step, results, flags, now)
	if err != nil {
		return len(items), fmt.Errorf("record %s results: %w", step, err)
	}
	p.metrics.observe(step, results, stale, time.Since(start))
	p.counts.add(results, stale)
	p.log.DebugContext(ctx, "verification batch", "step", string(step), "items", len(items), "stale", stale,
		"claim_ms", claimed.Sub(start).Milliseconds(), "work_ms", worked.Sub(claimed).Milliseconds(),
		"record_ms", time.Since(worked).Milliseconds())
	return len(items), nil
}

// claim claims a batch of step once a write slot is free.
func (p *Pipeline) claim(ctx context.Context, step prakerja.Step) ([]prakerja.WorkItem, error) {
	select {
	case p.writes <- struct{}{}:
	case <-ctx.Done():
		return nil, nil
	}
	defer func() { <-p.writes }()
	return p.store.ClaimWork(ctx, step, p.now(), p.cfg.Batch, p.cfg.Lease)
}

// complete records results once a write slot is free, and returns how
// many were stale.
func (p *Pipeline) complete(ctx context.Context, step prakerja.Step, results []prakerja.StepResult, flags []prakerja.DuplicateFlag, now time.Time) (int, error) {
	select {
	case p.writes <- struct{}{}:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	defer func() { <-p.writes }()
	_, stale, err := p.store.CompleteWork(ctx, step, results, flags, now)
	return stale, err
}
