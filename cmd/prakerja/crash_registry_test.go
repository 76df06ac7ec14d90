package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/verify/verifytest"
)

// TestCrashRegistryFaults runs `serve` against a population registry that
// is first down (every call answered 503 or left hanging) and then flaky
// (errors and timeouts on a share of calls). While it is down nothing may
// be decided and the server must say why (registry errors by code in
// /metrics); once it answers, every registration must be decided exactly
// once, and each decision must equal the one a healthy registry gives.
func TestCrashRegistryFaults(t *testing.T) {
	t.Parallel()
	cfg := crashSettings(t, 150)
	start := time.Now()
	dir := migratedDir(t)
	now := time.Now().UTC()
	ids, persons, secrets := seedPeople(t, dir, cfg.size, now)
	sim, err := registry.NewSimulator(registry.SimConfig{Seed: 2020, Ref: now, Population: persons,
		Latency: 5 * time.Millisecond, ErrorRate: 0.1, TimeoutRate: 0.03, HangMax: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	reg := &faultyRegistry{sim: sim}
	reg.down.Store(true)
	srv := httptest.NewServer(reg)
	t.Cleanup(srv.Close)

	logs := &crashLogs{}
	child := startServe(t, logs, nil, "--data", dir, "--registry", srv.URL, "--verify-lease", "4s",
		"--verify-batch", "50", "--registry-concurrency", "4", "--log-level", "info", "--jobs=false")
	var errorsSeen float64
	waitFor(t, "/metrics to count registry errors while the registry is down", func() bool {
		errorsSeen = registryErrors(t, child.base)
		return errorsSeen > 0
	})
	if done, _ := restartState(t, dir); done != 0 {
		t.Fatalf("%d registrations decided while the registry was down", done)
	}
	reg.down.Store(false)
	waitFinished(t, dir, func(done int64) bool { return done == int64(cfg.size) })
	child.stop(t)
	checkRestartRecords(t, dir, int64(cfg.size))
	logs.wantNone(t, secrets)

	want := healthyDecisions(t, cfg.size, now, persons)
	got := statuses(t, dir, ids)
	for i := range ids {
		if got[i] != want[i] {
			t.Fatalf("registration %d: %s under faults, %s with a healthy registry", ids[i], got[i], want[i])
		}
	}
	t.Logf("registry faults: %d registrations decided as a healthy registry decides, %d registry calls while down, %.0f registry errors counted, %.1fs",
		cfg.size, reg.downCalls.Load(), errorsSeen, time.Since(start).Seconds())
}

// faultyRegistry answers every verification with 503 or a hang while
// down, and passes calls to the simulator (with its own fault rates)
// otherwise.
type faultyRegistry struct {
	sim       http.Handler
	down      atomic.Bool
	calls     atomic.Int64
	downCalls atomic.Int64
}

func (f *faultyRegistry) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.calls.Add(1)
	if !f.down.Load() || r.URL.Path == "/healthz" {
		f.sim.ServeHTTP(w, r)
		return
	}
	if f.downCalls.Add(1)%2 == 0 {
		select { // hang until the client gives up
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		return
	}
	http.Error(w, "registry down", http.StatusServiceUnavailable)
}

// seedPeople stores n phone-verified registrations (as seedVerify does)
// and returns their ids, the population size the simulator must cover,
// and the people's personal data for the log scan.
func seedPeople(t *testing.T, dir string, n int, now time.Time) ([]int64, int, []string) {
	t.Helper()
	keyPath := filepath.Join(dir, devKeyFile)
	if err := pii.GenerateDevKeyFile(keyPath); err != nil {
		t.Fatal(err)
	}
	pop := population.New(2020, population.Options{Ref: now})
	people := verifytest.Registrants(pop, n)
	ids, err := verifytest.Seed(context.Background(), openDir(t, dir), devKeys(t, dir), people, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	persons, secrets := 0, []string{}
	for f := 0; f <= people[len(people)-1].ID.Family(); f++ {
		persons += len(pop.Family(f).Members)
	}
	for _, p := range people {
		secrets = append(secrets, p.NIK, p.KK)
	}
	return ids, persons, secrets
}

// healthyDecisions verifies the same people in a fresh data folder
// against a fault-free simulator and returns their statuses.
func healthyDecisions(t *testing.T, n int, now time.Time, persons int) []prakerja.RegistrationStatus {
	t.Helper()
	dir := migratedDir(t)
	ids, _, _ := seedPeople(t, dir, n, now)
	sim, err := registry.NewSimulator(registry.SimConfig{Seed: 2020, Ref: now, Population: persons})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	defer srv.Close()
	if code, out, errOut := runCmd(t, context.Background(), nil, "verify", "--data", dir, "--registry", srv.URL); code != 0 {
		t.Fatalf("healthy verify exit %d: %s %s", code, out, errOut)
	}
	return statuses(t, dir, ids)
}

func statuses(t *testing.T, dir string, ids []int64) []prakerja.RegistrationStatus {
	t.Helper()
	store := openDir(t, dir)
	out := make([]prakerja.RegistrationStatus, len(ids))
	for i, id := range ids {
		rec, err := store.Registration(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = rec.Status
	}
	return out
}

var registryErrorLine = regexp.MustCompile(`(?m)^prakerja_verify_registry_errors_total\{code="([a-z_]+)"\} ([0-9.e+]+)$`)

// registryErrors sums the server's registry error counter.
func registryErrors(t *testing.T, base string) float64 {
	t.Helper()
	_, body := scrape(t, base+"/metrics", "")
	var sum float64
	for _, m := range registryErrorLine.FindAllStringSubmatch(body, -1) {
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		sum += v
	}
	return sum
}

// waitFor polls ok for at most crashWaitMax.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(crashWaitMax)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal(fmt.Sprintf("gave up waiting for %s", what))
		}
		time.Sleep(20 * time.Millisecond)
	}
}
