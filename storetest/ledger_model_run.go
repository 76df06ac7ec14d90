package storetest

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// LedgerModelSequences is how many random sequences the conformance suite
// runs per engine; PRAKERJA_LEDGER_MODEL_SEQUENCES raises it for a long
// run. Each sequence is one participant's 25 batches.
func LedgerModelSequences() int {
	if n, err := strconv.Atoi(os.Getenv("PRAKERJA_LEDGER_MODEL_SEQUENCES")); err == nil && n > 0 {
		return n
	}
	return 128
}

// testLedgerModel runs random operation sequences (credit, spend, refund,
// unlock, reserve, post, void, retries with the same and altered fields)
// concurrently, one participant each, predicts every outcome with
// LedgerModel, expires what is left pending, and holds the stored balances
// to the model's and the whole ledger to `ledger check`. The seed is
// printed so a failure can be replayed with PRAKERJA_LEDGER_MODEL_SEED.
func testLedgerModel(t *testing.T, open Opener) {
	seed := uint64(time.Now().UnixNano())
	if v, err := strconv.ParseUint(os.Getenv("PRAKERJA_LEDGER_MODEL_SEED"), 10, 64); err == nil {
		seed = v
	}
	t.Logf("ledger model seed %d (PRAKERJA_LEDGER_MODEL_SEED=%d replays it)", seed, seed)
	s := open(t)
	n := LedgerModelSequences()
	lw := MustLedgerWave(t, s, n, int64(n)*3_550_000)
	provider := prakerja.SystemAccountID(prakerja.AccountProviderPayable, 1, 0)
	clearing := prakerja.SystemAccountID(prakerja.AccountPayoutClearing, 0, 1)
	mustCreateAccounts(t, s, []prakerja.Account{SystemAccount(provider, prakerja.AccountProviderPayable, 1, "LPP"),
		SystemAccount(clearing, prakerja.AccountPayoutClearing, 0, "BNI")})
	models := make([]*LedgerModel, n)
	var wg sync.WaitGroup
	work := make(chan int)
	for range 8 {
		wg.Go(func() {
			for i := range work {
				models[i] = runModelSequence(t, s, lw, i, seed, provider, clearing)
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	end := AfterClose.Add(365 * 24 * time.Hour)
	for swept := -1; swept != 0; {
		var err error
		swept, err = s.ExpirePending(context.Background(), end, prakerja.LedgerBatchMax)
		must(t, err)
	}
	for i, m := range models {
		if m == nil {
			continue
		}
		m.Expire(end)
		ids := ParticipantAccounts(lw.Participants[i])
		wantModel(t, s, m, ids)
	}
	breaches, err := s.CheckLedger(context.Background(), end, Caps2020)
	must(t, err)
	for _, b := range breaches {
		t.Errorf("seed %d: ledger breach: %s", seed, b)
	}
}

// runModelSequence runs one participant's random batches against the
// store and the model, failing on the first disagreement.
func runModelSequence(t *testing.T, s prakerja.Store, lw *LedgerWave, i int, seed uint64, provider, clearing int64) *LedgerModel {
	reg := lw.Participants[i]
	accts := append(ParticipantAccounts(reg), SystemAccount(lw.Budget, prakerja.AccountBudget, lw.Wave.ID, ""),
		SystemAccount(provider, prakerja.AccountProviderPayable, 1, ""), SystemAccount(clearing, prakerja.AccountPayoutClearing, 0, ""))
	m := NewLedgerModel(accts)
	m.Bal[lw.Budget][3] = 1 << 50 // shared and funded for everyone; never the limit here
	m.Bal[provider][3] = 0
	g := &ModelOps{R: rand.New(rand.NewPCG(seed, uint64(i))), Wave: lw.Wave.ID, Reg: reg, Budget: lw.Budget,
		Provider: provider, Clearing: clearing}
	now := AfterClose
	for step := range 25 {
		now = now.Add(time.Duration(g.R.IntN(90)) * time.Minute)
		batch := g.Next()
		got, err := s.ApplyTransfers(context.Background(), batch, now)
		if err != nil {
			t.Errorf("seed %d sequence %d step %d: %v", seed, i, step, err)
			return nil
		}
		for j, tr := range batch {
			if want := m.Predict(tr, now); want != got[j].OK() {
				t.Errorf("seed %d sequence %d step %d: %s transfer %s got %s, model says ok=%v",
					seed, i, step, tr.Code, tr.ID, got[j], want)
				return nil
			}
		}
	}
	return m
}

// wantModel holds accounts' stored balances to the model's.
func wantModel(t *testing.T, s prakerja.Store, m *LedgerModel, accts []prakerja.Account) {
	ids := make([]int64, len(accts))
	for i, a := range accts {
		ids[i] = a.ID
	}
	got, err := s.LedgerAccounts(context.Background(), ids)
	must(t, err)
	for _, line := range m.Compare(ids, got) {
		t.Error(line)
	}
}
