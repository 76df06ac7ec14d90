package registry_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registry"
)

// TestCheckRetries503ThenOK: two 503s, then the answer; the hooks see all
// three attempts.
func TestCheckRetries503ThenOK(t *testing.T) {
	t.Parallel()
	s := &stub{answer: func(call int64) (int, string) {
		if call <= 2 {
			return http.StatusServiceUnavailable, `{"error":"unavailable","message":"busy"}`
		}
		return 0, ""
	}}
	var mu sync.Mutex
	var statuses []int
	c := MustClient(t, MustStub(t, s).URL, func(c *registry.Config) {
		c.Hooks.Attempt = func(_, status int, _ time.Duration, _ error) {
			mu.Lock()
			defer mu.Unlock()
			statuses = append(statuses, status)
		}
	})
	results, err := c.Check(t.Context(), []registry.Request{requestOf(people(t, 1)[0])})
	if err != nil || results[0].Status != registry.StatusMatch {
		t.Fatalf("got %+v, %v; want a match", results, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff([]int{503, 503, 200}, statuses); diff != "" {
		t.Fatalf("attempt statuses (-want +got):\n%s", diff)
	}
}

// TestCheckNoRetry: answers that sending again cannot fix are tried once,
// and only the protocol fault counts against the registry's health.
func TestCheckNoRetry(t *testing.T) {
	const allMatch = `{"kk":"match","full_name":"match","birth_date":"match"}`
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		want   error
		code   prakerja.Code
	}{
		{"ErrRejected400", http.StatusBadRequest, `{"error":"bad_request","message":"no"}`, registry.ErrRejected, prakerja.CodeInternal},
		{"ErrUnauthorized401", http.StatusUnauthorized, `{"error":"unauthorized","message":"no"}`, registry.ErrUnauthorized, prakerja.CodeInternal},
		{"ErrProtocolWrongCount", http.StatusOK, `{"items":[]}`, registry.ErrProtocol, prakerja.CodeUnavailable},
		{"ErrProtocolNoCitizen", http.StatusOK, `{"items":[{"status":"match","fields":` + allMatch + `,"name_score":100}]}`,
			registry.ErrProtocol, prakerja.CodeUnavailable},
		{"ErrProtocolOccupationTooLong", http.StatusOK, `{"items":[{"status":"match","fields":` + allMatch +
			`,"citizen":true,"occupation":"` + strings.Repeat("A", registry.OccupationMax+1) + `"}]}`,
			registry.ErrProtocol, prakerja.CodeUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &stub{answer: func(int64) (int, string) { return tt.status, tt.body }}
			c := MustClient(t, MustStub(t, s).URL, nil)
			p := people(t, 1)[0]
			results, err := c.Check(t.Context(), []registry.Request{requestOf(p)})
			if !errors.Is(err, tt.want) || prakerja.ErrorCode(err) != tt.code {
				t.Fatalf("got %v (code %s), want %v with code %s", err, prakerja.ErrorCode(err), tt.want, tt.code)
			}
			if !errors.Is(results[0].Err, tt.want) {
				t.Fatalf("item error %v, want %v", results[0].Err, tt.want)
			}
			if n := s.calls.Load(); n != 1 {
				t.Fatalf("%d calls, want 1", n)
			}
			if strings.Contains(err.Error(), p.NIK) || strings.Contains(err.Error(), p.FullName) {
				t.Fatalf("error text holds personal data")
			}
		})
	}
}

// TestCheckTimeout: a registry that hangs costs Timeout per try, then
// code unavailable.
func TestCheckTimeout(t *testing.T) {
	t.Parallel()
	_, srv := MustSimulator(t, registry.SimConfig{TimeoutRate: 1, HangMax: 10 * time.Second})
	var attempts atomic.Int64
	c := MustClient(t, srv.URL, func(c *registry.Config) {
		c.Timeout, c.Retries = 50*time.Millisecond, 1
		c.Hooks.Attempt = func(int, int, time.Duration, error) { attempts.Add(1) }
	})
	start := time.Now()
	_, err := c.Check(t.Context(), []registry.Request{requestOf(people(t, 1)[0])})
	if prakerja.ErrorCode(err) != prakerja.CodeUnavailable || !errors.Is(err, registry.ErrExhausted) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want unavailable after timeouts", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %v for two 50 ms tries", d)
	}
	if got := attempts.Load(); got != 2 {
		t.Fatalf("%d attempts, want 2 (one retry)", got)
	}
}

// TestCheckContextCancelled: the caller's cancellation ends Check at once,
// marks every item, and does not count against the registry.
func TestCheckContextCancelled(t *testing.T) {
	t.Parallel()
	_, srv := MustSimulator(t, registry.SimConfig{TimeoutRate: 1, HangMax: 10 * time.Second})
	c := MustClient(t, srv.URL, func(c *registry.Config) { c.BatchSize = 1 })
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	pp := people(t, 3)
	start := time.Now()
	results, err := c.Check(ctx, []registry.Request{requestOf(pp[0]), requestOf(pp[1]), requestOf(pp[2])})
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, registry.ErrExhausted) {
		t.Fatalf("got %v, want the context's error", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %v after a 50 ms deadline", d)
	}
	for i, r := range results {
		if !errors.Is(r.Err, context.DeadlineExceeded) {
			t.Fatalf("item %d: %+v, want the context's error", i, r)
		}
	}
	if s := c.BreakerState(); s != registry.BreakerClosed {
		t.Fatalf("breaker %s after a cancellation, want closed", s)
	}
}

// TestCheckConcurrencyBound: however many batches and Check calls, no
// more than Concurrency requests are in flight.
func TestCheckConcurrencyBound(t *testing.T) {
	t.Parallel()
	const limit = 4
	s := &stub{delay: 20 * time.Millisecond}
	c := MustClient(t, MustStub(t, s).URL, func(c *registry.Config) { c.Concurrency, c.BatchSize = limit, 10 })
	reqs := make([]registry.Request, 0, 80)
	for _, p := range people(t, 80) {
		reqs = append(reqs, requestOf(p))
	}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if _, err := c.Check(t.Context(), reqs); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := s.calls.Load(); got != 3*8 {
		t.Fatalf("%d calls, want 24", got)
	}
	if got := s.peak.Load(); got > limit || got < 2 {
		t.Fatalf("peak of %d requests in flight, want 2–%d", got, limit)
	}
}
