package main

import (
	"context"
	"fmt"
	"net"
	"strings"

	prakerjahttp "github.com/prakerja/prakerja/http"
)

func init() {
	register(&command{name: "serve", summary: "run the HTTP server (API, pages, outbox sender, verification with --registry)", run: runServe})
}

// envOr returns the environment variable name's value, or def.
func envOr(env *Env, name, def string) string {
	if v := env.Getenv(name); v != "" {
		return v
	}
	return def
}

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("serve", env.Stderr)
	sf := addStoreFlags(fs, env)
	addr := fs.String("addr", envOr(env, "PRAKERJA_ADDR", "127.0.0.1:8080"), "listen address (env PRAKERJA_ADDR)")
	baseURL := fs.String("base-url", env.Getenv("PRAKERJA_BASE_URL"), "public origin used in e-mailed links (env PRAKERJA_BASE_URL; default http://ADDR)")
	schemeName := fs.String("scheme", envOr(env, "PRAKERJA_SCHEME", "2020"), "programme scheme: built-in name or YAML file (env PRAKERJA_SCHEME)")
	testBank := fs.String("test-bank", env.Getenv("PRAKERJA_TEST_BANK"), "online-test question bank YAML file (env PRAKERJA_TEST_BANK; default: the built-in bank)")
	keys := fs.String("keys", env.Getenv("PRAKERJA_KEY_FILE"), "personal-data key file (env PRAKERJA_KEY_FILE, or the key itself in PRAKERJA_KEYS)")
	smtp := fs.String("smtp", env.Getenv("PRAKERJA_SMTP"), "SMTP relay smtp://user:pass@host:port?from=addr (env PRAKERJA_SMTP; default: log e-mails)")
	sms := fs.String("sms-gateway", env.Getenv("PRAKERJA_SMS_GATEWAY"), "SMS gateway URL (env PRAKERJA_SMS_GATEWAY, token in PRAKERJA_SMS_TOKEN; default: log SMS)")
	secure := fs.Bool("secure-cookies", env.Getenv("PRAKERJA_SECURE_COOKIES") == "true", "mark cookies Secure (env PRAKERJA_SECURE_COOKIES=true); on behind HTTPS")
	ipHeader := fs.String("client-ip-header", env.Getenv("PRAKERJA_CLIENT_IP_HEADER"), "header with the client IP set by a trusted proxy, e.g. X-Forwarded-For")
	level := fs.String("log-level", envOr(env, "PRAKERJA_LOG_LEVEL", "info"), "debug, info, warn or error")
	opsAddr := fs.String("ops-addr", envOr(env, "PRAKERJA_OPS_ADDR", opsAddrDefault), "address of the operator console and /metrics, behind staff sign-in (env PRAKERJA_OPS_ADDR; \"off\" = none)")
	metricsToken := fs.String("metrics-token", env.Getenv("PRAKERJA_METRICS_TOKEN"), "bearer token a Prometheus scraper may use for the ops listener's /metrics, then required on the public listener's /metrics too (env PRAKERJA_METRICS_TOKEN; default: staff sign-in only on ops, open on public)")
	vf := addVerifyFlags(fs, env)
	runJobs := fs.Bool("jobs", env.Getenv("PRAKERJA_JOBS") != "false", "run the scheduled-work runner: unlocks, deadlines, programme end (env PRAKERJA_JOBS=false turns it off)")
	jobsInterval := fs.Duration("jobs-interval", jobsIntervalDefault, "how often the job runner looks for due jobs")
	jobsLease := fs.Duration("jobs-lease", jobsLeaseDefault, "how long a claim holds its jobs before another node's runner may take them over (a node that died holds them this long)")
	bankURL := fs.String("bank-url", env.Getenv("PRAKERJA_BANK_URL"), "payment partners' account-inquiry API, e.g. a `prakerja bank-sim --listen` (env PRAKERJA_BANK_URL)")
	bankDir := fs.String("bank-directory", env.Getenv("PRAKERJA_BANK_DIRECTORY"), "simulated partners' account directory (default DATA/bank-directory.csv when the demo wrote one)")
	unsignedKeys := fs.Bool("allow-unsigned-partner-keys", env.Getenv("PRAKERJA_ALLOW_UNSIGNED_PARTNER_KEYS") == "true", "also accept platforms' and providers' old X-Platform-Key / X-Provider-Key headers without a signature, while they migrate (env PRAKERJA_ALLOW_UNSIGNED_PARTNER_KEYS=true)")
	capacity := fs.Int("capacity", envInt(env, "PRAKERJA_CAPACITY", prakerjahttp.CapacityDefault), "public requests served at once; past it the rest get a queue position and Retry-After (env PRAKERJA_CAPACITY)")
	latency := fs.Duration("latency-target", 0, "admitted requests' p99 the waiting room aims at by serving fewer at once when slow, e.g. 100ms for an opening rush (default 0: --capacity fixed)")
	outbox := fs.String("payout-outbox", env.Getenv("PRAKERJA_PAYOUT_OUTBOX"), "folder of payout runs' partner files (default DATA/payouts)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	log := newLogger(env.Stderr, *level)
	vf.parallelWrites = sf.DB != ""
	store, err := sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	opsLn, err := listenOps(*opsAddr)
	if err != nil {
		ln.Close()
		return err
	}
	if *baseURL == "" {
		*baseURL = "http://" + ln.Addr().String()
	}
	a, err := newApp(store, appConfig{
		BaseURL: strings.TrimRight(*baseURL, "/"), Scheme: *schemeName, KeysFile: *keys,
		KeysEnv: env.Getenv("PRAKERJA_KEYS"), DataDir: sf.Data, SMTP: *smtp, SMSGateway: *sms,
		SMSToken: env.Getenv("PRAKERJA_SMS_TOKEN"), SecureCookies: *secure, ClientIPHeader: *ipHeader,
		Verify: vf, TestBank: *testBank, Jobs: *runJobs, JobsInterval: *jobsInterval, JobsLease: *jobsLease,
		BankURL: *bankURL, BankDirectory: *bankDir, PayoutOutbox: *outbox, MetricsToken: *metricsToken,
		AllowUnsignedPartnerKeys: *unsignedKeys, Capacity: *capacity, LatencyTarget: *latency,
	}, log)
	if err != nil {
		ln.Close()
		closeListener(opsLn)
		return err
	}
	if err := a.seedMarket(ctx, sf.Data); err != nil {
		ln.Close()
		closeListener(opsLn)
		return err
	}
	log.Info("serving", "addr", ln.Addr().String(), "ops_addr", listenerAddr(opsLn), "store", sf.Describe(), "scheme", a.scheme.Name, "version", currentBuild().Version)
	return a.runWithOps(ctx, ln, opsLn)
}
