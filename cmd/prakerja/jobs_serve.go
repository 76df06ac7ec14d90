package main

import (
	"context"
	"log/slog"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
)

// newRunner builds the job runner of serve, or nil when cfg turns it off.
func newRunner(store *sqldb.Store, keys *pii.Keyring, sch *scheme.Scheme, clock prakerja.Clock, cfg appConfig, log *slog.Logger) (*jobs.Runner, error) {
	if !cfg.Jobs {
		return nil, nil
	}
	return jobs.New(jobs.Deps{Store: store, Clock: clock, Keys: keys, Scheme: sch, Logger: log},
		jobs.Config{Interval: cfg.JobsInterval, Lease: cfg.JobsLease})
}

// startJobs runs the job runner in the background until ctx ends, or says
// once that it is off. The returned channel yields its end.
func (a *app) startJobs(ctx context.Context) <-chan error {
	done := make(chan error, 1)
	if a.jobs == nil {
		a.log.Info("job runner is off (--jobs=false): run `prakerja jobs run` or another node's runner")
		done <- nil
		return done
	}
	go func() { done <- a.jobs.Run(ctx) }()
	return done
}

// jobsIntervalDefault is serve's --jobs-interval default.
const jobsIntervalDefault = jobs.IntervalDefault

// jobsLeaseDefault is serve's --jobs-lease default.
const jobsLeaseDefault = jobs.LeaseDefault
