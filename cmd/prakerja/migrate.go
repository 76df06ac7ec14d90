package main

import (
	"context"
	"encoding/json"
	"fmt"
)

func init() {
	register(&command{name: "migrate", summary: "apply pending database migrations (`migrate status` only reports)", run: runMigrate})
}

// migrateResult is the JSON line of `prakerja migrate --json`.
type migrateResult struct {
	Engine  string `json:"engine"`
	From    int64  `json:"from"`
	To      int64  `json:"to"`
	Applied int64  `json:"applied"`
}

// migrateStatus is the JSON line of `prakerja migrate status --json`.
type migrateStatus struct {
	Engine  string `json:"engine"`
	Current int64  `json:"current"`
	Latest  int64  `json:"latest"`
	Pending int64  `json:"pending"`
}

// runMigrate is `prakerja migrate [status] [--data DIR | --db URL] [--json]`.
// Migration versions are numbered 1, 2, 3 … (the engine tests hold them
// to it), so the number applied is the difference of two versions.
func runMigrate(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("migrate", env.Stderr)
	sf := addStoreFlags(fs, env)
	asJSON := fs.Bool("json", false, "end the output with one JSON object")
	positional, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(positional) == 0:
		return migrateApply(ctx, env, sf, *asJSON)
	case len(positional) == 1 && positional[0] == "status":
		return migrateReport(ctx, env, sf, *asJSON)
	}
	fmt.Fprintf(env.Stderr, "prakerja migrate: unexpected argument %q (only `status` is known)\n", positional[0])
	return errUsage
}

func migrateApply(ctx context.Context, env *Env, sf *storeFlags, asJSON bool) error {
	from, to, err := sf.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", sf.Describe(), err)
	}
	fmt.Fprintf(env.Stdout, "schema at version %d (applied %d)\n", to, to-from)
	if asJSON {
		return json.NewEncoder(env.Stdout).Encode(migrateResult{Engine: sf.Engine(), From: from, To: to, Applied: to - from})
	}
	return nil
}

func migrateReport(ctx context.Context, env *Env, sf *storeFlags, asJSON bool) error {
	current, latest, err := sf.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("schema status of %s: %w", sf.Describe(), err)
	}
	pending := max(latest-current, 0)
	switch {
	case current > latest:
		fmt.Fprintf(env.Stdout, "schema at version %d, newer than this prakerja knows (%d)\n", current, latest)
	case pending == 0:
		fmt.Fprintf(env.Stdout, "schema at version %d, up to date\n", current)
	default:
		fmt.Fprintf(env.Stdout, "schema at version %d, latest %d (%d pending: run `prakerja migrate`)\n", current, latest, pending)
	}
	if asJSON {
		return json.NewEncoder(env.Stdout).Encode(migrateStatus{Engine: sf.Engine(), Current: current, Latest: latest, Pending: pending})
	}
	return nil
}
