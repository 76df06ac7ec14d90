package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
)

// benchCreditResult is the JSON line of `bench credit`.
type benchCreditResult struct {
	Participants  int64   `json:"participants"`
	Transfers     int64   `json:"transfers"`
	Accounts      int64   `json:"accounts"`
	Seconds       float64 `json:"seconds"`
	PerSecond     float64 `json:"per_second"`
	RerunSeconds  float64 `json:"rerun_seconds"`  // the same credit again: every transfer "exists"
	RerunCreated  int64   `json:"rerun_created"`  // must be 0
	CheckSeconds  float64 `json:"check_seconds"`  // `ledger check` afterwards
	Breaches      int     `json:"breaches"`       // must be 0
	RefusedBudget bool    `json:"refused_budget"` // a second wave with too small a budget was refused untouched
	SeedSeconds   float64 `json:"seed_seconds"`
	Store         string  `json:"store"`
}

// runBenchCredit measures crediting a wave (LEDGER.md B1): a fresh store
// with n participants, a budget that covers them exactly, and the real
// Crediter, durably committed, with every bound and id checked. It then
// reruns the credit (all "exists"), runs `ledger check`, and shows that a
// budget one rupiah short is refused before anything is posted.
func runBenchCredit(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("bench credit", env.Stderr)
	sf := addStoreFlags(fs, env)
	n := fs.Int("participants", 168_111, "participants of the wave (2020 wave 1 by default)")
	workers := fs.Int("workers", ledger.CreditWorkersDefault, "credit batches in flight")
	asJSON := fs.Bool("json", false, "end with one JSON object")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the credit run to FILE")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n < 1 || *n > benchNMax || *workers < 1 || *workers > 64 {
		return fmt.Errorf("--participants must be 1..%d and --workers 1..64", benchNMax)
	}
	store, where, cleanup, err := benchStore(ctx, sf)
	if err != nil {
		return err
	}
	defer cleanup()
	sch, err := scheme.Builtin("2020")
	if err != nil {
		return err
	}
	res := benchCreditResult{Participants: int64(*n), Store: where}
	start := time.Now()
	wave, err := seedBenchWave(ctx, store, "Bench credit", *n, sch.Total()*int64(*n))
	if err != nil {
		return err
	}
	res.SeedSeconds = time.Since(start).Seconds()
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	stopProfile = sync.OnceFunc(stopProfile)
	err = benchCreditRuns(ctx, env, store, wave, sch, *workers, &res, stopProfile)
	stopProfile()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "credited %d participants: %d transfers in %.2fs = %.0f transfers/s (%s); rerun %.2fs, %d created; ledger check %.2fs, %d breaches; short budget refused: %v\n",
		res.Participants, res.Transfers, res.Seconds, res.PerSecond, where, res.RerunSeconds, res.RerunCreated,
		res.CheckSeconds, res.Breaches, res.RefusedBudget)
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(res)
	}
	return nil
}

// benchCreditRuns times the credit, its rerun and the check. credited
// runs after the first credit (the CPU profile covers that one only).
func benchCreditRuns(ctx context.Context, env *Env, store *sqldb.Store, wave *prakerja.Wave, sch *scheme.Scheme, workers int,
	res *benchCreditResult, credited func()) error {
	prog := startProgress(env.Stderr, "crediting", int(res.Participants))
	c := &ledger.Crediter{Store: store, Workers: workers, Progress: func(done, _ int64) { prog.done.Store(done) }}
	start := time.Now()
	got, err := c.Credit(ctx, wave, sch, 1, time.Now().UTC())
	res.Seconds = time.Since(start).Seconds()
	credited()
	prog.Finish()
	if err != nil {
		return err
	}
	res.Transfers, res.Accounts = got.Transfers, got.Accounts
	res.PerSecond = float64(got.Transfers) / res.Seconds
	start = time.Now()
	c.Progress = nil
	again, err := c.Credit(ctx, wave, sch, 1, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("rerun: %w", err)
	}
	res.RerunSeconds, res.RerunCreated = time.Since(start).Seconds(), again.Transfers
	start = time.Now()
	breaches, err := store.CheckLedger(ctx, time.Now().UTC(), ledger.CapsOf([]*scheme.Scheme{sch}))
	if err != nil {
		return err
	}
	res.CheckSeconds, res.Breaches = time.Since(start).Seconds(), len(breaches)
	for _, b := range breaches {
		fmt.Fprintln(env.Stderr, "breach:", b)
	}
	short, err := seedBenchWave(ctx, store, "Bench credit, short budget", 10, sch.Total()*10-1)
	if err != nil {
		return err
	}
	_, err = c.Credit(ctx, short, sch, 1, time.Now().UTC())
	res.RefusedBudget = prakerja.ErrorCode(err) == prakerja.CodeBudgetInsufficient
	return nil
}

// seedBenchWave stores a closed wave with n synthetic participants and a
// budget of budget rupiah from funding source 1.
func seedBenchWave(ctx context.Context, store *sqldb.Store, name string, n int, budget int64) (*prakerja.Wave, error) {
	now := time.Now().UTC()
	cards, err := benchCards()
	if err != nil {
		return nil, err
	}
	w := &prakerja.Wave{Name: name, Scheme: "2020", OpensAt: now.Add(-48 * time.Hour), ClosesAt: now.Add(-24 * time.Hour), Quota: n}
	if err = store.CreateWave(ctx, w, now.Add(-72*time.Hour)); err != nil {
		return nil, err
	}
	if _, err := store.SeedSyntheticParticipants(ctx, w.ID, n, cards, now); err != nil {
		return nil, err
	}
	if _, err := ledger.Fund(ctx, store, w.ID, 1, "APBN 2020", 1, budget, now); err != nil {
		return nil, err
	}
	return store.Wave(ctx, w.ID)
}

// benchCards issues the synthetic participants' cards with a fixed
// benchmark key: valid numbers (Luhn) a platform can charge.
func benchCards() (prakerja.CardIssuer, error) {
	keys, err := pii.NewKeyFile("bench").Keyring()
	if err != nil {
		return nil, err
	}
	return newCardIssuer(keys, cardPrefixDefault, "", vaCompanyDefault)
}
