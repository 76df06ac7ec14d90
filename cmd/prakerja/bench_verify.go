package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/verify/verifytest"
)

// benchVerifyResult is the JSON line of `bench verify`.
type benchVerifyResult struct {
	verifyResult
	LatencyMs   float64 `json:"latency_ms"`
	Concurrency int     `json:"concurrency"` // registry requests in flight at most
	Workers     int     `json:"workers"`     // batches in flight per step
	Batch       int     `json:"batch"`
	SeedSeconds float64 `json:"seed_seconds"`
	Store       string  `json:"store"`
}

// benchVerifyFlags is the command line of `bench verify`.
type benchVerifyFlags struct {
	sf         *storeFlags
	vf         *verifyFlags
	n          int
	latency    time.Duration
	seed       uint64
	asJSON     bool
	cpuProfile string
	level      string
}

func parseBenchVerifyFlags(env *Env, args []string) (*benchVerifyFlags, error) {
	fs := newFlagSet("bench verify", env.Stderr)
	f := &benchVerifyFlags{sf: addStoreFlags(fs, env)}
	f.vf = &verifyFlags{}
	fs.IntVar(&f.n, "n", 100_000, "phone-verified registrations to verify")
	fs.DurationVar(&f.latency, "latency", 0, "simulated registry latency per request, e.g. 50ms")
	fs.IntVar(&f.vf.registryConcurrency, "concurrency", registry.DefaultConcurrency, "registry requests in flight at most, 1–256")
	fs.IntVar(&f.vf.workers, "workers", 4, "verification batches in flight per step")
	fs.IntVar(&f.vf.batch, "batch", 4000, "registrations per batch")
	fs.Uint64Var(&f.seed, "seed", 2020, "population seed")
	fs.BoolVar(&f.asJSON, "json", false, "end with one JSON object")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the verification (not the seeding) to FILE")
	fs.StringVar(&f.level, "log-level", "warn", "pipeline log level; debug logs every batch's timings")
	if _, err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	if f.n < 1 || f.n > benchNMax {
		return nil, fmt.Errorf("--n must be 1..%d", benchNMax)
	}
	f.vf.lease = 5 * time.Minute // a batch under a saturated registry must not lose its claim
	f.vf.parallelWrites = f.sf.DB != ""
	return f, nil
}

// runBenchVerify measures the verification pipeline end to end: a fresh
// store holding n phone-verified registrations of the synthetic
// population, a registry simulator of the same population over loopback
// HTTP, and Drain.
func runBenchVerify(ctx context.Context, env *Env, args []string) error {
	f, err := parseBenchVerifyFlags(env, args)
	if err != nil {
		return err
	}
	store, where, cleanup, err := benchStore(ctx, f.sf)
	if err != nil {
		return err
	}
	defer cleanup()
	keys, err := pii.NewKeyFile("bench").Keyring()
	if err != nil {
		return err
	}
	res := benchVerifyResult{LatencyMs: float64(f.latency) / float64(time.Millisecond),
		Concurrency: f.vf.registryConcurrency, Workers: f.vf.workers, Batch: f.vf.batch, Store: where}
	now := time.Now().UTC()
	pop := population.New(f.seed, population.Options{Ref: now})
	if res.SeedSeconds, err = benchSeed(ctx, env, store, keys, pop, f.n, now); err != nil {
		return err
	}
	url, stopSim, err := benchRegistry(f, pop, now)
	if err != nil {
		return err
	}
	defer stopSim()
	f.vf.registryURL = url
	if err := benchDrain(ctx, env, store, keys, f, &res.verifyResult); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "verified %d in %.2fs: %.0f/s (registry latency %s, concurrency %d); identity failed %d, eligible %d, ineligible %d\n",
		res.Verified, res.Seconds, res.PerSecond, f.latency, f.vf.registryConcurrency, res.IdentityFailed, res.Eligible, res.Ineligible)
	if f.asJSON {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	return nil
}

// benchDrain drains the pipeline under the CPU profile, if asked for.
func benchDrain(ctx context.Context, env *Env, store *sqldb.Store, keys *pii.Keyring, f *benchVerifyFlags, res *verifyResult) error {
	sch, err := scheme.Load("2020")
	if err != nil {
		return err
	}
	p, err := newPipeline(store, keys, sch, f.vf, newLogger(env.Stderr, f.level), nil)
	if err != nil {
		return err
	}
	stopProfile, err := startCPUProfile(f.cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	return drainPipeline(ctx, env, store, p, res)
}

// benchStore opens a fresh, migrated store: a temporary data folder
// unless --data or --db names one, which must be empty.
func benchStore(ctx context.Context, sf *storeFlags) (*sqldb.Store, string, func(), error) {
	tmp := ""
	if sf.DB == "" && !sf.DataGiven {
		dir, err := os.MkdirTemp("", "prakerja-bench-verify-")
		if err != nil {
			return nil, "", nil, fmt.Errorf("temp data folder: %w", err)
		}
		sf.Data, tmp = dir, dir
	}
	removeTmp := func() {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
	}
	if _, _, err := sf.Migrate(ctx); err != nil {
		removeTmp()
		return nil, "", nil, err
	}
	store, err := sf.Open(ctx)
	if err != nil {
		removeTmp()
		return nil, "", nil, err
	}
	if f, err := store.Funnel(ctx); err != nil || len(f) > 0 {
		store.Close()
		removeTmp()
		return nil, "", nil, errors.Join(err, errors.New("the benchmark needs an empty database"))
	}
	return store, sf.Describe(), func() { store.Close(); removeTmp() }, nil
}

// benchSeed stores the first n registrants of pop as phone-verified
// registrations and returns how long it took.
func benchSeed(ctx context.Context, env *Env, store prakerja.Store, keys *pii.Keyring, pop *population.Population, n int, now time.Time) (float64, error) {
	start := time.Now()
	people := verifytest.Registrants(pop, n)
	prog := startProgress(env.Stderr, "seeding", len(people))
	_, err := verifytest.Seed(ctx, store, keys, people, now, prog.Add)
	prog.Finish()
	return time.Since(start).Seconds(), err
}

// benchRegistry serves a registry simulator of the population on a
// loopback port and returns its URL and how to stop it.
func benchRegistry(f *benchVerifyFlags, pop *population.Population, now time.Time) (string, func(), error) {
	persons := 0
	for fam, seen := 0, 0; seen < f.n; fam++ {
		for _, p := range pop.Family(fam).Members {
			if p.Registrant {
				seen++
			}
		}
		persons += len(pop.Family(fam).Members)
	}
	sim, err := registry.NewSimulator(registry.SimConfig{Seed: f.seed, Ref: now, Population: persons, Latency: f.latency})
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: sim, ReadHeaderTimeout: registrySimHeaderTimeout}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}
