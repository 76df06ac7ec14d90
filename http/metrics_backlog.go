package http

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prakerja/prakerja"
)

// Backlog read bounds. The backlog is a few aggregate queries over the
// registrations table; on a table of millions they are not free, so one
// read serves every scrape and page view for backlogCacheTTL, and a slow
// database costs a scrape at most backlogReadTimeout.
const (
	backlogReadTimeout = 5 * time.Second
	backlogCacheTTL    = 5 * time.Second
)

// backlogCollector exports the pipeline backlog per status on scrape:
// how many registrations wait in each status, for how long the oldest has
// waited, and how many entered it in the last minute.
type backlogCollector struct {
	store   prakerja.VerificationStore
	clock   prakerja.Clock
	log     *slog.Logger
	elapsed func(since time.Time) time.Duration // monotonic; replaced in tests

	mu     sync.Mutex // held across a read, so concurrent scrapes share one query
	rows   []prakerja.BacklogRow
	err    error
	readAt time.Time
	read   bool

	count, oldest, perMinute *prometheus.Desc
	failures                 prometheus.Counter
}

func newBacklogCollector(store prakerja.VerificationStore, clock prakerja.Clock, log *slog.Logger) *backlogCollector {
	return &backlogCollector{
		store: store, clock: clock, log: log, elapsed: time.Since,
		count: prometheus.NewDesc("prakerja_backlog_registrations",
			"Registrations now in each status.", []string{"status"}, nil),
		oldest: prometheus.NewDesc("prakerja_backlog_oldest_seconds",
			"How long the registration longest in each status has been there.", []string{"status"}, nil),
		perMinute: prometheus.NewDesc("prakerja_backlog_entered_last_minute",
			"Registrations that entered each status in the last full minute (throughput per minute).", []string{"status"}, nil),
		failures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "prakerja_backlog_read_failures_total",
			Help: "Backlog reads for /metrics or the operator pages that failed or timed out.",
		}),
	}
}

// Describe sends the fixed descriptors, so the registry can refuse a clash.
func (c *backlogCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.count
	ch <- c.oldest
	ch <- c.perMinute
	c.failures.Describe(ch)
}

// Collect exports the (cached) backlog. A failed read exports no backlog
// series, so an alert on absent data fires instead of a stale value lying.
func (c *backlogCollector) Collect(ch chan<- prometheus.Metric) {
	rows, err := c.Rows(context.Background())
	if err == nil {
		for _, r := range rows {
			st := string(r.Status)
			ch <- prometheus.MustNewConstMetric(c.count, prometheus.GaugeValue, float64(r.Count), st)
			ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, r.Oldest.Seconds(), st)
			ch <- prometheus.MustNewConstMetric(c.perMinute, prometheus.GaugeValue, float64(r.EnteredLastMinute), st)
		}
	}
	c.failures.Collect(ch)
}

// Rows returns the backlog, read at most once per backlogCacheTTL; an
// error is cached as well, so a database that is down is not asked again
// by every scrape.
func (c *backlogCollector) Rows(ctx context.Context) ([]prakerja.BacklogRow, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.read && c.elapsed(c.readAt) < backlogCacheTTL {
		return c.rows, c.err
	}
	rctx, cancel := context.WithTimeout(ctx, backlogReadTimeout)
	defer cancel()
	c.rows, c.err = c.store.Backlog(rctx, c.clock.Now())
	c.readAt, c.read = time.Now(), true
	if c.err != nil {
		c.failures.Inc()
		c.log.LogAttrs(ctx, slog.LevelWarn, "backlog read failed", slog.String("err", c.err.Error()))
	}
	return c.rows, c.err
}
