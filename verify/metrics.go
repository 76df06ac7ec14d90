package verify

import (
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prakerja/prakerja"
)

// metrics are the pipeline's Prometheus series. Labels are steps,
// statuses and error codes only: never a registration or a person.
type metrics struct {
	results        *prometheus.CounterVec   // step, status ("retry" and "stale" too)
	registryErrors *prometheus.CounterVec   // code
	batchSeconds   *prometheus.HistogramVec // step
}

// Result labels beyond the statuses.
const (
	labelRetry = "retry" // the registry could not answer; tried again later
	labelStale = "stale" // the claim was lost before the result was recorded
)

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		results: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "prakerja_verify_results_total",
			Help: "Verification step results by step and outcome status (retry and stale included).",
		}, []string{"step", "status"}),
		registryErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "prakerja_verify_registry_errors_total",
			Help: "Registrations the population registry could not answer, by error code.",
		}, []string{"code"}),
		batchSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "prakerja_verify_batch_seconds",
			Help:    "Time from claiming a batch to recording its results, by step.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 14),
		}, []string{"step"}),
	}
	if reg == nil {
		return m, nil
	}
	var err error
	if m.results, err = register(reg, m.results); err != nil {
		return nil, err
	}
	if m.registryErrors, err = register(reg, m.registryErrors); err != nil {
		return nil, err
	}
	if m.batchSeconds, err = register(reg, m.batchSeconds); err != nil {
		return nil, err
	}
	return m, nil
}

// register registers c, or returns the collector already registered
// under its name, so that two pipelines in one process (a test, a bench)
// share their series instead of failing.
func register[T prometheus.Collector](reg prometheus.Registerer, c T) (T, error) {
	err := reg.Register(c)
	var already prometheus.AlreadyRegisteredError
	switch {
	case err == nil:
		return c, nil
	case errors.As(err, &already):
		if existing, ok := already.ExistingCollector.(T); ok {
			return existing, nil
		}
	}
	return c, err
}

// observe records a recorded batch.
func (m *metrics) observe(step prakerja.Step, results []prakerja.StepResult, stale int, took time.Duration) {
	counts := map[string]int{}
	for i := range results {
		label := string(results[i].Status)
		if label == "" {
			label = labelRetry
		}
		counts[label]++
		if next := results[i].Next; next != nil {
			m.results.WithLabelValues(string(step.Next()), string(next.Status)).Inc()
		}
	}
	for label, n := range counts {
		m.results.WithLabelValues(string(step), label).Add(float64(n))
	}
	if stale > 0 {
		m.results.WithLabelValues(string(step), labelStale).Add(float64(stale))
	}
	m.batchSeconds.WithLabelValues(string(step)).Observe(took.Seconds())
}
