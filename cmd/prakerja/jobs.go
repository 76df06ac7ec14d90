package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
)

func init() {
	register(&command{name: "jobs", summary: "scheduled work: run the jobs due at an instant (`run --now`), or count them (`list`)", run: runJobs})
}

// jobsFlags are the flags of `prakerja jobs`.
type jobsFlags struct {
	sf     *storeFlags
	asJSON *bool
	now    *string
	keys   *string
	scheme *string
}

// jobsRunJSON is the last line of `prakerja jobs run --json`.
type jobsRunJSON struct {
	Now time.Time `json:"now"`
	jobs.Summary
}

// jobsListJSON is the last line of `prakerja jobs list --json`.
type jobsListJSON struct {
	Counts []prakerja.JobCount `json:"counts"`
}

// runJobs is `prakerja jobs run [--now RFC3339] [--json]` and
// `prakerja jobs list [--json]`.
func runJobs(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("jobs", env.Stderr)
	f := &jobsFlags{
		sf:     addStoreFlags(fs, env),
		asJSON: fs.Bool("json", false, "end the output with one JSON object"),
		now:    fs.String("now", "", "run the jobs due at this instant (RFC 3339, e.g. 2020-05-11T09:00:00+07:00); default the wall clock"),
		keys:   fs.String("keys", env.Getenv("PRAKERJA_KEY_FILE"), "personal-data key file (env PRAKERJA_KEY_FILE or PRAKERJA_KEYS)"),
		scheme: fs.String("scheme", envOr(env, "PRAKERJA_SCHEME", "2020"), "the server's scheme: a built-in name or a YAML file (env PRAKERJA_SCHEME)"),
	}
	positional, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(positional) == 1 && positional[0] == "run":
		return jobsRun(ctx, env, f)
	case len(positional) == 1 && positional[0] == "list":
		return jobsList(ctx, env.Stdout, f)
	}
	fmt.Fprintf(env.Stderr, "prakerja jobs: a subcommand is required\n\nUsage:\n"+
		"  prakerja jobs run [--now 2020-05-11T09:00:00+07:00] [--json]\n"+
		"  prakerja jobs list [--json]\n\nFlags:\n")
	fs.PrintDefaults()
	return errUsage
}

// jobsRun runs every job due at --now once, as a server's runner would.
func jobsRun(ctx context.Context, env *Env, f *jobsFlags) error {
	now := time.Now().UTC()
	if *f.now != "" {
		t, err := time.Parse(time.RFC3339, *f.now)
		if err != nil {
			fmt.Fprintf(env.Stderr, "prakerja jobs: --now must be RFC 3339, e.g. 2020-05-11T09:00:00+07:00\n")
			return errUsage
		}
		now = t.UTC()
	}
	store, err := f.sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	runner, err := newJobsRunner(store, f, env)
	if err != nil {
		return err
	}
	sum, err := runner.RunDue(ctx, now)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "jobs due at %s: %d claimed, %d done, %d failed, %d stale\n",
		now.In(prakerja.WIB).Format(waveShownLayout), sum.Claimed, sum.Done, sum.Failed, sum.Stale)
	if *f.asJSON {
		return json.NewEncoder(env.Stdout).Encode(jobsRunJSON{Now: now, Summary: sum})
	}
	return nil
}

// newJobsRunner builds a runner on the wall clock; RunDue takes --now.
func newJobsRunner(store *sqldb.Store, f *jobsFlags, env *Env) (*jobs.Runner, error) {
	sch, err := scheme.Load(*f.scheme)
	if err != nil {
		return nil, err
	}
	log := newLogger(env.Stderr, "warn")
	keys, err := loadKeys(appConfig{KeysFile: *f.keys, KeysEnv: env.Getenv("PRAKERJA_KEYS"), DataDir: f.sf.Data}, log)
	if err != nil {
		return nil, err
	}
	return jobs.New(jobs.Deps{Store: store, Clock: prakerja.SystemClock{}, Keys: keys, Scheme: sch, Logger: log}, jobs.Config{})
}

// jobsList prints the jobs per kind and state.
func jobsList(ctx context.Context, w io.Writer, f *jobsFlags) error {
	store, err := f.sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	counts, err := store.JobCounts(ctx, time.Now().UTC())
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tSTATE\tCOUNT")
	for _, c := range counts {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", c.Kind, c.State, c.Count)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write jobs: %w", err)
	}
	if !*f.asJSON {
		return nil
	}
	if counts == nil {
		counts = []prakerja.JobCount{}
	}
	return json.NewEncoder(w).Encode(jobsListJSON{Counts: counts})
}
