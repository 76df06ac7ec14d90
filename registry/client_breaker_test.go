package registry_test

import (
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/registry"
)

// breakerRig is a client with a hand-moved breaker clock in front of a
// registry that can be switched off.
type breakerRig struct {
	stub    *stub
	down    atomic.Bool
	clock   *mock.Clock
	client  *registry.Client
	req     []registry.Request
	mu      sync.Mutex
	changes []string
}

func newBreakerRig(t *testing.T) *breakerRig {
	r := &breakerRig{clock: mock.NewClock(time.Date(2020, 4, 11, 9, 0, 0, 0, time.UTC))}
	r.stub = &stub{answer: func(int64) (int, string) {
		if r.down.Load() {
			return http.StatusServiceUnavailable, `{"error":"unavailable","message":"down"}`
		}
		return 0, ""
	}}
	r.client = MustClient(t, MustStub(t, r.stub).URL, func(c *registry.Config) {
		c.Retries = -1
		c.Now = r.clock.Now
		c.Breaker = registry.BreakerConfig{FailuresMax: 3, CoolDown: time.Minute}
		c.Hooks.BreakerChange = func(from, to registry.BreakerState) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.changes = append(r.changes, from.String()+">"+to.String())
		}
	})
	r.req = []registry.Request{requestOf(people(t, 1)[0])}
	return r
}

func (r *breakerRig) check(t *testing.T) error {
	t.Helper()
	_, err := r.client.Check(t.Context(), r.req)
	return err
}

// TestBreakerOpensAndFailsFast: three failures open the circuit; the next
// check fails at once, with code unavailable and the cool-down as its
// retry hint, and the registry sees nothing of it.
func TestBreakerOpensAndFailsFast(t *testing.T) {
	t.Parallel()
	r := newBreakerRig(t)
	r.down.Store(true)
	for i := range 3 {
		if err := r.check(t); !errors.Is(err, registry.ErrExhausted) {
			t.Fatalf("check %d: %v, want a failed try", i, err)
		}
	}
	start := time.Now()
	err := r.check(t)
	var pe *prakerja.Error
	if !errors.Is(err, registry.ErrCircuitOpen) || !errors.As(err, &pe) || pe.Code != prakerja.CodeUnavailable || pe.Retry != time.Minute {
		t.Fatalf("got %v, want an open circuit with a 1m retry hint", err)
	}
	if d := time.Since(start); d > 500*time.Millisecond { // a try would take Timeout (5 s)
		t.Fatalf("open circuit took %v to refuse", d)
	}
	if n := r.stub.calls.Load(); n != 3 {
		t.Fatalf("registry got %d calls, want 3", n)
	}
	if s := r.client.BreakerState(); s != registry.BreakerOpen {
		t.Fatalf("state %s, want open", s)
	}
}

// TestBreakerHalfOpen: after the cool-down one probe goes through; its
// outcome closes the circuit or opens it again.
func TestBreakerHalfOpen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		probeDown bool
		want      registry.BreakerState
		changes   []string
	}{
		{"OKRecovers", false, registry.BreakerClosed, []string{"closed>open", "open>half_open", "half_open>closed"}},
		{"ErrProbeFailsReopens", true, registry.BreakerOpen, []string{"closed>open", "open>half_open", "half_open>open"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := newBreakerRig(t)
			r.down.Store(true)
			for range 3 {
				r.check(t)
			}
			r.down.Store(tt.probeDown)
			r.clock.Add(time.Minute)
			err := r.check(t)
			if (err == nil) == tt.probeDown {
				t.Fatalf("probe: %v", err)
			}
			if s := r.client.BreakerState(); s != tt.want {
				t.Fatalf("state %s, want %s", s, tt.want)
			}
			r.mu.Lock()
			defer r.mu.Unlock()
			if diff := cmp.Diff(tt.changes, r.changes); diff != "" {
				t.Fatalf("transitions (-want +got):\n%s", diff)
			}
		})
	}
}
