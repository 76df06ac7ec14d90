package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/complaint"
	"github.com/prakerja/prakerja/datarequest"
	prakerjahttp "github.com/prakerja/prakerja/http"
	"github.com/prakerja/prakerja/jobs"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/nomination"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/partnerauth"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/registration"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/targeting"
	"github.com/prakerja/prakerja/verify"
)

// appConfig is everything needed to assemble a running server. serve fills
// it from flags and the environment; demo and bench fill it themselves.
type appConfig struct {
	BaseURL        string
	Scheme         string // built-in name or file
	KeysFile       string // key file path; "" = PRAKERJA_KEYS or the data folder's dev key
	KeysEnv        string // content of PRAKERJA_KEYS
	DataDir        string // where a dev key is generated when no key is given
	SMTP           string // smtp://user:pass@host:port?from=…; "" = log sender
	SMSGateway     string // https URL; "" = log sender
	SMSToken       string
	SecureCookies  bool
	ClientIPHeader string
	MessageLog     *os.File     // where the log sender writes; nil = the logger's output
	Verify         *verifyFlags // the verification pipeline; nil or no registry URL = off
	TestBank       string       // online-test question bank file; "" = built-in
	// Jobs runs the scheduled-work runner (unlocks, deadlines, programme
	// end) every JobsInterval; off, another node or `prakerja jobs run`
	// must run it.
	Jobs         bool
	JobsInterval time.Duration // 0 = jobs.IntervalDefault
	JobsLease    time.Duration // 0 = jobs.LeaseDefault
	// The payment partners' account inquiry: an HTTP API, or a simulated
	// directory file (the demo writes DATA/bank-directory.csv); neither
	// means linking an account answers "unavailable".
	BankURL, BankDirectory string
	PayoutOutbox           string // "" = DATA/payouts
	// MetricsToken lets a Prometheus scraper read the operator listener's
	// /metrics with a bearer token instead of a staff session.
	MetricsToken string
	// AllowUnsignedPartnerKeys keeps platforms' and providers' old API
	// key headers working beside signed requests, while they migrate.
	AllowUnsignedPartnerKeys bool
	// Capacity bounds the public requests served at once; past it the
	// waiting room turns the rest away with a queue position. 0 means
	// prakerjahttp.CapacityDefault. LatencyTarget, when set, lowers the
	// bound while admitted requests' p99 is over it; zero keeps it fixed
	// (benchmarks and the demo measure the server, not the room).
	Capacity      int
	LatencyTarget time.Duration
}

// app is the assembled programme: store, services, outbox dispatcher and the
// HTTP server.
type app struct {
	store      *sqldb.Store
	keys       *pii.Keyring
	scheme     *scheme.Scheme
	log        *slog.Logger
	regs       *registration.Service
	dispatcher *notify.Dispatcher
	server     *prakerjahttp.Server
	metrics    *prometheus.Registry
	pipeline   *verify.Pipeline // nil when verification is off
	jobs       *jobs.Runner     // nil when the runner is off
	market     *marketplace.Service
	payout     *payout.Service
}

// newApp wires the programme around an open store. It never starts
// goroutines; run does.
func newApp(store *sqldb.Store, cfg appConfig, log *slog.Logger) (*app, error) {
	if cfg.Capacity < 0 || cfg.Capacity > prakerjahttp.CapacityMax || cfg.LatencyTarget < 0 {
		return nil, fmt.Errorf("--capacity (PRAKERJA_CAPACITY) must be 1..%d and --latency-target at least 0", prakerjahttp.CapacityMax)
	}
	sch, err := scheme.Load(cfg.Scheme)
	if err != nil {
		return nil, err
	}
	keys, err := loadKeys(cfg, log)
	if err != nil {
		return nil, err
	}
	rc := registration.DefaultConfig()
	rc.BaseURL = cfg.BaseURL
	applySchemeToRegistration(&rc, sch)
	clock := prakerja.SystemClock{}
	regs := registration.New(store, keys, clock, rc)
	if err := useTestBank(regs, cfg.TestBank); err != nil {
		return nil, err
	}
	senders, err := newSenders(cfg, log)
	if err != nil {
		return nil, err
	}
	disp, err := notify.NewDispatcher(store, keys, clock, senders, notify.DefaultDispatcherConfig(), log)
	if err != nil {
		return nil, fmt.Errorf("outbox dispatcher: %w", err)
	}
	runner, err := newRunner(store, keys, sch, clock, cfg, log)
	if err != nil {
		return nil, err
	}
	market := marketplace.New(store, keys, clock, marketConfig(sch))
	payouts, err := newPayoutService(store, keys, clock, cfg)
	if err != nil {
		return nil, err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(jobs.NewCollector(store, clock)) // prakerja_jobs{kind,state} on /metrics
	srv := prakerjahttp.NewServer(prakerjahttp.Config{
		BaseURL:                  cfg.BaseURL,
		SecureCookies:            cfg.SecureCookies,
		ClientIPHeader:           cfg.ClientIPHeader,
		MetricsToken:             cfg.MetricsToken,
		AllowUnsignedPartnerKeys: cfg.AllowUnsignedPartnerKeys,
	}, prakerjahttp.Deps{Registrations: regs, Store: store, Logger: log, Clock: clock, Metrics: reg,
		Disputes: regs, Scheme: sch, Waves: store, Tests: regs, StatusChecks: regs, Keys: keys,
		Views: jobs.NewService(store, sch), Market: market, Payout: payouts,
		Staff: mustStaffService(store, keys, clock, log), Partners: partnerauth.NewVerifier(store, keys, clock),
		Nominations:  nomination.NewSubmitter(store, keys, clock),
		Complaints:   complaint.New(store, keys, clock, complaint.DefaultConfig()),
		Targeting:    targeting.New(store, keys, clock, sch.Targeting.SocialAssistanceCategories),
		DataRequests: datarequest.New(store, keys, clock)})
	srv.UseWaitingRoom(reg, prakerjahttp.WaitRoomConfig{Capacity: cfg.Capacity, LatencyTarget: cfg.LatencyTarget})
	a := &app{store: store, keys: keys, scheme: sch, log: log, regs: regs, dispatcher: disp, server: srv, metrics: reg,
		jobs: runner, market: market, payout: payouts}
	if cfg.Verify != nil && cfg.Verify.registryURL != "" {
		if a.pipeline, err = newPipeline(store, keys, sch, cfg.Verify, log, reg); err != nil {
			return nil, fmt.Errorf("verification pipeline: %w", err)
		}
	}
	return a, nil
}

// newPayoutService builds the payout service with the configured partner
// inquiry.
func newPayoutService(store *sqldb.Store, keys *pii.Keyring, clock prakerja.Clock, cfg appConfig) (*payout.Service, error) {
	var inquirer prakerja.AccountInquirer = noInquirer{}
	directory := cfg.BankDirectory
	if directory == "" && cfg.DataDir != "" {
		if _, err := os.Stat(filepath.Join(cfg.DataDir, "bank-directory.csv")); err == nil {
			directory = filepath.Join(cfg.DataDir, "bank-directory.csv")
		}
	}
	switch {
	case cfg.BankURL != "" && cfg.BankDirectory != "":
		return nil, fmt.Errorf("give --bank-url or --bank-directory, not both")
	case cfg.BankURL != "":
		inquirer = &banksim.Client{BaseURL: cfg.BankURL}
	case directory != "":
		d, err := banksim.LoadDirectory(directory)
		if err != nil {
			return nil, err
		}
		inquirer = d
	}
	pc := payout.DefaultConfig()
	pc.Outbox = cfg.PayoutOutbox
	if pc.Outbox == "" {
		pc.Outbox = filepath.Join(cfg.DataDir, payoutOutboxDir)
	}
	return payout.New(store, keys, clock, inquirer, pc), nil
}

// applySchemeToRegistration takes the scheme's registration settings (OTP
// length, life, tries, per-phone cap) so they are configuration, not code.
func applySchemeToRegistration(rc *registration.Config, sch *scheme.Scheme) {
	r := sch.Registration
	if r.OTPLength > 0 {
		rc.OTPLength = r.OTPLength
	}
	if d := time.Duration(r.OTPTTL); d > 0 {
		rc.OTPTTL = d
		rc.LoginTTL = d
	}
	if r.OTPMaxAttempts > 0 {
		rc.OTPMaxAttempts = r.OTPMaxAttempts
	}
	if r.OTPPerPhonePerHour > 0 {
		rc.SMSPerPhoneHour = int64(r.OTPPerPhonePerHour)
	}
}

// run serves HTTP on ln, delivers the outbox and, when a registry is
// configured, verifies registrations until ctx ends.
func (a *app) run(ctx context.Context, ln net.Listener) error {
	dctx, stopDispatch := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.dispatcher.Run(dctx) }()
	verified := a.startPipeline(dctx)
	jobsDone := a.startJobs(dctx)
	a.startExpirySweep(dctx, prakerja.SystemClock{})
	a.server.SetReady(true)
	err := a.server.Serve(ctx, ln)
	stopDispatch()
	if derr := <-done; derr != nil && !errors.Is(derr, context.Canceled) && err == nil {
		err = fmt.Errorf("outbox dispatcher: %w", derr)
	}
	if verr := <-verified; verr != nil && !errors.Is(verr, context.Canceled) && err == nil {
		err = fmt.Errorf("verification pipeline: %w", verr)
	}
	if jerr := <-jobsDone; jerr != nil && !errors.Is(jerr, context.Canceled) && err == nil {
		err = fmt.Errorf("job runner: %w", jerr)
	}
	return err
}

// startPipeline runs the verification pipeline in the background until
// ctx ends, or says once that verification is off. The returned channel
// yields its end.
func (a *app) startPipeline(ctx context.Context) <-chan error {
	done := make(chan error, 1)
	if a.pipeline == nil {
		a.log.Info("verification is off: no --registry (PRAKERJA_REGISTRY_URL) given")
		done <- nil
		return done
	}
	go func() { done <- a.pipeline.Run(ctx) }()
	return done
}

// loadKeys finds the personal-data keys: a key file, PRAKERJA_KEYS, or a
// development key generated in the data folder (with a warning, because a
// key beside the data it protects protects nothing against theft of both).
func loadKeys(cfg appConfig, log *slog.Logger) (*pii.Keyring, error) {
	switch {
	case cfg.KeysFile != "":
		return pii.LoadKeyFile(cfg.KeysFile)
	case cfg.KeysEnv != "":
		return pii.FromEnv(cfg.KeysEnv)
	}
	if cfg.DataDir == "" {
		return nil, errors.New("no personal-data key: give --keys FILE or PRAKERJA_KEYS")
	}
	path := filepath.Join(cfg.DataDir, devKeyFile)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("create data folder: %w", err)
		}
		if err := pii.GenerateDevKeyFile(path); err != nil {
			return nil, err
		}
		log.Warn("generated a development key for personal data; use --keys or PRAKERJA_KEYS in production", "path", path)
	} else if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	return pii.LoadKeyFile(path)
}

// devKeyFile is the development key's name inside the data folder.
const devKeyFile = "dev-keys.json"

// newSenders picks the outbox senders: SMTP and an SMS gateway when
// configured, otherwise the log sender, so nothing external is needed.
func newSenders(cfg appConfig, log *slog.Logger) (map[prakerja.Channel]notify.Sender, error) {
	var logSender notify.Sender = &notify.LogSender{Logger: log}
	if cfg.MessageLog != nil {
		logSender = notify.NewLogSender(cfg.MessageLog)
	}
	senders := map[prakerja.Channel]notify.Sender{prakerja.ChannelEmail: logSender, prakerja.ChannelSMS: logSender}
	if cfg.SMTP != "" {
		s, err := smtpSender(cfg.SMTP)
		if err != nil {
			return nil, err
		}
		senders[prakerja.ChannelEmail] = s
	}
	if cfg.SMSGateway != "" {
		s, err := notify.NewSMSGateway(notify.SMSGatewayConfig{URL: cfg.SMSGateway, Token: cfg.SMSToken})
		if err != nil {
			return nil, fmt.Errorf("sms gateway: %w", err)
		}
		senders[prakerja.ChannelSMS] = s
	}
	return senders, nil
}

// smtpSender parses smtp://user:password@host:port?from=…&tls=required|optional.
func smtpSender(raw string) (*notify.SMTPSender, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "smtp" || u.Host == "" {
		return nil, errors.New("smtp: want smtp://user:password@host:port?from=address")
	}
	q := u.Query()
	c := notify.SMTPConfig{Addr: u.Host, From: q.Get("from"), RequireTLS: q.Get("tls") != "optional"}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	if t := q.Get("timeout"); t != "" {
		secs, err := strconv.Atoi(t)
		if err != nil || secs <= 0 {
			return nil, errors.New("smtp: timeout must be whole seconds")
		}
		c.Timeout = time.Duration(secs) * time.Second
	}
	s, err := notify.NewSMTPSender(c)
	if err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	return s, nil
}
