package http

import (
	"errors"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the HTTP server's Prometheus series. Labels are the route
// pattern (bounded by the route table) and the status, never the raw path,
// which could carry a token or an unbounded number of values.
type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
	handler  http.Handler
}

// newMetrics registers the series on reg. Registering twice (two servers on
// one registry, or cmd already added the Go collector) reuses what is there.
func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "prakerja_http_requests_total",
			Help: "HTTP requests answered, by route pattern and status.",
		}, []string{"route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "prakerja_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern and status.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "status"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "prakerja_http_requests_in_flight",
			Help: "HTTP requests being answered now.",
		}),
		handler: promhttp.HandlerFor(reg, promhttp.HandlerOpts{}),
	}
	m.requests = register(reg, m.requests)
	m.duration = register(reg, m.duration)
	m.inFlight = register(reg, m.inFlight)
	register(reg, collectors.NewGoCollector())
	register(reg, collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// register adds c to reg, or returns the collector already registered under
// the same descriptors.
func register[C prometheus.Collector](reg *prometheus.Registry, c C) C {
	err := reg.Register(c)
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing
		}
	}
	if err != nil && !errors.As(err, &are) {
		panic("http: register metrics: " + err.Error())
	}
	return c
}

// serveMetrics answers GET /metrics in the Prometheus text format.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	s.metrics.handler.ServeHTTP(w, r)
}
