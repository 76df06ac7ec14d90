package verify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/eligibility"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/scheme"
)

// Store is what the pipeline needs of prakerja.Store.
type Store interface {
	prakerja.VerificationStore
	prakerja.ExclusionStore
}

// Deps are the pipeline's collaborators. All but Logger and Metrics are
// required, and Registry too when the pipeline works only the eligibility
// step.
type Deps struct {
	Store    Store
	Registry registry.Checker
	Scheme   *scheme.Scheme // its eligibility rules are compiled once, in New
	Keys     *pii.Keyring   // opens NIK and KK for the registry request
	Clock    prakerja.Clock
	Logger   *slog.Logger          // nil: no logging
	Metrics  prometheus.Registerer // nil: metrics are kept but not exported
}

// Pipeline runs the identity and eligibility steps. It is safe for
// concurrent use, and any number of pipelines, in one process or on many
// nodes, may work on one store: claims keep them apart.
type Pipeline struct {
	store    Store
	registry registry.Checker
	rules    *eligibility.Evaluator
	kkLimit  bool // the scheme limits participants per KK
	keys     *pii.Keyring
	clock    prakerja.Clock
	log      *slog.Logger
	cfg      Config
	metrics  *metrics
	facts    *factCache
	dedup    *dedupIndex
	counts   counters
	writes   chan struct{} // one token per store write in flight

	identityBusy atomic.Int64 // identity batches being worked on
	retryUntil   atomic.Int64 // unix ns of the latest retry this pipeline scheduled
}

// New checks deps and cfg and compiles the scheme's rules. It touches
// neither the store nor the registry.
func New(deps Deps, cfg Config) (*Pipeline, error) {
	if deps.Store == nil || deps.Scheme == nil || deps.Keys == nil || deps.Clock == nil {
		return nil, errors.New("verify: store, scheme, keys and clock are required")
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if deps.Registry == nil && cfg.works(prakerja.StepIdentity) {
		return nil, errors.New("verify: the identity step needs a registry")
	}
	rules, err := eligibility.Compile(deps.Scheme)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	m, err := newMetrics(deps.Metrics)
	if err != nil {
		return nil, fmt.Errorf("verify: metrics: %w", err)
	}
	log := deps.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	p := &Pipeline{
		store: deps.Store, registry: deps.Registry, rules: rules, keys: deps.Keys, clock: deps.Clock,
		kkLimit: deps.Scheme.Eligibility.MaxParticipantsPerKK > 0,
		log:     log, cfg: cfg, metrics: m, facts: newFactCache(), dedup: newDedupIndex(deps.Store),
		writes: make(chan struct{}, cfg.Writes),
	}
	// Only the identity step adds people; without it the index is unused.
	p.dedup.seeded = !cfg.works(prakerja.StepIdentity)
	return p, nil
}

// now is the pipeline's clock in UTC at the store's precision.
func (p *Pipeline) now() time.Time { return p.clock.Now().UTC().Truncate(time.Microsecond) }

// sleep waits d unless ctx ends first.
func sleep(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
