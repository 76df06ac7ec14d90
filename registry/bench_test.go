package registry_test

import (
	"testing"

	"github.com/prakerja/prakerja/registry"
)

// BenchmarkClientSimulator measures the registry leg of the pipeline:
// Client and Simulator over loopback HTTP at zero latency, batches of 100
// and 16 requests in flight. Each iteration checks 1,600 registrants (one
// batch per request slot); registrants/s is the figure to compare with the
// pipeline's 20,000 registrants/s end to end.
func BenchmarkClientSimulator(b *testing.B) {
	const perCheck = 16 * registry.BatchMax
	_, srv := MustSimulator(b, registry.SimConfig{})
	c := MustClient(b, srv.URL, func(c *registry.Config) { c.BatchSize, c.Concurrency = registry.BatchMax, 16 })
	pp := people(b, 20*perCheck)
	reqs := make([]registry.Request, len(pp))
	for i, p := range pp {
		reqs[i] = requestOf(p)
	}
	i := 0
	for b.Loop() {
		start := (i % 20) * perCheck
		results, err := c.Check(b.Context(), reqs[start:start+perCheck])
		if err != nil {
			b.Fatal(err)
		}
		if results[0].Status != registry.StatusMatch {
			b.Fatalf("status %s", results[0].Status)
		}
		i++
	}
	b.ReportMetric(float64(i*perCheck)/b.Elapsed().Seconds(), "registrants/s")
}
