package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"runtime/pprof"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/prakerja/prakerja/population"
)

func init() {
	register(&command{name: "bench", summary: "benchmarks: bench register|verify|select|credit|purchase|payout", run: runBench})
}

// Bench limits.
const (
	benchNMax       = 2_000_000
	benchWorkersMax = 1024
)

// benchResult is the JSON line of `bench register`.
type benchResult struct {
	Registrations int     `json:"registrations"`
	PerSecond     float64 `json:"per_second"`
	P50ms         float64 `json:"p50_ms"`
	P99ms         float64 `json:"p99_ms"`
	Maxms         float64 `json:"max_ms"`
	Errors        int     `json:"errors"`
	Workers       int     `json:"workers"`
	Seconds       float64 `json:"seconds"`
	Store         string  `json:"store"`
}

func runBench(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && args[0] == "verify" {
		return runBenchVerify(ctx, env, args[1:])
	}
	if len(args) > 0 && args[0] == "select" {
		return runBenchSelect(ctx, env, args[1:])
	}
	if len(args) > 0 && args[0] == "credit" {
		return runBenchCredit(ctx, env, args[1:])
	}
	if len(args) > 0 && args[0] == "purchase" {
		return runBenchPurchase(ctx, env, args[1:])
	}
	if len(args) > 0 && args[0] == "payout" {
		return runBenchPayout(ctx, env, args[1:])
	}
	if len(args) == 0 || args[0] != "register" {
		fmt.Fprintln(env.Stderr, "usage: prakerja bench register [--n N] [--workers W] [--data DIR | --db URL | --target URL] [--json]")
		fmt.Fprintln(env.Stderr, "       prakerja bench verify [--n N] [--latency D] [--concurrency C] [--data DIR | --db URL] [--json]")
		fmt.Fprintln(env.Stderr, "       prakerja bench select [--joiners N] [--quota Q] [--json]")
		fmt.Fprintln(env.Stderr, "       prakerja bench credit [--participants N] [--data DIR | --db URL] [--json]")
		fmt.Fprintln(env.Stderr, "       prakerja bench purchase [--participants N] [--workers W] [--data DIR | --db URL] [--json]")
		fmt.Fprintln(env.Stderr, "       prakerja bench payout [--participants N] [--reject-rate R] [--silence-rate R] [--data DIR | --db URL] [--json]")
		return errUsage
	}
	fs := newFlagSet("bench register", env.Stderr)
	sf := addStoreFlags(fs, env)
	n := fs.Int("n", 50_000, "registrations to send")
	workers := fs.Int("workers", 256, "concurrent HTTP connections (an opening rush has thousands of clients)")
	target := fs.String("target", "", "base URL of a running server (default: start a fresh one in-process)")
	seed := fs.Uint64("seed", 7, "population seed")
	asJSON := fs.Bool("json", false, "end with one JSON object")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run (client and in-process server) to FILE")
	if _, err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *n < 1 || *n > benchNMax || *workers < 1 || *workers > benchWorkersMax {
		return fmt.Errorf("--n must be 1..%d and --workers 1..%d", benchNMax, benchWorkersMax)
	}
	bodies, err := benchBodies(*seed, *n)
	if err != nil {
		return err
	}
	base, where, stop, err := benchServer(ctx, env, sf, *target)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(env.Stderr, "prakerja bench register: %d registrations, %d workers, against %s (%s)\n", *n, *workers, base, where)
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	res := attackRegistrations(base, bodies, *workers, env)
	stopProfile()
	res.Store = where
	fmt.Fprintf(env.Stdout, "registrations %d in %.2fs: %.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d\n",
		res.Registrations, res.Seconds, res.PerSecond, res.P50ms, res.P99ms, res.Maxms, res.Errors)
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	if res.Errors > 0 {
		return fmt.Errorf("%d requests failed", res.Errors)
	}
	return nil
}

// benchBodies renders the valid registrations of a population as JSON
// bodies up front, so the benchmark measures the server, not the generator.
func benchBodies(seed uint64, n int) ([][]byte, error) {
	atts := population.Attempts(seed, n, population.Options{Ref: time.Now(), BadPerMille: -1, DuplicatePerMille: -1})
	bodies := make([][]byte, len(atts))
	for i, a := range atts {
		b, err := json.Marshal(a.Input)
		if err != nil {
			return nil, fmt.Errorf("encode registration: %w", err)
		}
		bodies[i] = b
	}
	return bodies, nil
}

// benchServer starts a fresh in-process server on a new data folder (or
// the given PostgreSQL database, which must be empty), unless a target URL
// names a running one.
func benchServer(ctx context.Context, env *Env, sf *storeFlags, target string) (string, string, func(), error) {
	if target != "" {
		return target, "external server", func() {}, nil
	}
	t, err := startLoadtestTarget(ctx, env, sf, 0, 0)
	if err != nil {
		return "", "", nil, err
	}
	return t.base, t.where, t.stop, nil
}

// startCPUProfile profiles the process into path until the returned stop
// is called; an empty path profiles nothing.
func startCPUProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// devNull is a sink for logs the benchmark does not want on screen.
func devNull() *os.File {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return os.Stderr
	}
	return f
}

// attackRegistrations posts every body once with vegeta at full speed.
func attackRegistrations(base string, bodies [][]byte, workers int, env *Env) benchResult {
	var next atomic.Int64
	hdr := http.Header{"Content-Type": []string{"application/json"}}
	url := base + "/api/v1/registrations"
	targeter := func(t *vegeta.Target) error {
		k := next.Add(1) - 1
		if k >= int64(len(bodies)) {
			return vegeta.ErrNoTargets
		}
		t.Method, t.URL, t.Body, t.Header = "POST", url, bodies[k], hdr
		return nil
	}
	atk := vegeta.NewAttacker(vegeta.Workers(uint64(workers)), vegeta.MaxWorkers(uint64(workers)),
		vegeta.Connections(workers), vegeta.KeepAlive(true), vegeta.Timeout(30*time.Second))
	p := startProgress(env.Stderr, "registering", len(bodies))
	var m vegeta.Metrics
	res := benchResult{Workers: workers}
	start := time.Now()
	for r := range atk.Attack(targeter, vegeta.ConstantPacer{Freq: 0, Per: time.Second}, 0, "register") {
		if r.Error == vegeta.ErrNoTargets.Error() {
			continue
		}
		m.Add(r)
		p.Add(1)
		if r.Code == http.StatusCreated {
			res.Registrations++
		} else {
			res.Errors++
		}
	}
	res.Seconds = time.Since(start).Seconds()
	p.Finish()
	m.Close()
	res.PerSecond = float64(res.Registrations) / res.Seconds
	res.P50ms = float64(m.Latencies.P50) / float64(time.Millisecond)
	res.P99ms = float64(m.Latencies.P99) / float64(time.Millisecond)
	res.Maxms = float64(m.Latencies.Max) / float64(time.Millisecond)
	return res
}
