package jobs_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
)

// TestCollector exports the job counts per kind and state.
func TestCollector(t *testing.T) {
	e := newEnv(t, 1)
	must(t, e.store.EnqueueJobs(context.Background(), prakerja.IncentiveJobs(e.ids[0], e.wave.ID, 4, 30, T0), T0))
	e.runAt(t, T0)
	reg := prometheus.NewRegistry()
	reg.MustRegister(jobs.NewCollector(e.store, e.clock))
	families, err := reg.Gather()
	must(t, err)
	got := map[string]float64{}
	for _, f := range families {
		if f.GetName() != "prakerja_jobs" {
			continue
		}
		for _, m := range f.GetMetric() {
			key := ""
			for _, l := range m.GetLabel() {
				key += l.GetName() + "=" + l.GetValue() + " "
			}
			got[key] = m.GetGauge().GetValue()
		}
	}
	want := map[string]float64{"kind=unlock_incentive state=done ": 1, "kind=unlock_incentive state=pending ": 3}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("prakerja_jobs (-want +got):\n%s", diff)
	}
}
