package main

import (
	"context"
	"fmt"
	"sort"

	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/scheme"
)

func init() {
	register(&command{name: "reconcile", summary: "compare payout files, partner answers and clearing accounts (non-zero exit unless clean)", run: runReconcile})
}

// runReconcile is `prakerja reconcile [--data DIR | --db URL --outbox DIR]
// [--json]`: it re-reads every file written, compares payments, answers
// and each partner's clearing account, stores the report and fails when
// it is not clean. Unanswered payments are held, not mismatches: they are
// shown with the oldest one's age.
func runReconcile(ctx context.Context, env *Env, args []string) error {
	pf := newPayoutFlags(env, "reconcile")
	pe, _, err := pf.open(ctx, env, args, payoutOpen{outbox: true})
	if err != nil {
		return err
	}
	defer pe.store.Close()
	r, err := pe.svc.Reconcile(ctx)
	if err != nil {
		return err
	}
	printReconcile(env, r)
	if err := reviewEncode(env.Stdout, pf.asJSON, r); err != nil {
		return err
	}
	if !r.Clean {
		return fmt.Errorf("reconciliation report %d is not clean: %d mismatches", r.ReportID, len(r.Mismatched))
	}
	return nil
}

// printReconcile prints a report: the counts, every mismatch, the
// exception lines and the clearing table.
func printReconcile(env *Env, r *payout.Report) {
	fmt.Fprintf(env.Stdout, "files      %d, %d payments, %s\n", r.Files, r.Payments, scheme.FormatRupiah(r.Total))
	fmt.Fprintf(env.Stdout, "matched    %d paid with one answer\n", r.Matched)
	fmt.Fprintf(env.Stdout, "rejected   %d voided with one answer\n", r.Rejected)
	if r.Unknown > 0 {
		fmt.Fprintf(env.Stdout, "unknown    %d sent and unanswered, oldest %s ago (held in the exception queue)\n", r.Unknown, r.OldestAge)
	} else {
		fmt.Fprintln(env.Stdout, "unknown    0 sent and unanswered")
	}
	fmt.Fprintf(env.Stdout, "mismatched %d\n", len(r.Mismatched))
	for _, m := range r.Mismatched {
		fmt.Fprintln(env.Stdout, "MISMATCH", m)
	}
	outcomes := make([]string, 0, len(r.Exceptions))
	for o := range r.Exceptions {
		outcomes = append(outcomes, o)
	}
	sort.Strings(outcomes)
	for _, o := range outcomes {
		if r.Exceptions[o] > 0 {
			fmt.Fprintf(env.Stdout, "exception lines %-10s %d\n", o, r.Exceptions[o])
		}
	}
	codes := make([]string, 0, len(r.Clearing))
	for c := range r.Clearing {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	fmt.Fprintf(env.Stdout, "%-8s %22s %22s %22s %22s\n", "clearing", "ledger posted", "paid, not booked", "ledger pending", "reserved or sent")
	for _, c := range codes {
		b := r.Clearing[c]
		fmt.Fprintf(env.Stdout, "%-8s %22s %22s %22s %22s\n", c, scheme.FormatRupiah(b.LedgerPosted), scheme.FormatRupiah(b.PaidUnbooked),
			scheme.FormatRupiah(b.LedgerPending), scheme.FormatRupiah(b.Open))
	}
	fmt.Fprintf(env.Stdout, "booked on statements %s\n", scheme.FormatRupiah(r.Booked))
	verdict := "CLEAN"
	if !r.Clean {
		verdict = "NOT CLEAN"
	}
	fmt.Fprintf(env.Stdout, "report %d: %s\n", r.ReportID, verdict)
}
