package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/prakerja/prakerja"
)

func init() {
	register(&command{name: "backlog", summary: "registrations waiting per status, oldest age and throughput (`--watch 5s` repeats)", run: runBacklog})
}

// backlogWatchMin is the shortest --watch interval: the backlog is a few
// aggregate queries over the whole registrations table, and an operator
// cannot read a table faster than once a second anyway.
const backlogWatchMin = time.Second

// backlogJSON is the last line of `prakerja backlog --json`.
type backlogJSON struct {
	Statuses []backlogStatusJSON `json:"statuses"`
}

// backlogStatusJSON is one status; oldest_seconds is whole seconds so that
// scripts need not parse durations.
type backlogStatusJSON struct {
	Status            prakerja.RegistrationStatus `json:"status"`
	Count             int64                       `json:"count"`
	OldestSeconds     int64                       `json:"oldest_seconds"`
	EnteredLastMinute int64                       `json:"entered_last_minute"`
	EnteredLastHour   int64                       `json:"entered_last_hour"`
}

// runBacklog is `prakerja backlog [--json] [--data DIR | --db URL] [--watch D]`.
func runBacklog(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("backlog", env.Stderr)
	sf := addStoreFlags(fs, env)
	asJSON := fs.Bool("json", false, "end each report with one JSON object")
	watch := fs.Duration("watch", 0, "repeat every interval (at least 1s) until interrupted")
	positional, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		fmt.Fprintf(env.Stderr, "prakerja backlog: unexpected argument %q\n", positional[0])
		return errUsage
	}
	if *watch != 0 && *watch < backlogWatchMin {
		fmt.Fprintf(env.Stderr, "prakerja backlog: --watch must be at least %s\n", backlogWatchMin)
		return errUsage
	}
	store, err := sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	return watchBacklog(ctx, env.Stdout, store, *asJSON, *watch)
}

// watchBacklog prints the backlog once, or every interval until ctx ends
// (an interrupt is a normal end of watching, not an error).
func watchBacklog(ctx context.Context, w io.Writer, store prakerja.VerificationStore, asJSON bool, interval time.Duration) error {
	tick := time.NewTicker(max(interval, backlogWatchMin))
	defer tick.Stop()
	for {
		rows, err := store.Backlog(ctx, time.Now().UTC())
		if err != nil {
			if interval > 0 && ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("backlog: %w", err)
		}
		if err := printBacklog(w, rows, asJSON); err != nil {
			return err
		}
		if interval == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		fmt.Fprintln(w)
	}
}

// printBacklog writes the table and, with asJSON, the JSON line after it.
func printBacklog(w io.Writer, rows []prakerja.BacklogRow, asJSON bool) error {
	tw := backlogTable(w)
	fmt.Fprintln(tw, "STATUS\tCOUNT\tOLDEST\tPER MIN\tPER HOUR")
	out := backlogJSON{Statuses: []backlogStatusJSON{}}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%d\n", r.Status, r.Count, backlogAge(r.Oldest), r.EnteredLastMinute, r.EnteredLastHour)
		out.Statuses = append(out.Statuses, backlogStatusJSON{Status: r.Status, Count: r.Count,
			OldestSeconds: int64(r.Oldest / time.Second), EnteredLastMinute: r.EnteredLastMinute, EnteredLastHour: r.EnteredLastHour})
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write backlog: %w", err)
	}
	if asJSON {
		return json.NewEncoder(w).Encode(out)
	}
	return nil
}

// backlogAge shows a wait in its two largest units ("1d2h", "3h05m", "4m30s",
// "12s"); "-" when nothing waits.
func backlogAge(d time.Duration) string {
	switch {
	case d <= 0:
		return "-"
	case d >= 24*time.Hour:
		return fmt.Sprintf("%dd%dh", d/(24*time.Hour), d%(24*time.Hour)/time.Hour)
	case d >= time.Hour:
		return fmt.Sprintf("%dh%02dm", d/time.Hour, d%time.Hour/time.Minute)
	case d >= time.Minute:
		return fmt.Sprintf("%dm%02ds", d/time.Minute, d%time.Minute/time.Second)
	}
	return fmt.Sprintf("%ds", d/time.Second)
}

// backlogTable starts a left-aligned table.
func backlogTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0) }
