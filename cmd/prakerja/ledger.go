package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
)

func init() {
	register(&command{name: "ledger", summary: "the money: ledger fund|credit|check|totals|expire", run: runLedger})
}

const ledgerUsage = `usage: prakerja ledger fund --wave ID --amount RUPIAH [--source N --source-name TEXT --n N] [--data DIR | --db URL] [--json]
       prakerja ledger credit --wave ID [--source N] [--data DIR | --db URL] [--json]
       prakerja ledger check [--data DIR | --db URL] [--json]     (exit status 1 on any breach)
       prakerja ledger totals [--data DIR | --db URL] [--json]
       prakerja ledger expire [--data DIR | --db URL] [--json]    (void pending transfers past their timeout)`

// ledgerFlags are the flags every ledger subcommand shares.
type ledgerFlags struct {
	fs     *flag.FlagSet
	sf     *storeFlags
	asJSON *bool
}

func newLedgerFlags(env *Env, name string) *ledgerFlags {
	fs := newFlagSet("ledger "+name, env.Stderr)
	return &ledgerFlags{fs: fs, sf: addStoreFlags(fs, env), asJSON: fs.Bool("json", false, "end with one JSON object")}
}

// open parses args and opens the store; the caller closes it.
func (lf *ledgerFlags) open(ctx context.Context, args []string) (*sqldb.Store, error) {
	if _, err := parseFlags(lf.fs, args); err != nil {
		return nil, err
	}
	return lf.sf.Open(ctx)
}

func runLedger(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, ledgerUsage)
		return errUsage
	}
	switch args[0] {
	case "fund":
		return ledgerFund(ctx, env, args[1:])
	case "credit":
		return ledgerCredit(ctx, env, args[1:])
	case "check":
		return ledgerCheck(ctx, env, args[1:])
	case "totals":
		return ledgerTotals(ctx, env, args[1:])
	case "expire":
		return ledgerExpire(ctx, env, args[1:])
	}
	fmt.Fprintln(env.Stderr, ledgerUsage)
	return errUsage
}

func ledgerFund(ctx context.Context, env *Env, args []string) error {
	lf := newLedgerFlags(env, "fund")
	wave := lf.fs.Int64("wave", 0, "wave to fund")
	amount := lf.fs.Int64("amount", 0, "rupiah, digits only")
	source := lf.fs.Uint("source", 1, "funding source number (1 = APBN)")
	name := lf.fs.String("source-name", "APBN", "funding source label")
	n := lf.fs.Uint("n", 1, "which funding of this budget from this source (a retry with the same n is a no-op)")
	if _, err := parseFlags(lf.fs, args); err != nil {
		return err
	}
	if *wave < 1 || *amount < 1 || *amount > prakerja.LedgerAmountMax || *source < 1 || *source > 0xffff || *n < 1 || *n > 1<<31 {
		return fmt.Errorf("--wave and --amount (1..%d) are required; --source is 1..65535 and --n from 1", prakerja.LedgerAmountMax)
	}
	store, err := lf.sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if _, err := store.Wave(ctx, *wave); err != nil {
		return err
	}
	r, err := ledger.Fund(ctx, store, *wave, uint16(*source), *name, uint32(*n), *amount, time.Now().UTC())
	if err != nil {
		return err
	}
	b, err := ledgerBalance(ctx, store, ledger.BudgetAccount(*wave, uint16(*source)))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "wave %d funded from source %d (%s): %s; budget now %s\n", *wave, *source, *name, r, scheme.FormatRupiah(b))
	return reviewEncode(env.Stdout, *lf.asJSON, map[string]any{"wave": *wave, "source": *source, "result": r, "budget": b})
}

func ledgerCredit(ctx context.Context, env *Env, args []string) error {
	lf := newLedgerFlags(env, "credit")
	waveID := lf.fs.Int64("wave", 0, "drawn wave to credit")
	source := lf.fs.Uint("source", 1, "funding source whose budget pays")
	acks := lf.fs.Bool("acks", false, "print 'ack FIRST LAST' for each batch of registrations once it is committed (crash tests)")
	batch := lf.fs.Int("batch", 0, "participants per committed batch (0 = as many as one ledger batch holds); smaller batches let crash tests kill between them")
	if _, err := parseFlags(lf.fs, args); err != nil {
		return err
	}
	if *waveID < 1 || *source < 1 || *source > 0xffff || *batch < 0 || *batch > prakerja.LedgerBatchMax {
		return fmt.Errorf("--wave is required, --source is 1..65535 and --batch 0..%d", prakerja.LedgerBatchMax)
	}
	store, err := lf.sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	var acked func(first, last int64)
	if *acks {
		acked = func(first, last int64) { fmt.Fprintf(env.Stdout, "ack %d %d\n", first, last) }
	}
	res, err := creditWave(ctx, env, store, *waveID, uint16(*source), *batch, acked)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "wave %d: %d participants credited, %d transfers posted (%s), %d already there\n",
		*waveID, res.Participants, res.Transfers, scheme.FormatRupiah(res.Amount), res.Existing)
	return reviewEncode(env.Stdout, *lf.asJSON, res)
}

// creditWave credits a drawn wave under its own scheme, with progress.
func creditWave(ctx context.Context, env *Env, store *sqldb.Store, waveID int64, source uint16, batch int, acked func(first, last int64)) (*ledger.CreditResult, error) {
	w, err := store.Wave(ctx, waveID)
	if err != nil {
		return nil, err
	}
	sch, err := scheme.Builtin(w.Scheme)
	if err != nil {
		return nil, err
	}
	var prog *progress
	c := &ledger.Crediter{Store: store, Jobs: store, Acked: acked, BatchParticipants: batch, Progress: func(done, total int64) {
		if prog == nil {
			prog = startProgress(env.Stderr, "crediting", int(total))
		}
		prog.done.Store(done)
	}}
	res, err := c.Credit(ctx, w, sch, source, time.Now().UTC())
	if prog != nil {
		prog.Finish()
	}
	return res, err
}

func ledgerBalance(ctx context.Context, store prakerja.LedgerStore, id int64) (int64, error) {
	got, err := store.LedgerAccounts(ctx, []int64{id})
	if err != nil {
		return 0, err
	}
	if got[id] == nil {
		return 0, nil
	}
	return got[id].Balance(), nil
}
