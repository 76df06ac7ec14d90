package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/iso20022"
	"github.com/prakerja/prakerja/ledger"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
)

// benchPayoutResult is the JSON line of `bench payout`.
type benchPayoutResult struct {
	Participants     int64   `json:"participants"`
	Payments         int64   `json:"payments"`
	Amount           int64   `json:"amount"`
	Files            int64   `json:"files"`
	Seconds          float64 `json:"seconds"` // the five timed stages together
	PerSecond        float64 `json:"per_second"`
	ReserveSeconds   float64 `json:"reserve_seconds"`   // Prepare: a pending transfer and a payment per slot
	FilesSeconds     float64 `json:"files_seconds"`     // Approve: pain.001 and CSV files written and recorded
	AnswerSeconds    float64 `json:"answer_seconds"`    // the simulated partners read each file and write pain.002 + camt.054
	IngestSeconds    float64 `json:"ingest_seconds"`    // every pain.002, then every camt.054
	ReconcileSeconds float64 `json:"reconcile_seconds"` // files re-read, answers and clearing compared
	Posted           int64   `json:"posted"`
	Voided           int64   `json:"voided"`
	Settled          int64   `json:"settled"`
	Unanswered       int64   `json:"unanswered"`
	Clean            bool    `json:"clean"`
	RejectRate       float64 `json:"reject_rate"`
	SilenceRate      float64 `json:"silence_rate"`
	SeedSeconds      float64 `json:"seed_seconds"` // set-up, not timed: wave, credit, unlock, accounts
	Store            string  `json:"store"`
}

// runBenchPayout measures one monthly incentive run end to end: a fresh
// store whose wave of n participants is credited, has incentive slot 1
// unlocked and a verified payout account each (60 % BNI, 40 % e-wallets);
// then, timed, the run is prepared by one operator, approved by another
// (its files written), answered by the simulated partners with the given
// reject and silence rates, the answers ingested and the whole reconciled.
// It fails unless every payment is posted, voided or unanswered and the
// reconciliation is clean.
func runBenchPayout(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("bench payout", env.Stderr)
	sf := addStoreFlags(fs, env)
	n := fs.Int("participants", 168_111, "participants of the wave, one payment each (2020 wave 1 by default)")
	reject := fs.Float64("reject-rate", 0.02, "share of payments the partners reject, 0–1")
	silence := fs.Float64("silence-rate", 0.005, "share of payments the partners never answer, 0–1")
	outbox := fs.String("outbox", "", "folder of the run's files and answers (default DATA/payouts, a temporary folder with --db)")
	asJSON := fs.Bool("json", false, "end with one JSON object")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the timed stages to FILE")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n < 1 || *n > benchNMax || !(*reject >= 0 && *reject <= 1) || !(*silence >= 0 && *silence <= 1) {
		return fmt.Errorf("--participants must be 1..%d and the rates 0..1", benchNMax)
	}
	store, where, cleanup, err := benchStore(ctx, sf)
	if err != nil {
		return err
	}
	defer cleanup()
	dir, removeDir, err := benchPayoutOutbox(sf, *outbox)
	if err != nil {
		return err
	}
	defer removeDir()
	keys, err := pii.NewKeyFile("bench").Keyring()
	if err != nil {
		return err
	}
	res := benchPayoutResult{Participants: int64(*n), RejectRate: *reject, SilenceRate: *silence, Store: where}
	start := time.Now()
	if _, err := seedPayoutWave(ctx, env, store, keys, *n); err != nil {
		return err
	}
	res.SeedSeconds = time.Since(start).Seconds()
	cfg := payout.DefaultConfig()
	cfg.Outbox = dir
	svc := payout.New(store, keys, prakerja.SystemClock{}, noInquirer{}, cfg)
	bank := banksim.Config{RejectRate: *reject, SilenceRate: *silence, Seed: 1}
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	err = benchPayoutRun(ctx, env, store, svc, bank, &res)
	stopProfile()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "paid %d participants: %d payments in %d files in %.2fs = %.0f payments/s (%s): reserve %.2fs, files %.2fs, answer %.2fs, ingest %.2fs, reconcile %.2fs; posted %d, voided %d, unanswered %d, clean %v\n",
		res.Participants, res.Payments, res.Files, res.Seconds, res.PerSecond, where, res.ReserveSeconds, res.FilesSeconds,
		res.AnswerSeconds, res.IngestSeconds, res.ReconcileSeconds, res.Posted, res.Voided, res.Unanswered, res.Clean)
	if *asJSON {
		if err := json.NewEncoder(env.Stdout).Encode(res); err != nil {
			return err
		}
	}
	return res.check()
}

// check holds the run to its accounts: every payment resolved once or
// held, every paid one booked, and a clean reconciliation.
func (r *benchPayoutResult) check() error {
	var errs []error
	if r.Payments != r.Participants {
		errs = append(errs, fmt.Errorf("%d payments for %d participants", r.Payments, r.Participants))
	}
	if r.Posted+r.Voided+r.Unanswered != r.Payments {
		errs = append(errs, fmt.Errorf("posted %d + voided %d + unanswered %d is not the %d payments", r.Posted, r.Voided, r.Unanswered, r.Payments))
	}
	if r.Settled != r.Posted {
		errs = append(errs, fmt.Errorf("%d payments posted but %d booked", r.Posted, r.Settled))
	}
	if !r.Clean {
		errs = append(errs, errors.New("the reconciliation is not clean"))
	}
	return errors.Join(errs...)
}

// benchPayoutOutbox is the run's folder: --outbox, else the (temporary or
// given) data folder's payouts folder, else with PostgreSQL a temporary
// folder removed afterwards.
func benchPayoutOutbox(sf *storeFlags, outbox string) (string, func(), error) {
	switch {
	case outbox != "":
		return outbox, func() {}, nil
	case sf.DB == "":
		return filepath.Join(sf.Data, payoutOutboxDir), func() {}, nil
	}
	dir, err := os.MkdirTemp("", "prakerja-bench-payout-")
	if err != nil {
		return "", nil, fmt.Errorf("temp outbox: %w", err)
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

// seedPayoutWave stores a drawn, funded and credited wave of n synthetic
// participants, unlocks incentive slot 1 of each and gives each a
// verified payout account sealed with keys: 60 % BNI accounts, 40 %
// e-wallets spread over OVO, GoPay, LinkAja and DANA. It returns the
// registrations.
func seedPayoutWave(ctx context.Context, env *Env, store *sqldb.Store, keys *pii.Keyring, n int) ([]int64, error) {
	sch, err := scheme.Builtin("2020")
	if err != nil {
		return nil, err
	}
	wave, err := seedBenchWave(ctx, store, "Bench payout", n, sch.Total()*int64(n))
	if err != nil {
		return nil, err
	}
	prog := startProgress(env.Stderr, "crediting", n)
	c := &ledger.Crediter{Store: store, Progress: func(done, _ int64) { prog.done.Store(done) }}
	_, err = c.Credit(ctx, wave, sch, 1, time.Now().UTC())
	prog.Finish()
	if err != nil {
		return nil, err
	}
	var regs []int64
	for after := int64(0); ; {
		page, err := store.WaveParticipants(ctx, wave.ID, after, prakerja.ParticipantsPageMax)
		if err != nil {
			return nil, err
		}
		if len(page) == 0 {
			break
		}
		for _, p := range page {
			regs = append(regs, p.RegistrationID)
		}
		after = page[len(page)-1].RegistrationID
	}
	if len(regs) != n {
		return nil, fmt.Errorf("seeded %d participants, found %d", n, len(regs))
	}
	if err := unlockFirstIncentive(ctx, env, store, regs, sch.Incentives.Amount); err != nil {
		return nil, err
	}
	return regs, seedPayoutAccounts(ctx, store, keys, regs)
}

// unlockFirstIncentive unlocks incentive slot 1 of every registration,
// as the unlock job does a month after the training.
func unlockFirstIncentive(ctx context.Context, env *Env, store *sqldb.Store, regs []int64, amount int64) error {
	prog := startProgress(env.Stderr, "unlocking slot 1", len(regs))
	defer prog.Finish()
	now := time.Now().UTC()
	for start := 0; start < len(regs); start += prakerja.LedgerBatchMax {
		part := regs[start:min(start+prakerja.LedgerBatchMax, len(regs))]
		ts := make([]prakerja.Transfer, len(part))
		for i, reg := range part {
			ts[i] = prakerja.Transfer{ID: prakerja.UnlockID(reg, prakerja.TransferUnlockIncentive, 1), Ledger: prakerja.LedgerIDR,
				Code: prakerja.TransferUnlockIncentive, Amount: amount, UserData: 1,
				DebitAccount:  prakerja.ParticipantAccountID(reg, prakerja.AccountIncentiveLocked),
				CreditAccount: prakerja.ParticipantAccountID(reg, prakerja.AccountIncentiveAvailable)}
		}
		results, err := store.ApplyTransfers(ctx, ts, now)
		if err != nil {
			return fmt.Errorf("unlock: %w", err)
		}
		for i, r := range results {
			if !r.OK() {
				return fmt.Errorf("unlock registration %d: %s", part[i], r)
			}
		}
		prog.Add(len(part))
	}
	return nil
}

// benchEwallets are the e-wallets synthetic accounts are spread over.
var benchEwallets = []string{"OVO", "GOPAY", "LINKAJA", "DANA"}

// seedPayoutAccounts gives every registration a verified account: six in
// ten a BNI account number, the others an e-wallet phone number.
func seedPayoutAccounts(ctx context.Context, store *sqldb.Store, keys *pii.Keyring, regs []int64) error {
	type account struct {
		provider, last4 string
		number          prakerja.Sealed
	}
	accounts := make([]account, len(regs))
	for i, reg := range regs {
		provider, number := "BNI", fmt.Sprintf("%010d", 1_000_000_000+reg)
		if i%10 >= 6 {
			provider, number = benchEwallets[i%len(benchEwallets)], fmt.Sprintf("0812%08d", reg%100_000_000)
		}
		sealed, err := keys.Seal(prakerja.IndexPayoutAccount, number)
		if err != nil {
			return fmt.Errorf("seal payout account: %w", err)
		}
		accounts[i] = account{provider: provider, last4: number[len(number)-4:], number: sealed}
	}
	return store.SeedSyntheticPayoutAccounts(ctx, regs, func(i int) (string, prakerja.Sealed, string) {
		return accounts[i].provider, accounts[i].number, accounts[i].last4
	}, time.Now().UTC())
}

// benchPayoutRun times the five stages of one run.
func benchPayoutRun(ctx context.Context, env *Env, store *sqldb.Store, svc *payout.Service, bank banksim.Config, res *benchPayoutResult) error {
	start := time.Now()
	prog := startProgress(env.Stderr, "reserving", int(res.Participants))
	sum, err := svc.Prepare(ctx, "bench-maker", time.Now().UTC(), func(n int64) { prog.done.Store(n) })
	prog.Finish()
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	if sum.WaitingAccount != 0 || sum.Refused != 0 {
		return fmt.Errorf("prepare: %d slots waiting for an account, %d refused", sum.WaitingAccount, sum.Refused)
	}
	stage := time.Now()
	res.ReserveSeconds = stage.Sub(start).Seconds()
	stop := watchFiles(ctx, env.Stderr, store, sum.RunID)
	run, files, err := svc.Approve(ctx, sum.RunID, "bench-checker")
	stop()
	if err != nil {
		return fmt.Errorf("approve: %w", err)
	}
	res.Payments, res.Amount, res.Files = run.Payments, run.Total, int64(len(files))
	res.FilesSeconds, stage = time.Since(stage).Seconds(), time.Now()
	answers := filepath.Join(svc.Config().Outbox, "answers", filepath.Base(svc.RunFolder(run.ID)))
	pain002, camt054, err := benchAnswer(env, svc, run.ID, files, answers, bank)
	if err != nil {
		return fmt.Errorf("answer: %w", err)
	}
	res.AnswerSeconds, stage = time.Since(stage).Seconds(), time.Now()
	prog = startProgress(env.Stderr, "ingesting answers", len(pain002)+len(camt054))
	total, err := ingestConcurrently(ctx, svc, pain002, prog)
	if err == nil {
		var booked *prakerja.IngestOutcome
		booked, err = ingestConcurrently(ctx, svc, camt054, prog)
		if booked != nil {
			total.Add(booked)
		}
	}
	prog.Finish()
	if err != nil {
		return err
	}
	if total.Conflicts+total.Unknown+total.Mismatched > 0 {
		return fmt.Errorf("ingest: %s", describeOutcome(total))
	}
	res.IngestSeconds, stage = time.Since(stage).Seconds(), time.Now()
	report, err := svc.Reconcile(ctx)
	if err != nil {
		return fmt.Errorf("reconcile: %w", err)
	}
	res.ReconcileSeconds = time.Since(stage).Seconds()
	// The partner's answering is the simulator's work, not the
	// programme's: it is reported but not counted.
	res.Seconds = time.Since(start).Seconds() - res.AnswerSeconds
	res.PerSecond = float64(res.Payments) / res.Seconds
	res.Posted, res.Voided, res.Settled, res.Unanswered, res.Clean = total.Posted, total.Voided, total.Settled, report.Unknown, report.Clean
	for _, m := range report.Mismatched {
		fmt.Fprintln(env.Stderr, "MISMATCH", m)
	}
	return nil
}

// benchAnswer plays the partners: each file of the run is read back from
// the outbox and answered, the pain.002 and camt.054 written to dir. It
// returns their paths, pain.002 first.
func benchAnswer(env *Env, svc *payout.Service, runID int64, files []*prakerja.PayoutFile, dir string, bank banksim.Config) (pain002, camt054 []string, err error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, nil, err
	}
	prog := startProgress(env.Stderr, "answering files", len(files))
	defer prog.Finish()
	now := time.Now().UTC()
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(svc.RunFolder(runID), f.Name))
		if err != nil {
			return nil, nil, err
		}
		var in *iso20022.Initiation
		if f.Format == payout.FormatEwallet {
			in, err = iso20022.ReadEwalletCSV(bytes.NewReader(data))
		} else {
			in, err = iso20022.ReadPain001(bytes.NewReader(data))
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read back %s: %w", f.Name, err)
		}
		rep, ntf := banksim.Answer(in, bank, now)
		var p2, c54 bytes.Buffer
		if err := iso20022.WritePain002(&p2, rep); err != nil {
			return nil, nil, fmt.Errorf("pain.002 of %s: %w", f.Name, err)
		}
		if err := iso20022.WriteCamt054(&c54, ntf); err != nil {
			return nil, nil, fmt.Errorf("camt.054 of %s: %w", f.Name, err)
		}
		base := filepath.Join(dir, strings.TrimSuffix(f.Name, filepath.Ext(f.Name)))
		if err := os.WriteFile(base+banksim.SuffixPain002, p2.Bytes(), 0o640); err != nil {
			return nil, nil, err
		}
		if err := os.WriteFile(base+banksim.SuffixCamt054, c54.Bytes(), 0o640); err != nil {
			return nil, nil, err
		}
		pain002, camt054 = append(pain002, base+banksim.SuffixPain002), append(camt054, base+banksim.SuffixCamt054)
		prog.Add(1)
	}
	return pain002, camt054, nil
}

// ingestParallel is how many answer files are ingested at once: while one
// file's batch commits, the others are parsed and decided, and batches
// queued together share one ledger transaction (one fsync).
const ingestParallel = 4

// ingestConcurrently ingests files ingestParallel at a time. The files of
// one kind (all status reports, then all statements) name disjoint
// payments, so their order is free.
func ingestConcurrently(ctx context.Context, svc *payout.Service, paths []string, prog *progress) (*prakerja.IngestOutcome, error) {
	total := &prakerja.IngestOutcome{}
	var mu sync.Mutex
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(ingestParallel)
	for _, path := range paths {
		g.Go(func() error {
			out, err := ingestOne(ctx, svc, path)
			if err != nil {
				return fmt.Errorf("ingest %s: %w", filepath.Base(path), err)
			}
			mu.Lock()
			total.Add(out)
			mu.Unlock()
			prog.Add(1)
			return nil
		})
	}
	return total, g.Wait()
}
