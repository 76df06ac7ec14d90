package http

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prakerja/prakerja"
)

// Deps are the services and infrastructure the server calls. Only
// cmd/prakerja knows which implementations they are.
type Deps struct {
	Registrations prakerja.RegistrationService
	// Store is used only for Ping (health) and the idempotency records.
	Store  prakerja.Store
	Logger *slog.Logger
	Clock  prakerja.Clock
	// Metrics receives the HTTP metrics and the Go and process collectors;
	// /metrics serves what it gathers. Nil means a private registry.
	Metrics *prometheus.Registry
}

// Server is the HTTP front of the registration stage.
type Server struct {
	cfg     Config
	regs    prakerja.RegistrationService
	store   prakerja.Store
	log     *slog.Logger
	clock   prakerja.Clock
	metrics *metrics
	pages   *pages
	cop     *http.CrossOriginProtection
	mux     *http.ServeMux
	handler http.Handler
	ready   atomic.Bool
}

// NewServer builds the routes and middleware. It panics on a nil service or
// store, or on a template that does not parse, because those are wiring bugs
// that must stop the binary at start, not at the first request.
func NewServer(cfg Config, deps Deps) *Server {
	if deps.Registrations == nil || deps.Store == nil {
		panic("http: NewServer needs Registrations and Store")
	}
	s := &Server{
		cfg:   cfg.withDefaults(),
		regs:  deps.Registrations,
		store: deps.Store,
		log:   deps.Logger,
		clock: deps.Clock,
		mux:   http.NewServeMux(),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.clock == nil {
		s.clock = prakerja.SystemClock{}
	}
	reg := deps.Metrics
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	s.metrics = newMetrics(reg)
	s.pages = mustParsePages()
	s.cop = s.crossOriginProtection()
	for _, rt := range s.routes() {
		s.mux.Handle(rt.pattern, rt.handler)
	}
	s.handler = s.recoverPanics(s.observe(s.apiFallback(s.mux)))
	return s
}

// crossOriginProtection rejects cross-site form POSTs (CSRF) using the
// browser's Sec-Fetch-Site and Origin headers. BaseURL's origin is trusted
// for when a proxy rewrites Host.
func (s *Server) crossOriginProtection() *http.CrossOriginProtection {
	cop := http.NewCrossOriginProtection()
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Scheme != "" && u.Host != "" {
		if err := cop.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
			panic(fmt.Errorf("http: trust BaseURL origin: %w", err))
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeForbidden, "Cross-origin form submission refused."))
	}))
	return cop
}

// Handler returns the root handler with all middleware, for tests and for
// embedding in another server.
func (s *Server) Handler() http.Handler { return s.handler }

// SetReady switches /healthz between 200 and 503. cmd/prakerja sets it once
// the schema is current; shutdown clears it first so load balancers stop
// sending new work while requests drain.
func (s *Server) SetReady(ready bool) { s.ready.Store(ready) }

// ListenAndServe listens on cfg.Addr and serves until ctx ends, then shuts
// down gracefully.
func (s *Server) ListenAndServe(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends. On cancellation it marks the server not
// ready, stops accepting, and waits up to cfg.ShutdownTimeout for in-flight
// requests to finish before closing what is left.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := s.httpServer()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.SetReady(false)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ShutdownTimeout)
	defer cancel()
	shutdownErr := srv.Shutdown(sctx)
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	if shutdownErr != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown: %w", shutdownErr)
	}
	return nil
}

// httpServer sets every timeout: a phone on a bad link must not hold a
// connection (and its goroutine) forever.
func (s *Server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    HeaderBytesMax,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}
