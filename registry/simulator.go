package registry

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prakerja/prakerja/population"
)

// Simulator limits and defaults.
const (
	// SimHangMax is the ceiling on SimConfig.HangMax: a simulated timeout
	// must end on its own even if the client never hangs up, or a long
	// run would pile up goroutines.
	SimHangMax = 5 * time.Minute
	// DefaultSimHang is how long a simulated timeout holds a request when
	// SimConfig.HangMax is zero.
	DefaultSimHang = 30 * time.Second
)

// SimConfig configures a Simulator.
type SimConfig struct {
	// Seed and Ref select the population, as population.New(Seed,
	// population.Options{Ref: Ref}) does: use the demo's, or its
	// registrants' birth dates and KK numbers will not match.
	Seed uint64
	Ref  time.Time
	// Population is how many persons exist: the first Population persons
	// of population.Generate(Seed, …), whole families in index order. 0
	// means every person the generator can address (about 55 million).
	Population int
	// Latency is added to every verification, plus a uniform share of
	// Jitter, as a registry across the country would add.
	Latency time.Duration
	Jitter  time.Duration
	// ErrorRate is the share (0–1) of verifications answered 503.
	ErrorRate float64
	// TimeoutRate is the share (0–1) of verifications that hang until
	// the client hangs up, or HangMax, whichever comes first.
	TimeoutRate float64
	HangMax     time.Duration
	// Token, when set, is the bearer token every verification must carry.
	Token string
	// Logger gets one debug line per verification (counts, never
	// personal data); nil means no logging.
	Logger *slog.Logger
}

// Simulator is a population registry that answers from the synthetic
// population, speaking the wire format of the package doc: POST
// /v1/verify (503 for an injected error, 504 when an injected hang
// reaches HangMax) and GET /healthz. It looks each NIK up with
// population.ByNIK, which decodes the number instead of searching, so it
// holds no people in memory whatever Population is: a map of one million
// persons measured 362 MiB, while a simulator process serving a million
// runs in about 22 MB. Faults are drawn from Seed and the request's
// sequence number, so a client that sends its requests one at a time
// sees the same faults on every run. It is safe for concurrent use.
type Simulator struct {
	cfg   SimConfig
	pop   *population.Population
	limit population.PersonID // persons with a smaller ID exist
	mux   *http.ServeMux
	seq   atomic.Uint64
	stats simCounters
}

// SimStats counts what a Simulator has served.
type SimStats struct {
	Requests int64 `json:"requests"` // authorised verifications received
	Items    int64 `json:"items"`    // items answered
	Errors   int64 `json:"errors"`   // injected 503s
	Timeouts int64 `json:"timeouts"` // injected hangs
}

type simCounters struct{ requests, items, errors, timeouts atomic.Int64 }

// NewSimulator checks cfg and builds the simulator. With Population > 0 it
// walks that many persons once to find where the population ends (about
// 1.2 s per million).
func NewSimulator(cfg SimConfig) (*Simulator, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if cfg.HangMax <= 0 {
		cfg.HangMax = DefaultSimHang
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Simulator{cfg: cfg, pop: population.New(cfg.Seed, population.Options{Ref: cfg.Ref})}
	s.limit = personLimit(s.pop, cfg.Population)
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("POST "+VerifyPath, s.verify)
	s.mux.HandleFunc("GET "+HealthPath, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	return s, nil
}

func (c *SimConfig) check() error {
	switch {
	case c.Population < 0 || c.Population > population.MaxPersons:
		return fmt.Errorf("registry simulator: population must be 0–%d", population.MaxPersons)
	case c.ErrorRate < 0 || c.ErrorRate > 1 || c.TimeoutRate < 0 || c.TimeoutRate > 1:
		return errors.New("registry simulator: error and timeout rates must be 0–1")
	case c.Latency < 0 || c.Jitter < 0 || c.HangMax < 0:
		return errors.New("registry simulator: durations must not be negative")
	case c.HangMax > SimHangMax:
		return fmt.Errorf("registry simulator: hang must be at most %s", SimHangMax)
	}
	return nil
}

// personLimit returns the ID just past the n-th person. Generate yields
// whole families in index order and member order, so the first n persons
// are exactly those with a smaller ID.
func personLimit(p *population.Population, n int) population.PersonID {
	if n == 0 {
		return population.NewPersonID(population.MaxFamilies, 0)
	}
	seen := 0
	for f := range population.MaxFamilies {
		size := len(p.Family(f).Members)
		if seen+size >= n {
			return population.NewPersonID(f, n-seen-1) + 1
		}
		seen += size
	}
	return population.NewPersonID(population.MaxFamilies, 0) // unreachable: n ≤ MaxPersons
}

// ServeHTTP implements http.Handler.
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Stats returns the counts so far.
func (s *Simulator) Stats() SimStats {
	return SimStats{
		Requests: s.stats.requests.Load(), Items: s.stats.items.Load(),
		Errors: s.stats.errors.Load(), Timeouts: s.stats.timeouts.Load(),
	}
}
