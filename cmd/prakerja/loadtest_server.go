package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqldb"
)

// loadtestTarget is the server under load and what the check reads: its
// store and personal-data keys.
type loadtestTarget struct {
	base, where string
	store       *sqldb.Store
	keys        *pii.Keyring
	stop        func()
}

// startLoadtestTarget starts a fresh in-process server with the given
// capacity (0: the default) on a new data folder (or the given empty
// PostgreSQL database) for `loadtest` and the `bench` commands, and keeps
// the store and keys so a check can read what was acknowledged.
func startLoadtestTarget(ctx context.Context, env *Env, sf *storeFlags, capacity int, latency time.Duration) (*loadtestTarget, error) {
	tmp := ""
	if sf.DB == "" && !sf.DataGiven {
		dir, err := os.MkdirTemp("", "prakerja-bench-")
		if err != nil {
			return nil, fmt.Errorf("temp data folder: %w", err)
		}
		sf.Data, tmp = dir, dir
	}
	store, err := openEmptyStore(ctx, sf, "the benchmark needs an empty database")
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("listen: %w", err)
	}
	base := "http://" + ln.Addr().String()
	a, err := newApp(store, appConfig{BaseURL: base, Scheme: "2020", DataDir: sf.Data, KeysEnv: env.Getenv("PRAKERJA_KEYS"),
		MessageLog: devNull(), Capacity: capacity, LatencyTarget: latency}, newLogger(devNull(), "warn"))
	if err != nil {
		ln.Close()
		store.Close()
		return nil, err
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.run(sctx, ln) }()
	return &loadtestTarget{base: base, where: sf.Describe(), store: store, keys: a.keys, stop: func() {
		cancel()
		<-done
		store.Close()
		if tmp != "" {
			os.RemoveAll(tmp)
		}
	}}, nil
}

// openEmptyStore migrates and opens the store, which must hold no
// registrations (a check counts every one); refusal says why otherwise.
func openEmptyStore(ctx context.Context, sf *storeFlags, refusal string) (*sqldb.Store, error) {
	if _, _, err := sf.Migrate(ctx); err != nil {
		return nil, err
	}
	store, err := sf.Open(ctx)
	if err != nil {
		return nil, err
	}
	if f, err := store.Funnel(ctx); err != nil || len(f) > 0 {
		store.Close()
		return nil, errors.Join(err, errors.New(refusal))
	}
	return store, nil
}

// openLoadtestCheck opens the store and keys of a running server named by
// --target, for the check only.
func openLoadtestCheck(ctx context.Context, env *Env, sf *storeFlags, base, keysFile string) (*loadtestTarget, error) {
	if sf.DB == "" && !sf.DataGiven && env.Getenv("PRAKERJA_DATA") == "" {
		return nil, errors.New("with --target, give the server's --data or --db so acknowledged registrations can be checked")
	}
	store, err := sf.Open(ctx)
	if err != nil {
		return nil, err
	}
	keys, err := loadKeys(appConfig{KeysFile: keysFile, KeysEnv: env.Getenv("PRAKERJA_KEYS"), DataDir: sf.Data}, newLogger(devNull(), "warn"))
	if err != nil {
		store.Close()
		return nil, err
	}
	return &loadtestTarget{base: base, where: "external server, " + sf.Describe(), store: store, keys: keys,
		stop: func() { store.Close() }}, nil
}
