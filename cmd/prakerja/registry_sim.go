package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registry"
)

func init() {
	register(&command{name: "registry-sim", summary: "serve a simulated population registry (Dukcapil) over HTTP", run: runRegistrySim})
}

// Registry simulator server limits. The write timeout is left unset on
// purpose: a simulated hang must be able to outlast the client's timeout,
// and SimConfig.HangMax already bounds it.
const (
	registrySimHeaderTimeout = 5 * time.Second
	registrySimIdleTimeout   = 2 * time.Minute
	registrySimShutdownMax   = 10 * time.Second
)

// registrySimFlags are the command line of registry-sim.
type registrySimFlags struct {
	addr, ref, token, level string
	cfg                     registry.SimConfig
}

func parseRegistrySimFlags(env *Env, args []string) (*registrySimFlags, error) {
	fs := newFlagSet("registry-sim", env.Stderr)
	f := &registrySimFlags{}
	fs.StringVar(&f.addr, "addr", envOr(env, "PRAKERJA_REGISTRY_ADDR", "127.0.0.1:8090"), "listen address (env PRAKERJA_REGISTRY_ADDR)")
	fs.IntVar(&f.cfg.Population, "population", 100_000, "persons that exist: the first N of the synthetic population, whole families in order (0 = all, about 55 million)")
	fs.Uint64Var(&f.cfg.Seed, "seed", 2020, "population seed; use the demo's")
	fs.StringVar(&f.ref, "ref", "", "reference date YYYY-MM-DD for ages, birth dates and KK numbers (default today in WIB, as the demo uses)")
	fs.DurationVar(&f.cfg.Latency, "latency", 0, "added to every verification, e.g. 40ms")
	fs.DurationVar(&f.cfg.Jitter, "jitter", 0, "uniform extra latency of up to this much")
	fs.Float64Var(&f.cfg.ErrorRate, "error-rate", 0, "share of verifications answered 503, 0–1")
	fs.Float64Var(&f.cfg.TimeoutRate, "timeout-rate", 0, "share of verifications that hang until the client gives up, 0–1")
	fs.DurationVar(&f.cfg.HangMax, "hang-max", registry.DefaultSimHang, "longest a simulated timeout holds a request")
	fs.StringVar(&f.token, "token", env.Getenv("PRAKERJA_REGISTRY_TOKEN"), "bearer token clients must send (env PRAKERJA_REGISTRY_TOKEN; default none)")
	fs.StringVar(&f.level, "log-level", envOr(env, "PRAKERJA_LOG_LEVEL", "info"), "debug (one line per request), info, warn or error")
	if _, err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	f.cfg.Token = f.token
	ref, err := parseRegistrySimRef(f.ref)
	if err != nil {
		return nil, registrySimUsage(fs, err)
	}
	f.cfg.Ref = ref
	return f, nil
}

// parseRegistrySimRef reads --ref; "" is today in WIB, the date
// population.Options takes from the demo's time.Now().
func parseRegistrySimRef(s string) (time.Time, error) {
	if s == "" {
		return time.Now().In(prakerja.WIB), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, errors.New("--ref must be a date YYYY-MM-DD")
	}
	return t, nil
}

// registrySimUsage prints a bad flag value the way flag parsing does.
func registrySimUsage(fs *flag.FlagSet, err error) error {
	fmt.Fprintf(fs.Output(), "%s: %v\n", fs.Name(), err)
	return errUsage
}

func runRegistrySim(ctx context.Context, env *Env, args []string) error {
	f, err := parseRegistrySimFlags(env, args)
	if err != nil {
		return err
	}
	log := newLogger(env.Stderr, f.level)
	f.cfg.Logger = log
	start := time.Now()
	sim, err := registry.NewSimulator(f.cfg)
	if err != nil {
		fmt.Fprintf(env.Stderr, "prakerja registry-sim: %v\n", err)
		return errUsage
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("registry simulator serving", "addr", ln.Addr().String(), "population", f.cfg.Population,
		"seed", f.cfg.Seed, "ref", f.cfg.Ref.Format(time.DateOnly), "latency", f.cfg.Latency.String(),
		"jitter", f.cfg.Jitter.String(), "error_rate", f.cfg.ErrorRate, "timeout_rate", f.cfg.TimeoutRate,
		"token", f.cfg.Token != "", "ready_ms", time.Since(start).Milliseconds())
	err = serveRegistrySim(ctx, ln, sim, log)
	st := sim.Stats()
	log.Info("registry simulator stopped", "requests", st.Requests, "items", st.Items, "errors", st.Errors, "timeouts", st.Timeouts)
	return err
}

// serveRegistrySim serves until ctx ends. Request contexts derive from
// ctx, so stopping also ends simulated hangs at once instead of making
// shutdown wait up to --hang-max for them.
func serveRegistrySim(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: registrySimHeaderTimeout,
		IdleTimeout:       registrySimIdleTimeout,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), registrySimShutdownMax)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
