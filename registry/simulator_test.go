package registry_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
)

// post sends body to the simulator's verify endpoint and returns the
// status and body.
func post(t *testing.T, url, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url+registry.VerifyPath, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// batchBody is a wire request for persons, every second one with a wrong
// birth date so the answers vary.
func batchBody(pp []population.Person) string {
	var sb strings.Builder
	sb.WriteString(`{"items":[`)
	for i, p := range pp {
		if i > 0 {
			sb.WriteByte(',')
		}
		bd := p.BirthDate
		if i%2 == 1 {
			bd = bd.AddDate(0, 0, 3)
		}
		fmt.Fprintf(&sb, `{"nik":%q,"kk":%q,"full_name":%q,"birth_date":%q}`, p.NIK, p.KK, p.FullName, bd.Format(time.DateOnly))
	}
	sb.WriteString(`]}`)
	return sb.String()
}

// TestSimulatorDeterministic: two simulators with one seed give the same
// answers and inject the same faults into the same request numbers; a
// different seed injects different ones.
func TestSimulatorDeterministic(t *testing.T) {
	t.Parallel()
	body := batchBody(people(t, 40))
	trace := func(seed uint64) []string {
		sim, err := registry.NewSimulator(registry.SimConfig{Seed: seed, ErrorRate: 0.3, TimeoutRate: 0.1, HangMax: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		srv := newServer(t, sim)
		var out []string
		for range 30 {
			status, b := post(t, srv, "", body)
			out = append(out, fmt.Sprintf("%d %s", status, b))
		}
		return out
	}
	a, b := trace(testSeed), trace(testSeed)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("same seed, different answers (-first +second):\n%s", diff)
	}
	if cmp.Equal(a, trace(testSeed+1)) {
		t.Fatal("another seed injected the same faults")
	}
	if !strings.Contains(strings.Join(a, "\n"), `"status":"mismatch"`) {
		t.Fatal("no answer in the trace")
	}
}

// TestSimulatorPopulation: --population N means exactly the first N
// persons of population.Generate exist; 0 means everyone.
func TestSimulatorPopulation(t *testing.T) {
	t.Parallel()
	pp := people(t, 1000)
	tests := []struct {
		name       string
		population int
		found      int // persons of pp that must be found
	}{
		{"OKFirst1", 1, 1},
		{"OKFirst777", 777, 777},
		{"OKEveryone", 0, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, srv := MustSimulator(t, registry.SimConfig{Population: tt.population})
			c := MustClient(t, srv.URL, nil)
			reqs := make([]registry.Request, len(pp))
			for i, p := range pp {
				reqs[i] = requestOf(p)
			}
			results, err := c.Check(t.Context(), reqs)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range results {
				want := registry.StatusNotFound
				if i < tt.found {
					want = registry.StatusMatch
				}
				if r.Status != want {
					t.Fatalf("person %d: %s, want %s", i, r.Status, want)
				}
			}
		})
	}
}

// TestSimulatorRefuses: what the protocol refuses, with its status.
func TestSimulatorRefuses(t *testing.T) {
	t.Parallel()
	one := batchBody(people(t, 1))
	tests := []struct {
		name   string
		token  string
		body   string
		status int
	}{
		{"OK", "secret", one, http.StatusOK},
		{"ErrNoToken", "", one, http.StatusUnauthorized},
		{"ErrWrongToken", "guess", one, http.StatusUnauthorized},
		{"ErrNotJSON", "secret", "nik=1", http.StatusBadRequest},
		{"ErrNoItems", "secret", `{"items":[]}`, http.StatusBadRequest},
		{"ErrOverBatchMax", "secret", batchBody(people(t, registry.BatchMax+1)), http.StatusBadRequest},
		{"ErrTooLarge", "secret", `{"items":[{"full_name":"` + strings.Repeat("a", 300<<10) + `"}]}`, http.StatusRequestEntityTooLarge},
	}
	_, srv := MustSimulator(t, registry.SimConfig{Token: "secret"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status, body := post(t, srv.URL, tt.token, tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, body)
			}
			var v map[string]any
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				t.Fatalf("answer is not JSON: %s", body)
			}
		})
	}
	resp, err := http.Get(srv.URL + registry.HealthPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz status %d without a token, want 200", resp.StatusCode)
	}
}

// TestSimulatorHangIsBounded: a simulated timeout ends by itself after
// HangMax even when the client waits forever.
func TestSimulatorHangIsBounded(t *testing.T) {
	t.Parallel()
	_, srv := MustSimulator(t, registry.SimConfig{TimeoutRate: 1, HangMax: 50 * time.Millisecond})
	start := time.Now()
	status, _ := post(t, srv.URL, "", batchBody(people(t, 1)))
	if status != http.StatusGatewayTimeout {
		t.Fatalf("status %d, want 504", status)
	}
	if d := time.Since(start); d < 50*time.Millisecond || d > 2*time.Second {
		t.Fatalf("hang lasted %v, want about 50 ms", d)
	}
}

// TestSimulatorLatency: every verification waits at least Latency.
func TestSimulatorLatency(t *testing.T) {
	t.Parallel()
	_, srv := MustSimulator(t, registry.SimConfig{Latency: 30 * time.Millisecond, Jitter: 10 * time.Millisecond})
	start := time.Now()
	if status, body := post(t, srv.URL, "", batchBody(people(t, 1))); status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Fatalf("answered in %v, want at least 30 ms", d)
	}
}

func TestNewSimulatorRefusesBadConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  registry.SimConfig
	}{
		{"ErrNegativePopulation", registry.SimConfig{Population: -1}},
		{"ErrPopulationOverMax", registry.SimConfig{Population: population.MaxPersons + 1}},
		{"ErrErrorRateOverOne", registry.SimConfig{ErrorRate: 1.5}},
		{"ErrNegativeTimeoutRate", registry.SimConfig{TimeoutRate: -0.1}},
		{"ErrNegativeLatency", registry.SimConfig{Latency: -time.Second}},
		{"ErrHangOverMax", registry.SimConfig{HangMax: registry.SimHangMax + time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := registry.NewSimulator(tt.cfg); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

// TestSimulatorCivilOnTheWire checks the raw answers: a known NIK carries
// citizen and occupation, an unknown one neither.
func TestSimulatorCivilOnTheWire(t *testing.T) {
	t.Parallel()
	pp := people(t, 3)
	_, srv := MustSimulator(t, registry.SimConfig{Population: 2})
	status, body := post(t, srv.URL, "", batchBody(pp))
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	var resp struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal([]byte(body), &resp); err != nil || len(resp.Items) != 3 {
		t.Fatalf("answer %s: %v", body, err)
	}
	for i, it := range resp.Items[:2] {
		if it["citizen"] != pp[i].Citizen || it["occupation"] != pp[i].Occupation {
			t.Fatalf("item %d: %v, want citizen %v occupation %q", i, it, pp[i].Citizen, pp[i].Occupation)
		}
	}
	if _, ok := resp.Items[2]["citizen"]; ok || resp.Items[2]["status"] != "not_found" {
		t.Fatalf("not-found item %v carries civil status", resp.Items[2])
	}
}
