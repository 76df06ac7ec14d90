package verify_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/verify"
	"github.com/prakerja/prakerja/verify/verifytest"
)

// TestRetryAfterOutage: the registry answers 503 to its first requests;
// the pipeline schedules retries with backoff and Drain waits for them,
// so every registration still ends decided, each exactly once.
func TestRetryAfterOutage(t *testing.T) {
	t.Parallel()
	const n = 300
	e := newEnv(t, n)
	ids := e.seed(t, verifytest.Registrants(e.pop, n))
	var calls atomic.Int64
	flaky := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		e.sim.ServeHTTP(w, r)
	}))
	t.Cleanup(flaky.Close)
	client := e.client(t, func(c *registry.Config) { c.URL, c.Retries = flaky.URL, -1 })
	c := drain(t, e.pipeline(t, client, func(c *verify.Config) { c.Concurrency = 1 }))
	if c.Retried == 0 {
		t.Fatalf("no retry recorded: %+v", c)
	}
	if got := c.Verified(); got != n {
		t.Fatalf("verified %d, want %d (%+v)", got, n, c)
	}
	checkFinal(t, e.store, ids)
}

// TestExactlyOnceConcurrentPipelines runs two pipelines, each with
// several workers, on one store at once: every registration must end in
// a final status with one decision per step, and the two pipelines'
// recorded results must add up to exactly the registrations.
func TestExactlyOnceConcurrentPipelines(t *testing.T) {
	t.Parallel()
	const n = 2000
	e := newEnv(t, n)
	ids := e.seed(t, verifytest.Registrants(e.pop, n))
	small := func(c *verify.Config) { c.Batch, c.Concurrency = 50, 3 }
	pipes := []*verify.Pipeline{e.pipeline(t, e.client(t), small), e.pipeline(t, e.client(t), small)}
	counts := make([]verify.Counts, len(pipes))
	var wg sync.WaitGroup
	for i, p := range pipes {
		wg.Go(func() { counts[i] = drain(t, p) })
	}
	wg.Wait()
	var verified, decided, stale int64
	for _, c := range counts {
		verified += c.Verified()
		decided += c.Eligible + c.Ineligible
		stale += c.Stale
	}
	if verified-stale > n || verified < n {
		t.Fatalf("identity results %d (stale %d) for %d registrations", verified, stale, n)
	}
	recs := checkFinal(t, e.store, ids)
	var eligible int64
	for _, r := range recs {
		if r.Status == prakerja.StatusEligible || r.Status == prakerja.StatusIneligible {
			eligible++
		}
	}
	if decided < eligible {
		t.Fatalf("eligibility decisions %d for %d registrations past identity", decided, eligible)
	}
}

// TestRerunAfterExclusionImport verifies everyone, imports an exclusion
// list naming some eligible registrants, reruns the eligibility step for
// the eligible, and drains with a new pipeline (so the registry facts come
// from the step records, not memory): exactly the listed ones move to
// ineligible with excluded_group, and they have a second-round record.
func TestRerunAfterExclusionImport(t *testing.T) {
	t.Parallel()
	const n = 200
	ctx := context.Background()
	e := newEnv(t, n)
	ids := e.seed(t, verifytest.Registrants(e.pop, n))
	drain(t, e.pipeline(t, e.client(t)))
	before := checkFinal(t, e.store, ids)
	var listed [][]byte
	want := map[int64]bool{}
	for _, id := range ids {
		if r := before[id]; r.Status == prakerja.StatusEligible && len(listed) < 10 {
			listed = append(listed, r.NIK.Index)
			want[id] = true
		}
	}
	importList(t, e, "asn", listed)
	moved, err := e.store.Rerun(ctx, prakerja.RerunFilter{
		Step: prakerja.StepEligibility, Statuses: []prakerja.RegistrationStatus{prakerja.StatusEligible},
	}, e.now)
	if err != nil {
		t.Fatal(err)
	}
	eligible := 0
	for _, r := range before {
		if r.Status == prakerja.StatusEligible {
			eligible++
		}
	}
	if int(moved) != eligible {
		t.Fatalf("rerun moved %d, want the %d eligible", moved, eligible)
	}
	drain(t, e.pipeline(t, e.client(t)))
	after := checkFinal(t, e.store, ids)
	for _, id := range ids {
		b, a := before[id], after[id]
		switch {
		case want[id] && (a.Status != prakerja.StatusIneligible || len(a.Reasons) != 1 || a.Reasons[0] != "excluded_group"):
			t.Errorf("listed registration %d: %s %v, want ineligible [excluded_group]", id, a.Status, a.Reasons)
		case !want[id] && a.Status != b.Status:
			t.Errorf("unlisted registration %d moved from %s to %s", id, b.Status, a.Status)
		}
	}
}

// importList stores an exclusion list of the given NIK indexes.
func importList(t *testing.T, e *env, category string, niks [][]byte) {
	t.Helper()
	sent := false
	imp := &prakerja.ExclusionImport{Category: category, Source: "test"}
	err := e.store.ImportExclusions(context.Background(), imp, func() ([][]byte, error) {
		if sent {
			return nil, nil
		}
		sent = true
		return niks, nil
	}, e.now)
	if err != nil {
		t.Fatal(err)
	}
}

// TestPostgres runs a small drain on PostgreSQL with two pipelines.
func TestPostgres(t *testing.T) {
	t.Parallel()
	const n = 300
	e := newEnvOn(t, openPostgres(t), n)
	ids := e.seed(t, verifytest.Registrants(e.pop, n))
	var wg sync.WaitGroup
	for range 2 {
		p := e.pipeline(t, e.client(t))
		wg.Go(func() { drain(t, p) })
	}
	wg.Wait()
	checkFinal(t, e.store, ids)
}
