package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
)

func init() {
	register(&command{name: "payout", summary: "pay unlocked incentives: payout prepare|approve|refuse|files|ingest|runs|exceptions|funnel", run: runPayout})
}

const payoutUsage = `usage: prakerja payout prepare --by NAME [--cutoff RFC3339|now] [--file-items N] [--outbox DIR] [--json]
       prakerja payout approve --run N --by NAME [--outbox DIR] [--json]   (another operator than the maker; writes the files)
       prakerja payout refuse --run N --by NAME [--json]                   (voids the run's reservations)
       prakerja payout files --run N [--outbox DIR] [--json]               (writes what an approved run still lacks)
       prakerja payout ingest FILE|FOLDER... [--json]                     (pain.002 and camt.054 answers; a folder: its *.xml in name order)
       prakerja payout runs [--limit N] [--json]
       prakerja payout exceptions [--older-than 72h] [--limit N] [--json]
       prakerja payout funnel [--json]
prepare first resumes a run left "preparing" by an interrupted prepare (its cutoff and maker stand); only a
"prepared" run can be approved; every subcommand takes --data DIR | --db URL and --keys FILE; the outbox defaults to DATA/payouts (with --db, approve
and files need --outbox); --bank-directory FILE | --bank-url URL name the partners' account inquiry, which none
of these subcommands asks`

// payoutOutboxDir is the outbox's folder inside the data folder.
const payoutOutboxDir = "payouts"

// payoutFlags are the flags every payout subcommand shares.
type payoutFlags struct {
	fs            *flag.FlagSet
	sf            *storeFlags
	keys          string
	outbox        string
	bankDirectory string
	bankURL       string
	asJSON        bool
}

func newPayoutFlags(env *Env, name string) *payoutFlags {
	fs := newFlagSet(name, env.Stderr)
	pf := &payoutFlags{fs: fs, sf: addStoreFlags(fs, env)}
	fs.StringVar(&pf.keys, "keys", env.Getenv("PRAKERJA_KEY_FILE"), "personal-data key file, the one serve uses (env PRAKERJA_KEY_FILE, or the key itself in PRAKERJA_KEYS)")
	fs.StringVar(&pf.outbox, "outbox", "", "folder of the runs' partner files, one run-NNNNNN folder per run (default DATA/payouts; required with --db)")
	fs.StringVar(&pf.bankDirectory, "bank-directory", "", "accounts CSV of the simulated partners, for account inquiries (bank-sim --directory)")
	fs.StringVar(&pf.bankURL, "bank-url", "", "base URL of a partner inquiry API (bank-sim --listen), for account inquiries")
	fs.BoolVar(&pf.asJSON, "json", false, "end with one JSON object")
	return pf
}

// outboxDir is the outbox folder: --outbox, else the data folder's
// payouts folder. With PostgreSQL the data folder may be on another
// machine than the files, so the outbox must be named; need says whether
// the command touches the files at all.
func (pf *payoutFlags) outboxDir(need bool) (string, error) {
	switch {
	case pf.outbox != "":
		return pf.outbox, nil
	case pf.sf.DB == "":
		return filepath.Join(pf.sf.Data, payoutOutboxDir), nil
	case need:
		return "", errors.New("--outbox DIR is required with --db: the partner files live outside the database")
	}
	return payout.DefaultConfig().Outbox, nil // never read or written by this command
}

// inquirer is the partners' account inquiry: a directory file, an HTTP
// API, or none (every inquiry fails: the command links no account).
func (pf *payoutFlags) inquirer() (prakerja.AccountInquirer, error) {
	switch {
	case pf.bankDirectory != "" && pf.bankURL != "":
		return nil, errors.New("give --bank-directory or --bank-url, not both")
	case pf.bankDirectory != "":
		return banksim.LoadDirectory(pf.bankDirectory)
	case pf.bankURL != "":
		return &banksim.Client{BaseURL: pf.bankURL}, nil
	}
	return noInquirer{}, nil
}

// noInquirer answers every account inquiry with an error: the service of
// a command that never links an account.
type noInquirer struct{}

func (noInquirer) Inquire(context.Context, prakerja.AccountInquiry) (*prakerja.AccountHolder, error) {
	return nil, prakerja.Errorf(prakerja.CodeUnavailable, "No partner inquiry is configured: give --bank-directory or --bank-url.")
}

// payoutEnv is an opened payout service and its store.
type payoutEnv struct {
	svc   *payout.Service
	store *sqldb.Store
}

// payoutOpen is what a subcommand needs of open.
type payoutOpen struct {
	outbox     bool                       // the command reads or writes the partner files
	positional bool                       // the command takes arguments after its flags
	check      func(*payout.Config) error // checks the flags, may change the configuration
}

// open parses args, checks them, then loads the keyring, opens the store
// and builds the service. The caller closes the store.
func (pf *payoutFlags) open(ctx context.Context, env *Env, args []string, o payoutOpen) (*payoutEnv, []string, error) {
	pos, err := parseFlags(pf.fs, args)
	if err != nil {
		return nil, nil, err
	}
	if len(pos) > 0 && !o.positional {
		fmt.Fprintf(env.Stderr, "unexpected argument %q\n%s\n", pos[0], payoutUsage)
		return nil, nil, errUsage
	}
	cfg := payout.DefaultConfig()
	if cfg.Outbox, err = pf.outboxDir(o.outbox); err != nil {
		return nil, nil, err
	}
	if o.check != nil {
		if err := o.check(&cfg); err != nil {
			return nil, nil, err
		}
	}
	inq, err := pf.inquirer()
	if err != nil {
		return nil, nil, err
	}
	keys, err := loadKeys(appConfig{KeysFile: pf.keys, KeysEnv: env.Getenv("PRAKERJA_KEYS"), DataDir: pf.sf.Data}, newLogger(env.Stderr, "warn"))
	if err != nil {
		return nil, nil, err
	}
	store, err := pf.sf.Open(ctx)
	if err != nil {
		return nil, nil, err
	}
	return &payoutEnv{svc: payout.New(store, keys, prakerja.SystemClock{}, inq, cfg), store: store}, pos, nil
}

func runPayout(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, payoutUsage)
		return errUsage
	}
	sub := map[string]func(context.Context, *Env, []string) error{
		"prepare": payoutPrepare, "approve": payoutApprove, "refuse": payoutRefuse, "files": payoutFiles,
		"ingest": payoutIngest, "runs": payoutRuns, "exceptions": payoutExceptions, "funnel": payoutFunnel,
	}
	run, ok := sub[args[0]]
	if !ok {
		fmt.Fprintln(env.Stderr, payoutUsage)
		return errUsage
	}
	return run(ctx, env, args[1:])
}

// checkOperator checks a maker's or checker's name before the store does.
func checkOperator(name string) error {
	if strings.TrimSpace(name) == "" || len(name) > prakerja.PayoutOperatorMax {
		return fmt.Errorf("--by NAME is required (the operator, at most %d bytes)", prakerja.PayoutOperatorMax)
	}
	return nil
}

// parseCutoff reads --cutoff: RFC 3339 or "now".
func parseCutoff(s string, now time.Time) (time.Time, error) {
	if s == "" || s == "now" {
		return now, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--cutoff must be RFC 3339 (2026-11-27T12:00:00Z) or now")
	}
	return t.UTC(), nil
}

func payoutPrepare(ctx context.Context, env *Env, args []string) error {
	pf := newPayoutFlags(env, "payout prepare")
	by := pf.fs.String("by", "", "the preparing operator (the maker); another must approve")
	cutoff := pf.fs.String("cutoff", "now", "slots unlocked at or before this moment are due: RFC 3339 or now")
	items := pf.fs.Int("file-items", prakerja.PayoutFileItemsMax, "payments per partner file at most")
	page := pf.fs.Int("page", prakerja.LedgerBatchMax, "due slots reserved per transaction; a prepare killed between pages is resumed by the next")
	pe, _, err := pf.open(ctx, env, args, payoutOpen{check: func(c *payout.Config) error {
		if *items < 1 || *items > prakerja.PayoutFileItemsMax || *page < 1 || *page > prakerja.LedgerBatchMax {
			return fmt.Errorf("--file-items must be 1..%d and --page 1..%d", prakerja.PayoutFileItemsMax, prakerja.LedgerBatchMax)
		}
		c.FileItemsMax, c.PreparePage = *items, *page
		return checkOperator(*by)
	}})
	if err != nil {
		return err
	}
	defer pe.store.Close()
	at, err := parseCutoff(*cutoff, time.Now().UTC())
	if err != nil {
		return err
	}
	tick := startTicker(env.Stderr, "reserving payments")
	sum, err := pe.svc.Prepare(ctx, *by, at, func(n int64) { tick.set(n) })
	tick.finish()
	if err != nil {
		return err
	}
	if sum.Resumed {
		fmt.Fprintf(env.Stdout, "resumed run %d, left preparing by an interrupted prepare; its cutoff and maker stand\n", sum.RunID)
	}
	fmt.Fprintf(env.Stdout, "run %d prepared by %s (cutoff %s): %d payments reserved, %s; %d slots waiting for a payout account; %d refused by the ledger\n",
		sum.RunID, sum.Run.PreparedBy, sum.Run.Cutoff.Format(time.RFC3339), sum.Reserved, scheme.FormatRupiah(sum.Total), sum.WaitingAccount, sum.Refused)
	if sum.Reserved == 0 {
		fmt.Fprintf(env.Stdout, "nothing was due: run %d is empty; refuse it (prakerja payout refuse --run %d --by NAME)\n", sum.RunID, sum.RunID)
	} else {
		fmt.Fprintf(env.Stdout, "another operator approves it: prakerja payout approve --run %d --by NAME\n", sum.RunID)
	}
	return reviewEncode(env.Stdout, pf.asJSON, sum)
}

// payoutFileJSON is one partner file in JSON output.
type payoutFileJSON struct {
	Name     string `json:"name"`
	Provider string `json:"provider"`
	Format   string `json:"format"`
	MsgID    string `json:"msg_id"`
	Items    int64  `json:"items"`
	Total    int64  `json:"total"`
}

// payoutRunJSON is a run in JSON output.
type payoutRunJSON struct {
	ID         int64     `json:"run_id"`
	State      string    `json:"state"`
	Cutoff     time.Time `json:"cutoff"`
	PreparedBy string    `json:"prepared_by"`
	ApprovedBy string    `json:"approved_by,omitempty"`
	Payments   int64     `json:"payments"`
	Total      int64     `json:"total"`
	Files      int64     `json:"files"`
	CreatedAt  time.Time `json:"created_at"`
	ApprovedAt time.Time `json:"approved_at,omitzero"`
	Folder     string    `json:"folder,omitempty"`
}

func runJSON(r *prakerja.PayoutRun) payoutRunJSON {
	return payoutRunJSON{ID: r.ID, State: string(r.State), Cutoff: r.Cutoff, PreparedBy: r.PreparedBy, ApprovedBy: r.ApprovedBy,
		Payments: r.Payments, Total: r.Total, Files: r.Files, CreatedAt: r.CreatedAt, ApprovedAt: r.ApprovedAt}
}

func filesJSON(files []*prakerja.PayoutFile) []payoutFileJSON {
	out := make([]payoutFileJSON, 0, len(files))
	for _, f := range files {
		out = append(out, payoutFileJSON{Name: f.Name, Provider: f.Provider, Format: f.Format, MsgID: f.MsgID, Items: f.Items, Total: f.Total})
	}
	return out
}

// runFlag adds --run to a payout flag set.
func runFlag(pf *payoutFlags) *int64 {
	return pf.fs.Int64("run", 0, "the payout run")
}

func payoutApprove(ctx context.Context, env *Env, args []string) error {
	pf := newPayoutFlags(env, "payout approve")
	runID := runFlag(pf)
	by := pf.fs.String("by", "", "the approving operator (the checker), not the run's maker")
	pe, _, err := pf.open(ctx, env, args, payoutOpen{outbox: true, check: func(*payout.Config) error {
		if *runID < 1 {
			return errors.New("--run N is required")
		}
		return checkOperator(*by)
	}})
	if err != nil {
		return err
	}
	defer pe.store.Close()
	stop := watchFiles(ctx, env.Stderr, pe.store, *runID)
	run, files, err := pe.svc.Approve(ctx, *runID, *by)
	stop()
	if err != nil {
		if run != nil {
			return fmt.Errorf("run %d approved but its files are not all written (resume with `prakerja payout files --run %d`): %w", run.ID, run.ID, err)
		}
		return err
	}
	return printRunFiles(env, pf.asJSON, pe.svc, run, files, "approved by "+*by)
}

// printRunFiles prints a run and the files just written.
func printRunFiles(env *Env, asJSON bool, svc *payout.Service, run *prakerja.PayoutRun, files []*prakerja.PayoutFile, what string) error {
	folder := svc.RunFolder(run.ID)
	fmt.Fprintf(env.Stdout, "run %d %s: %d payments, %s, %d files in %s (%d written now)\n",
		run.ID, what, run.Payments, scheme.FormatRupiah(run.Total), run.Files, folder, len(files))
	for _, f := range files {
		fmt.Fprintf(env.Stdout, "  %-40s %-8s %6d payments %22s\n", f.Name, f.Provider, f.Items, scheme.FormatRupiah(f.Total))
	}
	j := runJSON(run)
	j.Folder = folder
	return reviewEncode(env.Stdout, asJSON, map[string]any{"run": j, "written": filesJSON(files)})
}

// watchFiles reports, while a run's files are written, how many are
// recorded; the service writes them without a callback.
func watchFiles(ctx context.Context, w io.Writer, store *sqldb.Store, runID int64) func() {
	tick := startTicker(w, "writing files")
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if r, err := store.PayoutRun(ctx, runID); err == nil {
					tick.set(r.Files)
				}
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		if r, err := store.PayoutRun(ctx, runID); err == nil {
			tick.set(r.Files)
		}
		tick.finish()
	}
}

func payoutRefuse(ctx context.Context, env *Env, args []string) error {
	pf := newPayoutFlags(env, "payout refuse")
	runID := runFlag(pf)
	by := pf.fs.String("by", "", "the refusing operator (the checker), not the run's maker")
	pe, _, err := pf.open(ctx, env, args, payoutOpen{check: func(*payout.Config) error {
		if *runID < 1 {
			return errors.New("--run N is required")
		}
		return checkOperator(*by)
	}})
	if err != nil {
		return err
	}
	defer pe.store.Close()
	run, err := pe.svc.Refuse(ctx, *runID, *by)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "run %d refused by %s: its %d reservations (%s) are back in the participants' available balances\n",
		run.ID, *by, run.Payments, scheme.FormatRupiah(run.Total))
	return reviewEncode(env.Stdout, pf.asJSON, runJSON(run))
}

func payoutFiles(ctx context.Context, env *Env, args []string) error {
	pf := newPayoutFlags(env, "payout files")
	runID := runFlag(pf)
	pe, _, err := pf.open(ctx, env, args, payoutOpen{outbox: true, check: func(*payout.Config) error {
		if *runID < 1 {
			return errors.New("--run N is required")
		}
		return nil
	}})
	if err != nil {
		return err
	}
	defer pe.store.Close()
	stop := watchFiles(ctx, env.Stderr, pe.store, *runID)
	files, err := pe.svc.WriteFiles(ctx, *runID)
	stop()
	if err != nil {
		return err
	}
	run, err := pe.store.PayoutRun(ctx, *runID)
	if err != nil {
		return err
	}
	return printRunFiles(env, pf.asJSON, pe.svc, run, files, "files")
}
