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
	"github.com/prakerja/prakerja/scheme"
)

// Deps are the services and infrastructure the server calls. Only
// cmd/prakerja knows which implementations they are.
type Deps struct {
	Registrations prakerja.RegistrationService
	// Store is used for Ping (health), the idempotency records, and the
	// operator pages' reads and review decisions (backlog, reason counts,
	// duplicate flags, disputes).
	Store  prakerja.Store
	Logger *slog.Logger
	Clock  prakerja.Clock
	// Metrics receives the HTTP metrics and the Go and process collectors;
	// /metrics serves what it gathers. Nil means a private registry.
	Metrics *prometheus.Registry
	// Disputes files NIK disputes (POST /api/v1/disputes and /dispute);
	// registration.Service implements it. Nil answers those routes with
	// unavailable.
	Disputes DisputeFiler
	// Scheme gives the texts of eligibility reason codes, in both
	// languages. Nil shows such reasons as their bare codes.
	Scheme *scheme.Scheme
	// Waves lists waves and joins registrants to them (GET /api/v1/waves,
	// POST /api/v1/waves/{id}/joins and the dashboard's join button). Nil
	// answers the API with unavailable and hides waves on the dashboard.
	Waves prakerja.WaveStore
	// Tests runs the online test (/api/v1/tests and /test); nil answers
	// those routes with unavailable and hides the dashboard's test link.
	Tests TestTaker
	// StatusChecks answers the public status check (/api/v1/status-checks
	// and /cek-status); nil answers them with unavailable.
	StatusChecks StatusChecker
	// Views shows surveys and the incentive schedule and takes survey
	// answers (/api/v1/me/surveys, /survei, /insentif); jobs.Service
	// implements it. Nil answers those routes with unavailable.
	Views ProgrammeViews
	// Market is the training marketplace (catalogue, platform and provider
	// API, /pelatihan pages); marketplace.Service implements it. Nil
	// answers those routes with unavailable.
	Market MarketService
	// Payout links participants' bank accounts and e-wallets and shows
	// their payments (/api/v1/me/payout…, /rekening); payout.Service
	// implements it. Nil answers those routes with unavailable.
	Payout PayoutService
	// Staff signs console staff in and manages their accounts (/ops/login,
	// /ops/staff); staff.Service implements it. Nil refuses every
	// operator route but the sign-in page, which says sign-in is off.
	Staff StaffService
	// Keys finds registrations by NIK, phone or e-mail through their blind
	// indexes (the registrant search, /ops/registrants); *pii.Keyring
	// implements it. Nil leaves the search by registration id and name.
	Keys BlindIndexer
	// Complaints is the complaint desk (/api/v1/me/complaints, /pengaduan
	// and /ops/complaints); complaint.Service implements it. Nil answers
	// those routes with unavailable.
	Complaints ComplaintService
	// Partners verifies partner machines' signed requests (platform,
	// provider and institution API); partnerauth.Verifier implements it.
	// Nil answers those routes with unavailable (unless unsigned keys
	// are allowed for the marketplace routes).
	Partners PartnerVerifier
	// Nominations takes institutions' nomination lists (the signed API
	// and /ops/institution); nomination.Submitter implements it. Nil
	// answers those routes with unavailable.
	Nominations NominationSubmitter
	// Targeting computes the targeting aggregates and exports
	// (/ops/targeting); targeting.Service implements it. Nil answers
	// those routes with unavailable.
	Targeting TargetingService
	// DataRequests carries out UU PDP rights (/data-saya,
	// /api/v1/me/data…, /ops/data-requests); datarequest.Service
	// implements it. Nil answers those routes with unavailable.
	DataRequests DataRequestService
}

// Server is the HTTP front of the registration stage.
type Server struct {
	cfg          Config
	regs         prakerja.RegistrationService
	store        prakerja.Store
	disputes     DisputeFiler
	waves        prakerja.WaveStore
	tests        TestTaker
	statusChecks StatusChecker
	views        ProgrammeViews
	market       MarketService
	payout       PayoutService
	staff        StaffService
	keys         BlindIndexer
	complaints   ComplaintService
	partners     PartnerVerifier
	nominations  NominationSubmitter
	targeting    TargetingService
	dataRequests DataRequestService
	rules        map[string]scheme.Message
	backlog      *backlogCollector
	dashFunnels  funnelCache // the dashboards' wave funnels, read at most once a minute each
	log          *slog.Logger
	clock        prakerja.Clock
	metrics      *metrics
	pages        *pages
	cop          *http.CrossOriginProtection
	mux          *http.ServeMux
	handler      http.Handler
	ready        atomic.Bool
}

// NewServer builds the routes and middleware. It panics on a nil service or
// store, or on a template that does not parse, because those are wiring bugs
// that must stop the binary at start, not at the first request.
func NewServer(cfg Config, deps Deps) *Server {
	if deps.Registrations == nil || deps.Store == nil {
		panic("http: NewServer needs Registrations and Store")
	}
	s := &Server{
		cfg:          cfg.withDefaults(),
		regs:         deps.Registrations,
		store:        deps.Store,
		disputes:     deps.Disputes,
		waves:        deps.Waves,
		tests:        deps.Tests,
		statusChecks: deps.StatusChecks,
		views:        deps.Views,
		market:       deps.Market,
		payout:       deps.Payout,
		staff:        deps.Staff,
		keys:         deps.Keys,
		complaints:   deps.Complaints,
		partners:     deps.Partners,
		nominations:  deps.Nominations,
		targeting:    deps.Targeting,
		dataRequests: deps.DataRequests,
		rules:        ruleTexts(deps.Scheme),
		log:          deps.Logger,
		clock:        deps.Clock,
		mux:          http.NewServeMux(),
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
	// The backlog series come from the first server registered on reg; a
	// second server on the same registry still reads its own store for
	// its operator pages.
	s.backlog = newBacklogCollector(s.store, s.clock, s.log)
	register(reg, prometheus.Collector(s.backlog))
	s.pages = mustParsePages()
	s.cop = s.crossOriginProtection()
	for _, rt := range s.routes() {
		s.mux.Handle(rt.pattern, rt.handler)
	}
	mustGuardOpsRoutes(s.opsRoutes())
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
	return s.serve(ctx, ln, s.handler, true)
}

// ServeOps serves OpsHandler on ln until ctx ends, with the same timeouts
// and graceful shutdown as Serve. Every operator route but sign-in needs a
// staff session, so ln may be on any interface.
func (s *Server) ServeOps(ctx context.Context, ln net.Listener) error {
	return s.serve(ctx, ln, s.OpsHandler(), false)
}

// serve runs one http.Server on ln; public says whether its shutdown also
// marks the server not ready for the load balancer.
func (s *Server) serve(ctx context.Context, ln net.Listener, h http.Handler, public bool) error {
	srv := s.httpServer(h)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	if public {
		s.SetReady(false)
	}
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
func (s *Server) httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    HeaderBytesMax,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}
