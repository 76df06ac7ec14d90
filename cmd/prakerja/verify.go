package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/verify"
)

func init() {
	register(&command{name: "verify", summary: "verify the backlog once (identity, eligibility), or rerun a step for chosen registrations", run: runVerify})
}

// verifyResult is the outcome of one drain, and the JSON line of verify
// and bench verify.
type verifyResult struct {
	Moved            *int64  `json:"moved,omitempty"` // --rerun: registrations sent back
	Verified         int64   `json:"verified"`        // identity decisions recorded
	PerSecond        float64 `json:"per_second"`      // registrations finished per second
	IdentityVerified int64   `json:"identity_verified"`
	IdentityFailed   int64   `json:"identity_failed"`
	Eligible         int64   `json:"eligible"`
	Ineligible       int64   `json:"ineligible"`
	Retried          int64   `json:"retried"`
	Stale            int64   `json:"stale"`
	Left             int64   `json:"left"` // still waiting for a step after the drain
	Seconds          float64 `json:"seconds"`
}

func runVerify(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("verify", env.Stderr)
	sf := addStoreFlags(fs, env)
	vf := addVerifyFlags(fs, env)
	rf := addRerunFlags(fs)
	schemeName := fs.String("scheme", envOr(env, "PRAKERJA_SCHEME", "2020"), "programme scheme: built-in name or YAML file (env PRAKERJA_SCHEME)")
	keysFile := fs.String("keys", env.Getenv("PRAKERJA_KEY_FILE"), "personal-data key file (env PRAKERJA_KEY_FILE, or the key itself in PRAKERJA_KEYS)")
	level := fs.String("log-level", envOr(env, "PRAKERJA_LOG_LEVEL", "info"), "debug, info, warn or error")
	asJSON := fs.Bool("json", false, "end with one JSON object")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := rf.check(fs); err != nil {
		return err
	}
	log := newLogger(env.Stderr, *level)
	vf.parallelWrites = sf.DB != ""
	store, err := sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	sch, err := scheme.Load(*schemeName)
	if err != nil {
		return err
	}
	keys, err := loadKeys(appConfig{KeysFile: *keysFile, KeysEnv: env.Getenv("PRAKERJA_KEYS"), DataDir: sf.Data}, log)
	if err != nil {
		return err
	}
	var res verifyResult
	if rf.rerun {
		if res.Moved, err = rf.apply(ctx, store); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "rerun of the %s step: %d registrations moved back\n", rf.step, *res.Moved)
	}
	if !rf.rerun || !rf.noDrain {
		if err := verifyDrain(ctx, env, store, keys, sch, vf, log, &res); err != nil {
			return err
		}
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	return nil
}

// verifyDrain builds a pipeline and drains the backlog once, with a
// progress line, and fills res.
func verifyDrain(ctx context.Context, env *Env, store prakerja.Store, keys *pii.Keyring, sch *scheme.Scheme, vf *verifyFlags, log *slog.Logger, res *verifyResult) error {
	p, err := newPipeline(store, keys, sch, vf, log, nil)
	if err != nil {
		return err
	}
	if vf.registryURL == "" {
		log.Warn("no --registry: only the eligibility step runs; phone-verified registrations wait")
	}
	if err := drainPipeline(ctx, env, store, p, res); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "finished %d registrations in %.2fs (%.0f/s): identity verified %d, identity failed %d, eligible %d, ineligible %d; retried %d, stale %d; left waiting %d\n",
		res.IdentityFailed+res.Eligible+res.Ineligible, res.Seconds, res.PerSecond, res.IdentityVerified,
		res.IdentityFailed, res.Eligible, res.Ineligible, res.Retried, res.Stale, res.Left)
	return nil
}

// newPipeline builds the verification pipeline. Without a registry URL it
// works only the eligibility step. metrics may be nil.
func newPipeline(store prakerja.Store, keys *pii.Keyring, sch *scheme.Scheme, vf *verifyFlags, log *slog.Logger, metrics prometheus.Registerer) (*verify.Pipeline, error) {
	cfg := vf.config()
	deps := verify.Deps{Store: store, Scheme: sch, Keys: keys, Clock: prakerja.SystemClock{}, Logger: log, Metrics: metrics}
	if vf.registryURL == "" {
		cfg.Steps = []prakerja.Step{prakerja.StepEligibility}
	} else {
		c, err := registry.NewClient(registry.Config{URL: vf.registryURL, Token: vf.registryToken, Concurrency: vf.registryConcurrency})
		if err != nil {
			return nil, err
		}
		deps.Registry = c
	}
	return verify.New(deps, cfg)
}

// drainPipeline drains p with a progress line of registrations finished
// per second, and fills res with the counts and what is left.
func drainPipeline(ctx context.Context, env *Env, store prakerja.Store, p *verify.Pipeline, res *verifyResult) error {
	total, err := waiting(ctx, store)
	if err != nil {
		return err
	}
	prog := startProgress(env.Stderr, "verifying", int(total))
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		trackProgress(p, prog, stop)
	}()
	start := time.Now()
	c, err := p.Drain(ctx)
	res.Seconds = time.Since(start).Seconds()
	close(stop)
	<-done
	prog.Finish()
	if err != nil {
		return err
	}
	res.Verified, res.IdentityVerified, res.IdentityFailed = c.Verified(), c.IdentityVerified, c.IdentityFailed
	res.Eligible, res.Ineligible, res.Retried, res.Stale = c.Eligible, c.Ineligible, c.Retried, c.Stale
	res.PerSecond = float64(c.IdentityFailed+c.Eligible+c.Ineligible) / max(res.Seconds, 1e-9)
	res.Left, err = waiting(ctx, store)
	return err
}

// trackProgress moves the progress line to the registrations finished so
// far until stop closes.
func trackProgress(p *verify.Pipeline, prog *progress, stop <-chan struct{}) {
	t := time.NewTicker(progressInterval)
	defer t.Stop()
	var shown int64
	for {
		c := p.Counts()
		finished := c.IdentityFailed + c.Eligible + c.Ineligible
		prog.Add(int(finished - shown))
		shown = finished
		select {
		case <-stop:
			c := p.Counts()
			prog.Add(int(c.IdentityFailed + c.Eligible + c.Ineligible - shown))
			return
		case <-t.C:
		}
	}
}

// waiting counts registrations waiting for a step.
func waiting(ctx context.Context, store prakerja.Store) (int64, error) {
	f, err := store.Funnel(ctx)
	if err != nil {
		return 0, err
	}
	var n int64
	for _, st := range prakerja.Steps() {
		n += f[st.From()]
	}
	return n, nil
}

// rerunFlags are verify's --rerun command line.
type rerunFlags struct {
	rerun, noDrain bool
	step           string
	statuses       string
	reason         string
	idsFile        string
}

func addRerunFlags(fs *flag.FlagSet) *rerunFlags {
	rf := &rerunFlags{}
	fs.BoolVar(&rf.rerun, "rerun", false, "send chosen registrations back through a step (needs --step and --status or --ids)")
	fs.StringVar(&rf.step, "step", "", "with --rerun: identity or eligibility")
	fs.StringVar(&rf.statuses, "status", "", "with --rerun: only registrations now in these statuses, comma-separated")
	fs.StringVar(&rf.reason, "reason", "", "with --rerun: only registrations carrying this reason code")
	fs.StringVar(&rf.idsFile, "ids", "", "with --rerun: only the registration ids in FILE, one per line")
	fs.BoolVar(&rf.noDrain, "no-drain", false, "with --rerun: only move them; the running servers verify them")
	return rf
}

// check refuses rerun flags without --rerun, and a rerun without a step
// or a choice, the way flag parsing reports a bad value.
func (rf *rerunFlags) check(fs *flag.FlagSet) error {
	var err error
	switch {
	case !rf.rerun && (rf.step != "" || rf.statuses != "" || rf.reason != "" || rf.idsFile != "" || rf.noDrain):
		err = errors.New("--step, --status, --reason, --ids and --no-drain need --rerun")
	case rf.rerun && prakerja.Step(rf.step).From() == "":
		err = errors.New("--rerun needs --step identity or --step eligibility")
	case rf.rerun && rf.statuses == "" && rf.idsFile == "":
		err = errors.New("--rerun needs --status or --ids: nothing is rerun for everyone by accident")
	}
	if err != nil {
		fmt.Fprintf(fs.Output(), "%s: %v\n", fs.Name(), err)
		return errUsage
	}
	return nil
}

// apply runs the rerun and returns how many registrations moved.
func (rf *rerunFlags) apply(ctx context.Context, store prakerja.Store) (*int64, error) {
	f := prakerja.RerunFilter{Step: prakerja.Step(rf.step), Reason: rf.reason}
	for _, s := range strings.Split(rf.statuses, ",") {
		if s = strings.TrimSpace(s); s != "" {
			f.Statuses = append(f.Statuses, prakerja.RegistrationStatus(s))
		}
	}
	if rf.idsFile != "" {
		ids, err := readIDs(rf.idsFile)
		if err != nil {
			return nil, err
		}
		f.IDs = ids
	}
	moved, err := store.Rerun(ctx, f, prakerja.SystemClock{}.Now())
	if err != nil {
		return nil, fmt.Errorf("rerun: %w", err)
	}
	return &moved, nil
}

// readIDs reads registration ids, one per line (blank lines and lines
// starting with # skipped), at most prakerja.RerunIDsMax.
func readIDs(path string) ([]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--ids: %w", err)
	}
	defer f.Close()
	var ids []int64
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("--ids: line %d is not a registration id", line)
		}
		if len(ids) == prakerja.RerunIDsMax {
			return nil, fmt.Errorf("--ids: more than %d ids", prakerja.RerunIDsMax)
		}
		ids = append(ids, id)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--ids: %w", err)
	}
	return ids, nil
}
