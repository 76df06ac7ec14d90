package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	prakerjahttp "github.com/prakerja/prakerja/http"
)

func init() {
	register(&command{name: "loadtest", summary: "opening-rush load test: past capacity the waiting room turns the rest away; nothing acknowledged is lost", run: runLoadtest})
}

// Load-test limits.
const (
	// loadtestHitsMax bounds the registrations one run sends (and renders
	// up front, about 0.5 KB each).
	loadtestHitsMax = 1_000_000
	// loadtestRateMax bounds --rate and the calibration's steps.
	loadtestRateMax = 100_000
	// loadtestDurationMax bounds --duration, --ramp and --step.
	loadtestDurationMax = 10 * time.Minute
)

// loadtestOptions are the command's flags.
type loadtestOptions struct {
	target, keys   string
	rate, factor   float64
	duration, ramp time.Duration
	step           time.Duration
	startRate      float64
	capacity       int
	latency        time.Duration
	seed           uint64
	asJSON         bool
}

// loadtestResult is the report; with --json its last line is this object.
type loadtestResult struct {
	Store               string  `json:"store"`
	Capacity            int     `json:"capacity,omitempty"` // in-process server's; 0 for --target
	CalibratedPerSecond float64 `json:"calibrated_per_second,omitempty"`
	PeakPerSecond       float64 `json:"offered_peak_per_second"`
	RampSeconds         float64 `json:"ramp_seconds"`
	HoldSeconds         float64 `json:"hold_seconds"`
	Offered             int     `json:"offered"`
	OfferedPerSecond    float64 `json:"offered_per_second"`
	Created             int     `json:"created"`
	AdmittedPerSecond   float64 `json:"admitted_per_second"`
	TurnedAway          int     `json:"turned_away"`
	OtherErrors         int     `json:"other_errors"`
	AdmittedP50ms       float64 `json:"admitted_p50_ms"`
	AdmittedP99ms       float64 `json:"admitted_p99_ms"`
	AdmittedMaxms       float64 `json:"admitted_max_ms"`
	TurnedAwayP99ms     float64 `json:"turned_away_p99_ms"`
	Seconds             float64 `json:"seconds"`
	ackCheck
}

func runLoadtest(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("loadtest", env.Stderr)
	sf := addStoreFlags(fs, env)
	var o loadtestOptions
	fs.StringVar(&o.target, "target", "", "base URL of a running server (default: start a fresh one in-process); give its --data or --db for the check")
	fs.StringVar(&o.keys, "keys", env.Getenv("PRAKERJA_KEY_FILE"), "the target's personal-data key file, for the check (default: PRAKERJA_KEYS or the data folder's dev key)")
	fs.Float64Var(&o.rate, "rate", 0, "peak registrations offered per second (0: calibrate, then offer --factor × capacity)")
	fs.Float64Var(&o.factor, "factor", 3, "with --rate 0: peak = factor × the calibrated capacity")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long the peak holds")
	fs.DurationVar(&o.ramp, "ramp", 3*time.Second, "how long the rate climbs from 0 to the peak")
	fs.DurationVar(&o.step, "step", 3*time.Second, "calibration: how long each rate is held")
	fs.Float64Var(&o.startRate, "start-rate", 500, "calibration: the first rate tried; each step is 1.4× the last")
	fs.IntVar(&o.capacity, "capacity", prakerjahttp.CapacityDefault, "in-process server: requests served at once")
	fs.DurationVar(&o.latency, "latency-target", prakerjahttp.LatencyTargetDefault, "in-process server: the waiting room's p99 aim, as serve's (0 keeps --capacity fixed)")
	fs.Uint64Var(&o.seed, "seed", 11, "population seed")
	fs.BoolVar(&o.asJSON, "json", false, "end with one JSON object")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := o.validate(); err != nil {
		return err
	}
	tg, err := o.open(ctx, env, sf)
	if err != nil {
		return err
	}
	defer tg.stop()
	fmt.Fprintf(env.Stderr, "prakerja loadtest: against %s (%s)\n", tg.base, tg.where)
	res, err := o.run(ctx, env, tg)
	if err != nil {
		return err
	}
	printLoadtest(env, res)
	if o.asJSON {
		if err := json.NewEncoder(env.Stdout).Encode(res); err != nil {
			return err
		}
	}
	if res.Missing > 0 || res.Duplicated > 0 {
		return fmt.Errorf("%d acknowledged registrations missing, %d duplicated", res.Missing, res.Duplicated)
	}
	return nil
}

func (o *loadtestOptions) validate() error {
	switch {
	case o.rate < 0 || o.rate > loadtestRateMax || o.startRate < 1 || o.startRate > loadtestRateMax:
		return fmt.Errorf("--rate must be 0..%d and --start-rate 1..%d", loadtestRateMax, loadtestRateMax)
	case o.factor < 1 || o.factor > 100:
		return fmt.Errorf("--factor must be 1..100")
	case o.duration <= 0 || o.duration > loadtestDurationMax || o.ramp < 0 || o.ramp > loadtestDurationMax ||
		o.step <= 0 || o.step > loadtestDurationMax:
		return fmt.Errorf("--duration and --step must be over 0 and --ramp at least 0, each at most %s", loadtestDurationMax)
	case o.capacity < 1 || o.capacity > prakerjahttp.CapacityMax || o.latency < 0:
		return fmt.Errorf("--capacity must be 1..%d and --latency-target at least 0", prakerjahttp.CapacityMax)
	}
	return nil
}

// open starts the in-process server or opens the target's store.
func (o *loadtestOptions) open(ctx context.Context, env *Env, sf *storeFlags) (*loadtestTarget, error) {
	if o.target != "" {
		return openLoadtestCheck(ctx, env, sf, o.target, o.keys)
	}
	return startLoadtestTarget(ctx, env, sf, o.capacity, o.latency)
}

// run calibrates when no rate is given, sends the rush, and checks every
// acknowledged registration.
func (o *loadtestOptions) run(ctx context.Context, env *Env, tg *loadtestTarget) (loadtestResult, error) {
	res := loadtestResult{Store: tg.where, PeakPerSecond: o.rate, RampSeconds: o.ramp.Seconds(), HoldSeconds: o.duration.Seconds()}
	if o.target == "" {
		res.Capacity = o.capacity
	}
	used := 0
	var acks []loadtestAck
	if o.rate == 0 {
		capacity, sent, calAcks, err := calibrate(env, tg.base, o)
		if err != nil {
			return res, err
		}
		res.CalibratedPerSecond, used, acks = capacity, sent, calAcks
		res.PeakPerSecond = min(o.factor*capacity, loadtestRateMax)
	}
	pacer := rushPacer{peak: res.PeakPerSecond, ramp: o.ramp, hold: o.duration}
	if used+pacer.total() > loadtestHitsMax {
		return res, fmt.Errorf("the rush would send %d registrations, over the limit of %d: lower --rate or --duration", used+pacer.total(), loadtestHitsMax)
	}
	bodies, err := benchBodies(o.seed, used+pacer.total()+1)
	if err != nil {
		return res, err
	}
	fmt.Fprintf(env.Stderr, "rush: ramp %s to %.0f/s, hold %s\n", o.ramp, res.PeakPerSecond, o.duration)
	p := startProgress(env.Stderr, "rush", pacer.total())
	tally := attack(tg.base, bodies, used, pacer, func() { p.Add(1) })
	p.Finish()
	res.fill(tally)
	acks = append(acks, tally.acks...)
	fmt.Fprintf(env.Stderr, "checking %d acknowledged registrations\n", len(acks))
	res.ackCheck, err = checkAcks(ctx, tg, bodies, acks)
	return res, err
}

// fill copies an attack's figures into the report.
func (res *loadtestResult) fill(t *attackTally) {
	res.Offered, res.Created, res.TurnedAway, res.OtherErrors = t.hits, t.created, t.turnedAway, t.otherErrors
	res.Seconds = t.seconds
	res.OfferedPerSecond = float64(t.hits) / max(t.seconds, 1e-9)
	res.AdmittedPerSecond = float64(t.created) / max(t.seconds, 1e-9)
	res.AdmittedP50ms, res.AdmittedP99ms = ms(t.admitted.Latencies.P50), ms(t.admitted.Latencies.P99)
	res.AdmittedMaxms, res.TurnedAwayP99ms = ms(t.admitted.Latencies.Max), ms(t.away.Latencies.P99)
}

func printLoadtest(env *Env, r loadtestResult) {
	if r.CalibratedPerSecond > 0 {
		fmt.Fprintf(env.Stdout, "capacity (calibrated): %.0f/s; peak offered %.0f/s\n", r.CalibratedPerSecond, r.PeakPerSecond)
	}
	fmt.Fprintf(env.Stdout, "offered %d in %.1fs (%.0f/s, peak %.0f/s): created %d (%.0f/s), turned away %d, other errors %d\n",
		r.Offered, r.Seconds, r.OfferedPerSecond, r.PeakPerSecond, r.Created, r.AdmittedPerSecond, r.TurnedAway, r.OtherErrors)
	fmt.Fprintf(env.Stdout, "admitted p50 %.1f ms, p99 %.1f ms, max %.1f ms; turned away p99 %.1f ms\n",
		r.AdmittedP50ms, r.AdmittedP99ms, r.AdmittedMaxms, r.TurnedAwayP99ms)
	fmt.Fprintf(env.Stdout, "acknowledged checked %d, missing %d, duplicated %d\n", r.Checked, r.Missing, r.Duplicated)
}

// envInt reads an integer setting from the environment (serve's
// PRAKERJA_CAPACITY); a value that is not a number gives -1, which the
// setting's range check then refuses with its name.
func envInt(env *Env, name string, def int) int {
	v := env.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return -1
	}
	return n
}
