package main

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
	"github.com/prakerja/prakerja/scheme"
)

// ledgerCheckResult is the JSON line of `ledger check`.
type ledgerCheckResult struct {
	OK        bool     `json:"ok"`
	Breaches  []string `json:"breaches"`
	Transfers int64    `json:"transfers"`
	Accounts  int64    `json:"accounts"`
	Seconds   float64  `json:"seconds"`
}

// ledgerCheck runs every invariant of LEDGER.md §6 the database can answer
// and exits with status 1, naming each breach, when one fails.
func ledgerCheck(ctx context.Context, env *Env, args []string) error {
	lf := newLedgerFlags(env, "check")
	store, err := lf.open(ctx, args)
	if err != nil {
		return err
	}
	defer store.Close()
	caps, err := builtinCaps()
	if err != nil {
		return err
	}
	start := time.Now()
	breaches, err := store.CheckLedger(ctx, time.Now().UTC(), caps)
	if err != nil {
		return err
	}
	totals, err := store.LedgerTotals(ctx)
	if err != nil {
		return err
	}
	res := ledgerCheckResult{OK: len(breaches) == 0, Breaches: append([]string{}, breaches...),
		Transfers: totals.Transfers, Accounts: totals.Accounts, Seconds: time.Since(start).Seconds()}
	for _, b := range breaches {
		fmt.Fprintln(env.Stdout, "BREACH", b)
	}
	if res.OK {
		fmt.Fprintf(env.Stdout, "ledger sound: %d transfers, %d accounts, every invariant holds (%.2fs)\n",
			res.Transfers, res.Accounts, res.Seconds)
	}
	if err := reviewEncode(env.Stdout, *lf.asJSON, res); err != nil {
		return err
	}
	if !res.OK {
		return exitCode(1)
	}
	return nil
}

// builtinCaps are the entitlement caps of every built-in scheme.
func builtinCaps() (map[string]prakerja.EntitlementCaps, error) {
	var schemes []*scheme.Scheme
	for _, name := range scheme.BuiltinNames() {
		s, err := scheme.Builtin(name)
		if err != nil {
			return nil, err
		}
		schemes = append(schemes, s)
	}
	return ledger.CapsOf(schemes), nil
}

// ledgerTotals prints the sums per account type: budget, credited, spent,
// returned, paid.
func ledgerTotals(ctx context.Context, env *Env, args []string) error {
	lf := newLedgerFlags(env, "totals")
	store, err := lf.open(ctx, args)
	if err != nil {
		return err
	}
	defer store.Close()
	t, err := store.LedgerTotals(ctx)
	if err != nil {
		return err
	}
	printLedgerTotals(env, t)
	out := map[string]any{"transfers": t.Transfers, "accounts": t.Accounts}
	for code, a := range t.ByCode {
		out[code.String()] = map[string]int64{"debits_posted": a.DebitsPosted, "credits_posted": a.CreditsPosted,
			"debits_pending": a.DebitsPending, "credits_pending": a.CreditsPending}
	}
	return reviewEncode(env.Stdout, *lf.asJSON, out)
}

func printLedgerTotals(env *Env, t *prakerja.LedgerTotals) {
	codes := make([]int, 0, len(t.ByCode))
	for c := range t.ByCode {
		codes = append(codes, int(c))
	}
	sort.Ints(codes)
	fmt.Fprintf(env.Stdout, "%-20s %20s %20s %16s\n", "account type", "credits", "debits", "pending")
	for _, c := range codes {
		a := t.ByCode[prakerja.AccountCode(c)]
		fmt.Fprintf(env.Stdout, "%-20s %20s %20s %16s\n", prakerja.AccountCode(c), scheme.FormatRupiah(a.CreditsPosted),
			scheme.FormatRupiah(a.DebitsPosted), scheme.FormatRupiah(a.DebitsPending+a.CreditsPending))
	}
	fmt.Fprintf(env.Stdout, "%d transfers, %d accounts\n", t.Transfers, t.Accounts)
}

// ledgerExpire voids every pending transfer past its timeout.
func ledgerExpire(ctx context.Context, env *Env, args []string) error {
	lf := newLedgerFlags(env, "expire")
	store, err := lf.open(ctx, args)
	if err != nil {
		return err
	}
	defer store.Close()
	total := 0
	for {
		n, err := store.ExpirePending(ctx, time.Now().UTC(), prakerja.LedgerBatchMax)
		if err != nil {
			return err
		}
		if total += n; n == 0 {
			break
		}
	}
	fmt.Fprintf(env.Stdout, "%d pending transfers expired\n", total)
	return reviewEncode(env.Stdout, *lf.asJSON, map[string]int{"expired": total})
}
