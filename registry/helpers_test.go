package registry_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
)

// testSeed is the demo's default seed.
const testSeed = 2020

// people returns the first n persons of the test population.
func people(tb testing.TB, n int) []population.Person {
	tb.Helper()
	return population.Generate(testSeed, n, population.Options{})
}

// requestOf is a person's correct verification request.
func requestOf(p population.Person) registry.Request {
	return registry.Request{NIK: p.NIK, KK: p.KK, FullName: p.FullName, BirthDate: p.BirthDate}
}

// MustSimulator returns a simulator of the test population behind a real
// loopback HTTP server that closes with the test.
func MustSimulator(tb testing.TB, cfg registry.SimConfig) (*registry.Simulator, *httptest.Server) {
	tb.Helper()
	cfg.Seed = testSeed
	sim, err := registry.NewSimulator(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	tb.Cleanup(srv.Close)
	return sim, srv
}

// MustClient returns a client for url with fast backoff, changed by edit.
func MustClient(tb testing.TB, url string, edit func(*registry.Config)) *registry.Client {
	tb.Helper()
	cfg := registry.Config{URL: url, Timeout: 5 * time.Second, BackoffBase: time.Millisecond, BackoffMax: 5 * time.Millisecond}
	if edit != nil {
		edit(&cfg)
	}
	c, err := registry.NewClient(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// stub sits in front of a handler: it counts calls, tracks the peak of
// requests in flight, records each request's item count, and can answer a
// call itself instead of passing it on.
type stub struct {
	next  http.Handler
	delay time.Duration
	// answer returns a status and body to send instead of passing call
	// (1-based) on; status 0 passes it on.
	answer func(call int64) (int, string)

	calls, inFlight, peak atomic.Int64
	mu                    sync.Mutex
	sizes                 []int
}

func (s *stub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	call := s.calls.Add(1)
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for p := s.peak.Load(); n > p && !s.peak.CompareAndSwap(p, n); p = s.peak.Load() {
	}
	time.Sleep(s.delay)
	if s.answer != nil {
		if status, body := s.answer(call); status != 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			io.WriteString(w, body)
			return
		}
	}
	body, _ := io.ReadAll(r.Body)
	var req struct{ Items []json.RawMessage }
	if json.Unmarshal(body, &req) == nil {
		s.mu.Lock()
		s.sizes = append(s.sizes, len(req.Items))
		s.mu.Unlock()
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.next.ServeHTTP(w, r)
}

// MustStub returns a stub in front of a simulator of the whole test
// population, served over loopback HTTP.
func MustStub(tb testing.TB, s *stub) *httptest.Server {
	tb.Helper()
	if s.next == nil {
		sim, err := registry.NewSimulator(registry.SimConfig{Seed: testSeed})
		if err != nil {
			tb.Fatal(err)
		}
		s.next = sim
	}
	srv := httptest.NewServer(s)
	tb.Cleanup(srv.Close)
	return srv
}

// newServer serves h over loopback HTTP until the test ends and returns
// its base URL.
func newServer(tb testing.TB, h http.Handler) string {
	tb.Helper()
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return srv.URL
}
