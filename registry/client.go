package registry

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/prakerja/prakerja"
)

// Client is the HTTP adapter for the population registry. It is safe for
// concurrent use; share one per registry so its concurrency bound and
// circuit breaker see all the traffic.
type Client struct {
	cfg     Config
	url     string
	sem     chan struct{} // one token per request in flight
	breaker *breaker
}

var _ Checker = (*Client)(nil)

// NewClient checks cfg and returns a client. It opens no connection.
func NewClient(cfg Config) (*Client, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Client{
		cfg:     cfg,
		url:     strings.TrimRight(cfg.URL, "/") + VerifyPath,
		sem:     make(chan struct{}, cfg.Concurrency),
		breaker: newBreaker(cfg.Breaker, cfg.Now, cfg.Hooks.BreakerChange),
	}, nil
}

// BreakerState returns the circuit breaker's state, for health pages and
// metrics.
func (c *Client) BreakerState() BreakerState { return c.breaker.current() }

// batch is one request's worth of items and where their answers go.
type batch struct {
	items []wireItem
	at    []int // index in the results of each item
}

// Check implements Checker: it validates reqs, sends the valid ones in
// batches of BatchSize over at most Concurrency requests at once, and
// fills the results in request order.
func (c *Client) Check(ctx context.Context, reqs []Request) ([]Result, error) {
	if len(reqs) > CheckMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "at most %d identities per check", CheckMax)
	}
	results := make([]Result, len(reqs))
	var batches []batch
	for i, r := range reqs {
		it := toWire(r)
		if f := it.invalidField(); f != "" {
			results[i].Err = invalidError(f)
			continue
		}
		if len(batches) == 0 || len(batches[len(batches)-1].items) == c.cfg.BatchSize {
			batches = append(batches, batch{items: make([]wireItem, 0, c.cfg.BatchSize)})
		}
		b := &batches[len(batches)-1]
		b.items, b.at = append(b.items, it), append(b.at, i)
	}
	errs := make([]error, len(batches))
	c.runBatches(ctx, batches, results, errs)
	for _, err := range errs {
		if err != nil {
			return results, err
		}
	}
	return results, nil
}

// runBatches sends the batches from at most Concurrency goroutines and
// records each batch's answers or error. The client-wide semaphore, not
// the number of goroutines, is what bounds the requests in flight.
func (c *Client) runBatches(ctx context.Context, batches []batch, results []Result, errs []error) {
	do := func(i int) {
		answers, err := c.send(ctx, batches[i].items)
		errs[i] = err
		fill(results, batches[i].at, answers, err)
	}
	if len(batches) == 1 {
		do(0)
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(len(batches), c.cfg.Concurrency) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(batches); i = int(next.Add(1) - 1) {
				do(i)
			}
		})
	}
	wg.Wait()
}

// fill stores one batch's answers, or its error on each of its items.
func fill(results []Result, at []int, answers []Result, err error) {
	for k, i := range at {
		if err != nil {
			results[i] = Result{Err: err}
			continue
		}
		results[i] = answers[k]
	}
}
