package verify

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
)

// Run works both steps until ctx ends, waiting IdlePoll whenever a step
// has nothing to claim. Store and registry failures are logged and
// retried, never returned: the work is durable in the store, so the next
// round picks it up. It returns nil when ctx ends; claims cut short are
// left to run out (see the package doc).
func (p *Pipeline) Run(ctx context.Context) error {
	for {
		err := p.dedup.seed(ctx)
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return nil
		}
		p.log.ErrorContext(ctx, "verification waits for the store", "err", err)
		sleep(ctx, p.cfg.IdlePoll)
	}
	var wg sync.WaitGroup
	for _, step := range p.cfg.Steps {
		for range p.cfg.Concurrency {
			wg.Go(func() { p.serve(ctx, step) })
		}
	}
	wg.Wait()
	return nil
}

// Drain works both steps until neither has anything to claim and every
// retry this pipeline scheduled has been tried, then returns the counts of
// what it recorded. Unlike Run it gives up on a store error that repeats
// drainFailuresMax times in a row, and returns it. Work held by another
// node's live claim (or a killed process's, until its lease runs out), or
// due after a retry another node scheduled, is not waited for.
func (p *Pipeline) Drain(ctx context.Context) (Counts, error) {
	if err := p.dedup.seed(ctx); err != nil {
		return p.Counts(), err
	}
	identityDone := make(chan struct{})
	var identity, eligible sync.WaitGroup
	errs := make(chan error, 2*p.cfg.Concurrency)
	for range p.cfg.Concurrency {
		if p.cfg.works(prakerja.StepIdentity) {
			identity.Go(func() { errs <- p.drain(ctx, prakerja.StepIdentity, nil) })
		}
		if p.cfg.works(prakerja.StepEligibility) {
			eligible.Go(func() { errs <- p.drain(ctx, prakerja.StepEligibility, identityDone) })
		}
	}
	identity.Wait()
	close(identityDone)
	eligible.Wait()
	close(errs)
	if err := ctx.Err(); err != nil {
		return p.Counts(), err
	}
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	return p.Counts(), errors.Join(all...)
}

// serve is one worker of Run: it claims, works and records batches of
// step until ctx ends.
func (p *Pipeline) serve(ctx context.Context, step prakerja.Step) {
	for ctx.Err() == nil {
		n, err := p.round(ctx, step)
		wait := time.Duration(0)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			p.log.ErrorContext(ctx, "verification round failed", "step", string(step), "err", err)
			wait = p.cfg.IdlePoll
		case n == 0:
			p.idle(step)
			wait = p.cfg.IdlePoll
		}
		sleep(ctx, wait)
	}
}

// drain is one worker of Drain. An identity worker ends when nothing is
// claimable and no retry it knows of is pending (retry times are read on
// the pipeline's clock, so a test with a stopped clock must move it); an
// eligibility worker
// when nothing is claimable after the identity workers ended (before
// that, identity may still be producing its work).
func (p *Pipeline) drain(ctx context.Context, step prakerja.Step, identityDone <-chan struct{}) error {
	failures := 0
	for {
		claimedAt := p.now()
		n, err := p.round(ctx, step)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			failures++
			if failures == drainFailuresMax {
				return err
			}
			p.log.WarnContext(ctx, "verification round failed; trying again", "step", string(step), "err", err)
			sleep(ctx, p.cfg.IdlePoll)
			continue
		case n > 0:
			failures = 0
			continue
		}
		if step == prakerja.StepIdentity {
			// Done only when a claim made after the last retry came due
			// found nothing; else wait for it and look again.
			until := time.Unix(0, p.retryUntil.Load())
			if !claimedAt.Before(until) {
				return nil
			}
			sleep(ctx, min(until.Sub(p.now())+time.Millisecond, p.cfg.IdlePoll))
			continue
		}
		select {
		case <-identityDone:
			return nil
		default:
			sleep(ctx, min(p.cfg.IdlePoll, drainPoll))
		}
	}
}

// drainFailuresMax is how many rounds in a row may fail (a store timeout,
// a lost connection) before Drain gives up and returns the error.
const drainFailuresMax = 3

// drainPoll is how often an idle eligibility worker of Drain looks again
// while identity workers are still busy.
const drainPoll = 20 * time.Millisecond

// idle is called when step found nothing to claim. With both steps idle,
// the facts left in memory belong to registrations another node took;
// they are dropped so the cache does not grow.
func (p *Pipeline) idle(step prakerja.Step) {
	if step == prakerja.StepEligibility && p.identityBusy.Load() == 0 {
		p.facts.reset()
	}
}
