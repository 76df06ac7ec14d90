package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/complaint"
)

const complaintsUsage = `usage: prakerja complaints list [--state S] [--category C] [--json]
  the support queue, nearest deadline first (breached first, waiting last);
  S is open, in_progress, waiting_registrant, resolved or rejected ("" = every open state)
every subcommand takes --data DIR | --db URL`

// complaintsListMax bounds one listing: a console-sized queue, not an
// export.
const complaintsListMax = 1000

func init() {
	register(&command{name: "complaints", summary: "the complaint desk's queue with service-level ages", run: runComplaints})
}

func runComplaints(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 && args[0] == "list" {
		return complaintsList(ctx, env, args[1:])
	}
	fmt.Fprintln(env.Stderr, complaintsUsage)
	return errUsage
}

// complaintJSON is one listed ticket: no text, no registrant data, only
// what the queue needs (staff read the rest on the console).
type complaintRowJSON struct {
	ID         int64  `json:"id"`
	Reference  string `json:"reference"`
	Category   string `json:"category"`
	State      string `json:"state"`
	SLA        string `json:"sla"`
	AgeHours   int64  `json:"age_hours"`
	DueWIB     string `json:"due_wib,omitempty"`
	AssignedTo string `json:"assigned_to,omitempty"`
}

func complaintsList(ctx context.Context, env *Env, args []string) error {
	lf := newLedgerFlags(env, "complaints list")
	state := lf.fs.String("state", "", "only this state")
	category := lf.fs.String("category", "", "only this category")
	store, err := lf.open(ctx, args)
	if err != nil {
		return err
	}
	defer store.Close()
	f := prakerja.ComplaintQueueFilter{State: prakerja.ComplaintState(*state), Category: prakerja.ComplaintCategory(*category),
		Limit: prakerja.ComplaintPageMax}
	if (f.State != "" && !f.State.Valid()) || (f.Category != "" && !f.Category.Valid()) {
		fmt.Fprintln(env.Stderr, complaintsUsage)
		return errUsage
	}
	svc := complaint.New(store, nil, prakerja.SystemClock{}, complaint.DefaultConfig())
	var rows []complaintRowJSON
	counts := map[string]int{}
	for len(rows) < complaintsListMax {
		page, err := svc.Queue(ctx, f)
		if err != nil {
			return err
		}
		for _, it := range page {
			rows = append(rows, complaintRowOf(it))
			counts[string(it.SLA.Status)]++
		}
		if len(page) < f.Limit {
			break
		}
		f.After = page[len(page)-1].Complaint
	}
	printComplaints(env.Stdout, rows)
	if rows == nil {
		rows = []complaintRowJSON{}
	}
	return reviewEncode(env.Stdout, *lf.asJSON, map[string]any{"complaints": rows, "by_sla": counts})
}

func complaintRowOf(it complaint.Item) complaintRowJSON {
	r := complaintRowJSON{ID: it.ID, Reference: it.Reference, Category: string(it.Category), State: string(it.State),
		SLA: string(it.SLA.Status), AgeHours: int64(it.SLA.Age / time.Hour), AssignedTo: it.AssignedTo}
	if !it.DueAt.IsZero() {
		r.DueWIB = it.DueAt.In(prakerja.WIB).Format("2006-01-02 15:04 WIB")
	}
	return r
}

// printComplaints writes the queue as a table.
func printComplaints(w io.Writer, rows []complaintRowJSON) {
	if len(rows) == 0 {
		fmt.Fprintln(w, "no complaints")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REFERENCE\tSLA\tSTATE\tCATEGORY\tAGE\tDUE\tAGENT")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%dh\t%s\t%s\n", r.Reference, r.SLA, r.State, r.Category, r.AgeHours, r.DueWIB, r.AssignedTo)
	}
	_ = tw.Flush()
}
