package jobs

import (
	"context"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prakerja/prakerja"
)

// Job-count read bounds. JobCounts groups the whole jobs table (about
// eight rows per participant of every wave), so one read serves every
// scrape for metricsCacheTTL and a slow database costs a scrape at most
// metricsReadTimeout.
const (
	metricsReadTimeout = 5 * time.Second
	metricsCacheTTL    = 15 * time.Second
)

// Collector exports the jobs per kind and state (prakerja_jobs), so an
// alert can fire on failed jobs or on a pending pile that does not shrink.
type Collector struct {
	store interface {
		JobCounts(ctx context.Context, now time.Time) ([]prakerja.JobCount, error)
	}
	clock prakerja.Clock

	mu     sync.Mutex // held across a read, so concurrent scrapes share one query
	counts []prakerja.JobCount
	readAt time.Time
	ok     bool

	jobs     *prometheus.Desc
	failures prometheus.Counter
}

// NewCollector returns a collector reading store at the clock's time.
func NewCollector(store prakerja.JobStore, clock prakerja.Clock) *Collector {
	return &Collector{store: store, clock: clock,
		jobs: prometheus.NewDesc("prakerja_jobs", "Scheduled jobs per kind and state.", []string{"kind", "state"}, nil),
		failures: prometheus.NewCounter(prometheus.CounterOpts{Name: "prakerja_jobs_read_failures_total",
			Help: "Job-count reads for /metrics that failed or timed out."}),
	}
}

// Describe sends the fixed descriptors.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.jobs
	c.failures.Describe(ch)
}

// Collect exports the (cached) counts. A failed read exports no job
// series, so an alert on absent data fires instead of a stale value lying.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	if counts, ok := c.read(); ok {
		for _, jc := range counts {
			ch <- prometheus.MustNewConstMetric(c.jobs, prometheus.GaugeValue, float64(jc.Count), string(jc.Kind), jc.State)
		}
	}
	c.failures.Collect(ch)
}

// read returns the counts, from the cache when it is fresh.
func (c *Collector) read() ([]prakerja.JobCount, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	if c.ok && now.Sub(c.readAt) >= 0 && now.Sub(c.readAt) < metricsCacheTTL {
		return c.counts, true
	}
	ctx, cancel := context.WithTimeout(context.Background(), metricsReadTimeout)
	defer cancel()
	counts, err := c.store.JobCounts(ctx, now)
	if err != nil {
		c.failures.Inc()
		c.ok = false
		return nil, false
	}
	c.counts, c.readAt, c.ok = counts, now, true
	return counts, true
}
