package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/sqldb"
)

func init() {
	register(&command{name: "demo", summary: "register a synthetic population through the real API and print the funnel", run: runDemo})
}

// Demo limits and shares. The shares mirror the wave-1 funnel of 2020:
// 4.43 of 5.97 million accounts confirmed their e-mail (74%).
const (
	demoRegistrantsDefault = 40_000
	demoWorkersMax         = 256
	demoEmailConfirmPct    = 74 // of created accounts
	demoPhoneVerifyPct     = 90 // of confirmed e-mails
	demoWrongCodePct       = 5  // of phone verifications, one wrong code first
	demoLoginPct           = 2  // of verified phones, sign in again by OTP
)

// demoOptions are the demo's flags.
type demoOptions struct {
	registrants int
	workers     int
	seed        uint64
	// httpRegistrants is, in full-scale mode, how many attempts go
	// through HTTP (0 = min(registrants, 1,000,000)).
	httpRegistrants int
	asJSON          bool
}

// demo runs the programme's registration stage against its own server.
type demo struct {
	opts   demoOptions
	env    *Env
	app    *app
	client *apiClient
	res    demoResult

	ref           time.Time               // the population's reference date, shared with the registry simulator
	faults        map[int64]identityFault // by registration id: data the registry will not confirm
	confirmedIDs  []int64                 // accounts whose e-mail the demo confirmed
	phoneVerified []bool                  // by index into confirmedIDs
	sent          atomic.Int64            // OTP messages queued besides the welcome e-mails
	testRate      float64                 // online tests taken per second, for the wave's close
	schemeFile    string                  // the 2020 scheme on today's calendar, in the data folder
	startServing  func()                  // starts the server and its loops, once
}

// demoResult is the funnel, printed as a table and as the JSON last line.
type demoResult struct {
	Attempts          int                       `json:"attempts"`
	Created           int                       `json:"created"`
	Rejected          map[string]int            `json:"rejected"`
	Unexpected        int                       `json:"unexpected"`
	EmailVerified     int                       `json:"email_verified"`
	PhoneVerified     int                       `json:"phone_verified"`
	WrongCodes        int                       `json:"wrong_codes_refused"`
	SignIns           int                       `json:"sign_ins"`
	IdentityFaults    map[string]int            `json:"identity_faults"`
	ExclusionLists    map[string]int            `json:"exclusion_lists"`
	Reasons           map[string]map[string]int `json:"reasons"`
	DuplicateFlags    int                       `json:"duplicate_flags"`
	VerifyWaitSeconds float64                   `json:"verification_lag_seconds"`
	MessagesQueued    int64                     `json:"messages_sent"`
	Funnel            map[string]int            `json:"funnel"`
	RegisterPerSec    float64                   `json:"registrations_per_second"`
	Seconds           float64                   `json:"seconds"`
	Data              string                    `json:"data"`
	ServerLog         string                    `json:"server_log"`
	MessageLog        string                    `json:"message_log"`
	Store             string                    `json:"store"`
	Wave              *demoWaveResult           `json:"wave,omitempty"`
	Money             *demoMoneyResult          `json:"money,omitempty"`
	Console           *demoConsoleResult        `json:"console,omitempty"`
	Nominated         int                       `json:"nominated"`
	Stages            []demoStage               `json:"stages"`
	Scale             *demoScaleResult          `json:"scale,omitempty"`
	registrationIDs   []int64
	sessions          []string
}

func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("demo", env.Stderr)
	sf := addStoreFlags(fs, env)
	var o demoOptions
	fs.IntVar(&o.registrants, "registrants", demoRegistrantsDefault, "how many registrants to simulate")
	fs.IntVar(&o.workers, "workers", 64, "concurrent HTTP clients")
	fs.Uint64Var(&o.seed, "seed", 2020, "population seed (same seed, same people)")
	fs.BoolVar(&o.asJSON, "json", false, "end with one JSON object of the counts")
	fs.IntVar(&o.httpRegistrants, "http-registrants", 0, fmt.Sprintf("above %d registrants (full-scale mode): how many go through HTTP (default min(registrants, %d)); the rest are seeded in bulk", demoScaleFrom, demoHTTPDefaultMax))
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if o.registrants < 1 || o.registrants > demoScaleMax || o.workers < 1 || o.workers > demoWorkersMax || o.httpRegistrants < 0 {
		return fmt.Errorf("--registrants must be 1..%d, --workers 1..%d and --http-registrants not negative", demoScaleMax, demoWorkersMax)
	}
	start := time.Now()
	d := &demo{opts: o, env: env, ref: time.Now()}
	stopServer, err := d.start(ctx, sf)
	if err != nil {
		return err
	}
	defer stopServer()
	if err := d.run(ctx); err != nil {
		writeStageTable(env.Stderr, d.res.Stages, time.Since(start).Seconds()) // how far it got
		return err
	}
	d.res.Seconds = time.Since(start).Seconds()
	return d.report()
}

// start prepares the data folder, migrates, and serves the API on a free
// loopback port. The server's logs go to files in the data folder so the
// terminal shows progress, not log lines.
func (d *demo) start(ctx context.Context, sf *storeFlags) (func(), error) {
	if sf.DB == "" {
		if err := prepareDemoData(sf.Data); err != nil {
			return nil, err
		}
	} else if err := os.MkdirAll(sf.Data, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	store, err := openEmptyStore(ctx, sf, "the database already holds registrations; the demo needs an empty one")
	if err != nil {
		return nil, err
	}
	d.res.Data, d.res.Store = sf.Data, sf.Describe()
	if d.schemeFile, err = writeDemoScheme(sf.Data, time.Now()); err != nil {
		store.Close()
		return nil, err
	}
	d.res.ServerLog = filepath.Join(sf.Data, "server.log")
	d.res.MessageLog = filepath.Join(sf.Data, "messages.log")
	return d.serve(ctx, store)
}

func (d *demo) serve(ctx context.Context, store *sqldb.Store) (func(), error) {
	logFile, err := os.OpenFile(d.res.ServerLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("server log: %w", err)
	}
	msgFile, err := os.OpenFile(d.res.MessageLog, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		store.Close()
		logFile.Close()
		return nil, fmt.Errorf("message log: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("listen: %w", err)
	}
	base := "http://" + ln.Addr().String()
	log := newLogger(logFile, "info")
	registryURL, stopRegistry, err := d.startRegistry(ctx, log)
	if err != nil {
		ln.Close()
		store.Close()
		return nil, err
	}
	a, err := newApp(store, appConfig{
		BaseURL: base, Scheme: d.schemeFile, DataDir: d.res.Data, KeysEnv: d.env.Getenv("PRAKERJA_KEYS"),
		ClientIPHeader: "X-Forwarded-For", MessageLog: msgFile, Verify: demoVerifyFlags(registryURL),
	}, log)
	if err != nil {
		stopRegistry()
		ln.Close()
		store.Close()
		return nil, err
	}
	if err := a.seedMarket(ctx, d.res.Data); err != nil {
		stopRegistry()
		ln.Close()
		store.Close()
		return nil, err
	}
	d.app, d.client = a, newAPIClient(base, d.opts.workers)
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	var started bool
	// The server and its background loops start when run asks: the
	// full-scale seed holds SQLite's one writer for minutes first.
	d.startServing = func() {
		if !started {
			started = true
			go func() { done <- a.run(sctx, ln) }()
		}
	}
	return func() {
		cancel()
		if started {
			<-done
		} else {
			ln.Close()
		}
		stopRegistry()
		store.Close()
		logFile.Close()
		msgFile.Close()
	}, nil
}

// run walks the registrants through the funnel, stage by stage, timing
// each stage for the table at the end. Above demoScaleFrom registrants it
// takes the full-scale path instead (demo_scale.go).
func (d *demo) run(ctx context.Context) error {
	if d.scaleMode() {
		return d.runScale(ctx)
	}
	d.startServing()
	attempts := population.Attempts(d.opts.seed, d.opts.registrants, population.Options{Ref: d.ref})
	faults := addIdentityFaults(attempts, d.opts.seed)
	fmt.Fprintf(d.env.Stderr, "prakerja demo: %d registration attempts (seed %d) against %s\n", len(attempts), d.opts.seed, d.client.base)
	if err := d.stage(ctx, "exclusion lists", func(ctx context.Context) (int, error) {
		err := d.importExclusions(ctx, attempts)
		return len(attempts), err
	}); err != nil {
		return err
	}
	t0 := time.Now()
	if err := d.stageNote(ctx, "registrations", "HTTP", func(ctx context.Context) (int, error) {
		err := d.registerAll(ctx, attempts, faults)
		return len(attempts), err
	}); err != nil {
		return err
	}
	d.res.RegisterPerSec = float64(len(attempts)) / time.Since(t0).Seconds()
	return d.runContact(ctx, attempts)
}

// clientAddr gives registrant i an address of its own in the carrier-grade
// NAT range (100.64.0.0/10), as phones on Indonesian mobile networks have,
// so per-address OTP limits see many clients rather than one.
func clientAddr(i int) string {
	return fmt.Sprintf("100.%d.%d.%d", 64+(i>>16)%64, (i>>8)&255, i&255)
}

// report prints the funnel table and, with --json, the counts.
func (d *demo) report() error {
	w := d.env.Stdout
	r := &d.res
	fmt.Fprintf(w, "\nFunnel (%s)\n", r.Store)
	row := func(label string, n int, of int) {
		pct := ""
		if of > 0 {
			pct = fmt.Sprintf("%5.1f%%", 100*float64(n)/float64(of))
		}
		fmt.Fprintf(w, "  %-34s %10d  %s\n", label, n, pct)
	}
	row("registration attempts", r.Attempts, 0)
	row("accounts created", r.Created, r.Attempts)
	for _, code := range sortedKeys(r.Rejected) {
		row("  refused: "+code, r.Rejected[code], r.Attempts)
	}
	row("e-mail confirmed", r.EmailVerified, r.Created)
	row("phone verified (SMS OTP)", r.PhoneVerified, r.EmailVerified)
	d.reportVerification(row)
	row("wrong OTPs refused", r.WrongCodes, 0)
	row("signed in again by OTP", r.SignIns, 0)
	row("messages sent (outbox)", int(r.MessagesQueued), 0)
	row("outcomes not as expected", r.Unexpected, 0)
	fmt.Fprintf(w, "\n  accounts by status in the database after verification:\n")
	for _, status := range sortedKeys(r.Funnel) {
		row("  "+status, r.Funnel[status], r.Created)
	}
	d.reportWave(row)
	d.reportMoney(row)
	d.reportConsole(row)
	writeStageTable(w, r.Stages, r.Seconds)
	fmt.Fprintf(w, "\n  registration throughput %.0f/s, verification done %.1f s after the last phone step, whole demo %.1f s\n", r.RegisterPerSec, r.VerifyWaitSeconds, r.Seconds)
	fmt.Fprintf(w, "  data folder %s — explore it with: prakerja serve --data %s --scheme %s\n", r.Data, r.Data, d.schemeFile)
	fmt.Fprintf(w, "  (registrant pages on http://127.0.0.1:8080, operator console on http://%s/ops/)\n", opsAddrDefault)
	fmt.Fprintf(w, "  server log %s, messages %s\n", r.ServerLog, r.MessageLog)
	if d.opts.asJSON {
		return json.NewEncoder(w).Encode(r)
	}
	if r.Unexpected > 0 {
		return fmt.Errorf("%d outcomes differed from what the population expected", r.Unexpected)
	}
	return nil
}

// sortedKeys returns m's keys in order, for stable output.
func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && strings.Compare(keys[j-1], keys[j]) > 0; j-- {
			keys[j-1], keys[j] = keys[j], keys[j-1]
		}
	}
	return keys
}
