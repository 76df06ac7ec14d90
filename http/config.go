package http

import "time"

// Limits and timeouts. Each is a named maximum so that a slow or hostile
// client can hold at most a bounded amount of memory or time (STYLE rule 13).
const (
	// BodyMax bounds a JSON or form body. Registration input is a few hundred
	// bytes; 64 KiB leaves room without letting one request eat memory.
	BodyMax = 64 << 10
	// IdempotencyKeyMax bounds the Idempotency-Key header.
	IdempotencyKeyMax = 128
	// RequestIDMax bounds a client-supplied X-Request-Id before we replace it.
	RequestIDMax = 64
	// HeaderBytesMax bounds request headers (cookies included).
	HeaderBytesMax = 16 << 10

	readHeaderTimeoutDefault   = 5 * time.Second
	readTimeoutDefault         = 15 * time.Second
	writeTimeoutDefault        = 30 * time.Second
	idleTimeoutDefault         = 120 * time.Second
	shutdownTimeoutDefault     = 20 * time.Second
	healthTimeoutDefault       = time.Second
	idempotencyPendingDefault  = 30 * time.Second
	retryAfterDefault          = 60 * time.Second
	langCookieMaxAge           = 365 * 24 * 60 * 60
	regionsCacheMaxAge         = 24 * 60 * 60
	idempotencyPendingRetrySec = 1
)

// Config is what cmd/prakerja reads from flags and the environment. Zero
// durations and limits take the defaults above.
type Config struct {
	// Addr is the listen address, e.g. ":8080".
	Addr string
	// BaseURL is the public origin, e.g. "https://prakerja.example". It makes
	// Location headers absolute and is trusted as a form origin when a proxy
	// rewrites Host.
	BaseURL string
	// SecureCookies marks cookies Secure; on whenever served over HTTPS.
	SecureCookies bool
	// ClientIPHeader names a header set by a trusted reverse proxy that
	// carries the client IP (e.g. "X-Forwarded-For"; its last entry is used).
	// Empty means the TCP peer address, which behind a load balancer would put
	// every registrant into one rate-limit bucket.
	ClientIPHeader string

	// BodyMax bounds a request body (JSON or form); larger is 413.
	BodyMax int64
	// The http.Server timeouts. ReadHeaderTimeout matters most: it stops
	// slow-header clients from holding connections open.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	// ShutdownTimeout bounds the drain of in-flight requests on shutdown.
	ShutdownTimeout time.Duration
	// HealthTimeout bounds Store.Ping in /healthz.
	HealthTimeout time.Duration
	// IdempotencyPendingTTL is how long a claimed Idempotency-Key blocks a
	// retry (409) before the retry may take it over, e.g. after a crash.
	IdempotencyPendingTTL time.Duration
	// MetricsToken, when set, lets a Prometheus scraper read the operator
	// listener's /metrics with "Authorization: Bearer <token>" instead of
	// a staff session, and is then required on the public listener's
	// /metrics too.
	MetricsToken string
	// AllowUnsignedPartnerKeys keeps the old X-Platform-Key and
	// X-Provider-Key headers working beside signed requests while
	// partners migrate; off by default.
	AllowUnsignedPartnerKeys bool
}

// withDefaults fills zero fields so the rest of the package never checks them.
func (c Config) withDefaults() Config {
	setInt64(&c.BodyMax, BodyMax)
	setDur(&c.ReadHeaderTimeout, readHeaderTimeoutDefault)
	setDur(&c.ReadTimeout, readTimeoutDefault)
	setDur(&c.WriteTimeout, writeTimeoutDefault)
	setDur(&c.IdleTimeout, idleTimeoutDefault)
	setDur(&c.ShutdownTimeout, shutdownTimeoutDefault)
	setDur(&c.HealthTimeout, healthTimeoutDefault)
	setDur(&c.IdempotencyPendingTTL, idempotencyPendingDefault)
	return c
}

func setDur(d *time.Duration, def time.Duration) {
	if *d <= 0 {
		*d = def
	}
}

func setInt64(n *int64, def int64) {
	if *n <= 0 {
		*n = def
	}
}
