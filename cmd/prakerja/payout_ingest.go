package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/scheme"
)

// `payout ingest`, `runs`, `exceptions` and `funnel`: what came back from
// the partners and where the money stands. See payout.go for the runs.

// ingestFileJSON is one ingested file in JSON output.
type ingestFileJSON struct {
	File    string                  `json:"file"`
	Outcome *prakerja.IngestOutcome `json:"outcome,omitempty"`
	Error   string                  `json:"error,omitempty"`
}

// ingestPaths expands the arguments: files as given, folders to their
// *.xml files in name order.
func ingestPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, err
		}
		var names []string
		for _, e := range entries {
			n := e.Name()
			if e.Type().IsRegular() && !strings.HasPrefix(n, ".") && strings.EqualFold(filepath.Ext(n), ".xml") {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			out = append(out, filepath.Join(a, n))
		}
	}
	return out, nil
}

func payoutIngest(ctx context.Context, env *Env, args []string) error {
	pf := newPayoutFlags(env, "payout ingest")
	pe, pos, err := pf.open(ctx, env, args, payoutOpen{positional: true})
	if err != nil {
		return err
	}
	defer pe.store.Close()
	if len(pos) == 0 {
		fmt.Fprintln(env.Stderr, "give one or more pain.002 / camt.054 files or folders\n"+payoutUsage)
		return errUsage
	}
	paths, err := ingestPaths(pos)
	if err != nil {
		return err
	}
	total := &prakerja.IngestOutcome{}
	res := make([]ingestFileJSON, 0, len(paths))
	failed := 0
	for _, path := range paths {
		out, err := ingestOne(ctx, pe.svc, path)
		if err != nil {
			failed++
			fmt.Fprintf(env.Stdout, "%s: FAILED: %v\n", path, err)
			res = append(res, ingestFileJSON{File: path, Error: err.Error()})
			continue
		}
		res = append(res, ingestFileJSON{File: path, Outcome: out})
		total.Add(out)
		fmt.Fprintf(env.Stdout, "%s: %s\n", path, describeOutcome(out))
	}
	fmt.Fprintf(env.Stdout, "%d files: %s\n", len(paths), describeOutcome(total))
	if err := reviewEncode(env.Stdout, pf.asJSON, map[string]any{"files": res, "total": total, "failed": failed}); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files were not ingested", failed, len(paths))
	}
	return nil
}

// ingestOne reads and ingests one answer file.
func ingestOne(ctx context.Context, svc *payout.Service, path string) (*prakerja.IngestOutcome, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return svc.Ingest(ctx, data)
}

func describeOutcome(o *prakerja.IngestOutcome) string {
	if o.Duplicate {
		return "duplicate file, ingested before: nothing done"
	}
	return fmt.Sprintf("posted %d, voided %d, settled %d, pending %d, repeated %d, conflicts %d, unknown %d, mismatched %d",
		o.Posted, o.Voided, o.Settled, o.Pending, o.Repeated, o.Conflicts, o.Unknown, o.Mismatched)
}

func payoutRuns(ctx context.Context, env *Env, args []string) error {
	pf := newPayoutFlags(env, "payout runs")
	limit := pf.fs.Int("limit", 20, fmt.Sprintf("newest runs to list, at most %d", prakerja.PayoutRunsPageMax))
	pe, _, err := pf.open(ctx, env, args, payoutOpen{})
	if err != nil {
		return err
	}
	defer pe.store.Close()
	runs, err := pe.store.PayoutRuns(ctx, *limit)
	if err != nil {
		return err
	}
	out := make([]payoutRunJSON, 0, len(runs))
	fmt.Fprintf(env.Stdout, "%6s %-9s %-20s %-16s %-16s %9s %22s %5s\n", "run", "state", "cutoff", "maker", "checker", "payments", "total", "files")
	for _, r := range runs {
		fmt.Fprintf(env.Stdout, "%6d %-9s %-20s %-16s %-16s %9d %22s %5d\n", r.ID, r.State, r.Cutoff.Format(time.RFC3339),
			r.PreparedBy, r.ApprovedBy, r.Payments, scheme.FormatRupiah(r.Total), r.Files)
		out = append(out, runJSON(r))
	}
	if len(runs) == 0 {
		fmt.Fprintln(env.Stdout, "no payout runs yet")
	}
	return reviewEncode(env.Stdout, pf.asJSON, map[string]any{"runs": out})
}

// unansweredJSON is one payment of the exception queue. No personal data:
// the reference names the slot, not the person.
type unansweredJSON struct {
	PaymentID int64     `json:"payment_id"`
	RunID     int64     `json:"run_id"`
	FileID    int64     `json:"file_id"`
	InstrID   string    `json:"instr_id"`
	Provider  string    `json:"provider"`
	Amount    int64     `json:"amount"`
	SentAt    time.Time `json:"sent_at"`
	Age       string    `json:"age"`
}

func payoutExceptions(ctx context.Context, env *Env, args []string) error {
	pf := newPayoutFlags(env, "payout exceptions")
	older := pf.fs.Duration("older-than", payout.DefaultConfig().ExceptionAge, "list sent payments unanswered for longer than this (0: every unanswered one)")
	limit := pf.fs.Int("limit", prakerja.PaymentsPageMax, fmt.Sprintf("entries of each list at most (%d)", prakerja.PaymentsPageMax))
	pe, _, err := pf.open(ctx, env, args, payoutOpen{check: func(*payout.Config) error {
		if *older < 0 {
			return errors.New("--older-than must not be negative")
		}
		return nil
	}})
	if err != nil {
		return err
	}
	defer pe.store.Close()
	now := time.Now().UTC()
	unanswered, err := pe.store.UnansweredPayments(ctx, now.Add(-*older), *limit)
	if err != nil {
		return err
	}
	lines, err := pe.store.ResultExceptions(ctx, max(1, min(*limit, prakerja.PaymentsPageMax)))
	if err != nil {
		return err
	}
	un := make([]unansweredJSON, 0, len(unanswered))
	fmt.Fprintf(env.Stdout, "%d payments sent and unanswered for more than %s (oldest first):\n", len(unanswered), *older)
	for _, p := range unanswered {
		age := now.Sub(p.SentAt).Truncate(time.Minute)
		fmt.Fprintf(env.Stdout, "  payment %d run %d %-26s %-8s %14s sent %s (%s ago)\n", p.ID, p.RunID, p.InstrID(), p.Provider,
			scheme.FormatRupiah(p.Amount), p.SentAt.Format(time.RFC3339), age)
		un = append(un, unansweredJSON{PaymentID: p.ID, RunID: p.RunID, FileID: p.FileID, InstrID: p.InstrID(),
			Provider: p.Provider, Amount: p.Amount, SentAt: p.SentAt, Age: age.String()})
	}
	fmt.Fprintf(env.Stdout, "%d answer lines that matched nothing, conflicted or disagreed in amount (newest first):\n", len(lines))
	for _, l := range lines {
		fmt.Fprintf(env.Stdout, "  line %d of answer file %d: %-10s %-26s status %s %s amount %d payment %d\n",
			l.ID, l.ResultFileID, l.Outcome, l.InstrID, l.Status, l.Reason, l.Amount, l.PaymentID)
	}
	if lines == nil {
		lines = []prakerja.PaymentResultLine{}
	}
	return reviewEncode(env.Stdout, pf.asJSON, map[string]any{"unanswered": un, "exception_lines": lines})
}

func payoutFunnel(ctx context.Context, env *Env, args []string) error {
	pf := newPayoutFlags(env, "payout funnel")
	pe, _, err := pf.open(ctx, env, args, payoutOpen{})
	if err != nil {
		return err
	}
	defer pe.store.Close()
	f, err := pe.store.PayoutFunnel(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "payout accounts verified: %d\n", f.AccountsLinked)
	reasons := make([]string, 0, len(f.AccountsRefused))
	for r := range f.AccountsRefused {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		fmt.Fprintf(env.Stdout, "  refused %-28s %d\n", r, f.AccountsRefused[r])
	}
	for _, st := range []prakerja.PaymentState{prakerja.PaymentReserved, prakerja.PaymentSent, prakerja.PaymentPaid,
		prakerja.PaymentRejected, prakerja.PaymentCancelled} {
		fmt.Fprintf(env.Stdout, "payments %-10s %9d %22s\n", st, f.ByState[st], scheme.FormatRupiah(f.AmountByState[st]))
	}
	fmt.Fprintf(env.Stdout, "booked on partners' statements: %d\n", f.Settled)
	return reviewEncode(env.Stdout, pf.asJSON, f)
}

// ticker reports a count of unknown total on a long step: a line every
// few seconds, and a last one when the step ends.
type ticker struct {
	w     io.Writer
	label string
	start time.Time
	mu    sync.Mutex
	n     int64
	stop  chan struct{}
	wg    sync.WaitGroup
}

func startTicker(w io.Writer, label string) *ticker {
	t := &ticker{w: w, label: label, start: time.Now(), stop: make(chan struct{})}
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		tk := time.NewTicker(progressPlainEvery)
		defer tk.Stop()
		for {
			select {
			case <-t.stop:
				return
			case <-tk.C:
				t.draw()
			}
		}
	}()
	return t
}

func (t *ticker) set(n int64) {
	t.mu.Lock()
	t.n = n
	t.mu.Unlock()
}

func (t *ticker) draw() {
	t.mu.Lock()
	n := t.n
	t.mu.Unlock()
	el := time.Since(t.start)
	fmt.Fprintf(t.w, "%-22s %9d done %8.0f/s %6.1fs\n", t.label, n, float64(n)/max(el.Seconds(), 1e-9), el.Seconds())
}

func (t *ticker) finish() {
	close(t.stop)
	t.wg.Wait()
	t.draw()
}
