package registry

import (
	"errors"
	"net/http"
	"net/url"
	"time"
)

// Client limits. Each is the ceiling a Config may ask for, so a typo in a
// configuration file cannot open ten thousand connections to Dukcapil.
const (
	// ConcurrencyMax bounds the requests one Client has in flight.
	ConcurrencyMax = 256
	// RetriesMax bounds the retries of one batch after its first try.
	RetriesMax = 10
	// CheckMax bounds the requests one Check call takes: its results and
	// their wire bodies are held in memory at once.
	CheckMax = 100_000
)

// Defaults for the zero Config fields.
const (
	DefaultTimeout     = 5 * time.Second
	DefaultConcurrency = 16
	DefaultRetries     = 3
	DefaultBackoffBase = 50 * time.Millisecond
	DefaultBackoffMax  = 2 * time.Second
)

// Config configures a Client. Only URL is required.
type Config struct {
	// URL is the registry's base URL; VerifyPath is appended.
	URL string
	// Token is sent as "Authorization: Bearer TOKEN"; "" sends none.
	Token string
	// Timeout bounds one HTTP attempt, body included.
	Timeout time.Duration
	// BatchSize is the items per request, 1–BatchMax (default BatchMax).
	BatchSize int
	// Concurrency is the most requests in flight at once across all Check
	// calls on this client, 1–ConcurrencyMax. It is what protects the
	// registry, so it is a property of the client, not of a call.
	Concurrency int
	// Retries is how many times a failed batch is sent again (5xx,
	// timeout, connection error), at most RetriesMax. 0 means
	// DefaultRetries; negative means none.
	Retries int
	// BackoffBase and BackoffMax shape the wait before retry n:
	// min(BackoffMax, BackoffBase·2ⁿ), of which a random half is jitter
	// so that clients that failed together do not retry together.
	BackoffBase time.Duration
	BackoffMax  time.Duration
	// Breaker tunes the circuit breaker.
	Breaker BreakerConfig
	// HTTPClient sends the requests; nil means one with a connection pool
	// sized to Concurrency that never follows redirects (a redirect would
	// resend the token elsewhere).
	HTTPClient *http.Client
	// Hooks observe attempts and breaker transitions, e.g. for metrics.
	Hooks Hooks
	// Now is the breaker's clock; nil means time.Now.
	Now func() time.Time
}

// Hooks let a caller observe the client without the client depending on
// a metrics library. Nil fields are skipped. They run on the request's
// goroutine, so they must be fast and safe for concurrent use.
type Hooks struct {
	// Attempt is called after every HTTP attempt with the number of items
	// it carried, the HTTP status (0 when there was no answer) and its
	// error (nil on success). It is never given personal data.
	Attempt func(items, status int, elapsed time.Duration, err error)
	// BreakerChange is called on every breaker transition.
	BreakerChange func(from, to BreakerState)
}

// withDefaults checks c and fills its zero fields.
func (c Config) withDefaults() (Config, error) {
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, errors.New("registry: url must be an absolute http(s) url")
	}
	c.Timeout = orDefault(c.Timeout, DefaultTimeout)
	c.BackoffBase = orDefault(c.BackoffBase, DefaultBackoffBase)
	c.BackoffMax = max(orDefault(c.BackoffMax, DefaultBackoffMax), c.BackoffBase)
	c.BatchSize = clamp(c.BatchSize, BatchMax, BatchMax)
	c.Concurrency = clamp(c.Concurrency, DefaultConcurrency, ConcurrencyMax)
	switch {
	case c.Retries < 0:
		c.Retries = 0
	case c.Retries == 0:
		c.Retries = DefaultRetries
	}
	c.Retries = min(c.Retries, RetriesMax)
	c.Breaker = c.Breaker.withDefaults()
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.HTTPClient == nil {
		c.HTTPClient = newHTTPClient(c.Concurrency)
	}
	return c, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// clamp returns def for v ≤ 0 and v capped at hi otherwise.
func clamp(v, def, hi int) int {
	if v <= 0 {
		return def
	}
	return min(v, hi)
}

// newHTTPClient keeps as many idle connections as requests may be in
// flight: the default of two per host would close and reopen connections
// under load, and the registry would see a storm of TLS handshakes.
func newHTTPClient(concurrency int) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = concurrency
	tr.MaxIdleConnsPerHost = concurrency
	tr.MaxConnsPerHost = concurrency
	return &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
