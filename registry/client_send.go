package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// send verifies one batch: up to 1+Retries attempts with backoff between
// them, each let through by the breaker. Reading is idempotent, so a batch
// whose answer was lost can always be sent again.
func (c *Client) send(ctx context.Context, items []wireItem) ([]Result, error) {
	body, err := json.Marshal(wireRequest{Items: items})
	if err != nil {
		return nil, fmt.Errorf("registry: encode: %w", err)
	}
	for try := 0; ; try++ {
		answers, err := c.attempt(ctx, body, len(items))
		if err == nil {
			return answers, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("registry: verify: %w", ctx.Err())
		}
		var ae *attemptError
		if !errors.As(err, &ae) {
			return nil, err // the breaker refused: already coded
		}
		if !ae.retry || try >= c.cfg.Retries {
			return nil, c.giveUp(ae, try+1)
		}
		if err := sleep(ctx, c.backoff(try, ae.retryAfter)); err != nil {
			return nil, fmt.Errorf("registry: verify: %w", err)
		}
	}
}

// attempt makes one HTTP request inside the concurrency bound and the
// breaker, and reports it to both and to the hooks.
func (c *Client) attempt(ctx context.Context, body []byte, n int) ([]Result, error) {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-c.sem }()
	gen, ok, wait := c.breaker.allow()
	if !ok {
		return nil, unavailable(ErrCircuitOpen, wait)
	}
	start := time.Now()
	answers, err := c.post(ctx, body, n)
	c.breaker.done(gen, c.classify(ctx, err))
	if h := c.cfg.Hooks.Attempt; h != nil {
		status := 0
		var ae *attemptError
		if errors.As(err, &ae) {
			status = ae.status
		} else if err == nil {
			status = 200
		}
		h(n, status, time.Since(start), err)
	}
	return answers, err
}

// classify tells the breaker what an attempt says about the registry.
// The caller giving up says nothing, and neither does a 4xx: the registry
// answered, it just did not like the request.
func (c *Client) classify(ctx context.Context, err error) outcome {
	var ae *attemptError
	switch {
	case err == nil:
		return outcomeSuccess
	case ctx.Err() != nil:
		return outcomeNeutral
	case errors.As(err, &ae) && ae.failure:
		return outcomeFailure
	}
	return outcomeNeutral
}

// giveUp turns the last attempt's error into the batch's error: code
// unavailable when the registry failed, the 4xx sentinel otherwise.
func (c *Client) giveUp(ae *attemptError, tries int) error {
	if !ae.failure {
		return ae.err
	}
	retry := ae.retryAfter
	if retry <= 0 {
		retry = c.cfg.BackoffMax
	}
	return unavailable(fmt.Errorf("%w after %d tries: %w", ErrExhausted, tries, ae.err), retry)
}

// backoff is the wait before retry number try (0-based): exponential,
// capped, with equal jitter, and at least the registry's Retry-After when
// that fits under the cap.
func (c *Client) backoff(try int, retryAfter time.Duration) time.Duration {
	d := c.cfg.BackoffMax
	if try < 30 { // beyond that the shift overflows; the cap holds anyway
		d = min(c.cfg.BackoffBase<<try, c.cfg.BackoffMax)
	}
	d = d/2 + rand.N(d/2+1)
	if retryAfter > d {
		d = min(retryAfter, c.cfg.BackoffMax)
	}
	return d
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
