package jobs_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/sqlite"
	"github.com/prakerja/prakerja/storetest"
)

// Amounts of the 2020 scheme, which the wave fixtures use.
const (
	training  = 1_000_000
	incentive = 600_000
	survey    = 50_000
	total     = training + 4*incentive + 3*survey
)

// T0 is the tests' "now", the storetest fixtures' instant.
var T0 = storetest.T0

// env is one test's store, clock, runner and service around a wave of
// credited participants.
type env struct {
	store  *sqldb.Store
	clock  *mock.Clock
	runner *jobs.Runner
	svc    *jobs.Service
	wave   *prakerja.Wave
	ids    []int64
}

// newEnv opens a fresh SQLite store with a wave of n participants, each
// credited with the 2020 scheme's entitlements. The scheme's programme end
// is moved to 2025-12-15, after the fixtures' wave.
func newEnv(t *testing.T, n int) *env {
	t.Helper()
	return newEnvOn(t, openSQLite(t), n)
}

// newEnvOn is newEnv on a given store.
func newEnvOn(t *testing.T, store *sqldb.Store, n int) *env {
	t.Helper()
	sch := testScheme(t)
	keys, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{store: store, clock: mock.NewClock(T0)}
	e.wave, e.ids = storetest.MustParticipants(t, store, n)
	e.runner, err = jobs.New(jobs.Deps{Store: store, Clock: e.clock, Keys: keys, Scheme: sch},
		jobs.Config{Interval: 10 * time.Millisecond, Batch: 3})
	if err != nil {
		t.Fatal(err)
	}
	e.svc = jobs.NewService(store, sch)
	credit(t, store, e.wave.ID, e.ids)
	return e
}

func testScheme(t *testing.T) *scheme.Scheme {
	t.Helper()
	base, err := scheme.Builtin("2020")
	if err != nil {
		t.Fatal(err)
	}
	sch := base.Clone()
	if sch.ProgrammeEnd, err = scheme.ParseDate("2025-12-15"); err != nil {
		t.Fatal(err)
	}
	return sch
}

func openSQLite(t *testing.T) *sqldb.Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	if _, _, err := sqlite.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// credit funds the wave's budget and credits every participant as the
// wave credit would: training spendable, incentives and surveys locked.
func credit(t *testing.T, s *sqldb.Store, waveID int64, ids []int64) {
	t.Helper()
	funding := prakerja.SystemAccountID(prakerja.AccountFunding, 0, 1)
	budget := prakerja.SystemAccountID(prakerja.AccountBudget, waveID, 1)
	accounts := []prakerja.Account{
		{ID: funding, Ledger: prakerja.LedgerIDR, Code: prakerja.AccountFunding, Name: "APBN test"},
		{ID: budget, Ledger: prakerja.LedgerIDR, Code: prakerja.AccountBudget, Owner: waveID,
			Flags: prakerja.DebitsMustNotExceedCredits},
		{ID: payable, Ledger: prakerja.LedgerIDR, Code: prakerja.AccountProviderPayable, Owner: 1},
	}
	transfers := []prakerja.Transfer{{ID: prakerja.FundID(waveID, 1, 1), DebitAccount: funding, CreditAccount: budget,
		Amount: int64(len(ids)) * total, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferFund}}
	for _, id := range ids {
		for _, code := range prakerja.ParticipantAccountCodes {
			accounts = append(accounts, prakerja.Account{ID: prakerja.ParticipantAccountID(id, code),
				Ledger: prakerja.LedgerIDR, Code: code, Owner: id, Flags: prakerja.DebitsMustNotExceedCredits})
		}
		transfers = append(transfers, creditOf(waveID, id, budget, prakerja.TransferCreditTraining, prakerja.AccountTraining, 1, training))
		for slot := 1; slot <= 4; slot++ {
			transfers = append(transfers, creditOf(waveID, id, budget, prakerja.TransferCreditIncentive, prakerja.AccountIncentiveLocked, slot, incentive))
		}
		for slot := 1; slot <= 3; slot++ {
			transfers = append(transfers, creditOf(waveID, id, budget, prakerja.TransferCreditSurvey, prakerja.AccountSurveyLocked, slot, survey))
		}
	}
	mustResults(t, "accounts", func() ([]prakerja.TransferResult, error) {
		return s.CreateAccounts(context.Background(), accounts, T0)
	})
	mustResults(t, "credit", func() ([]prakerja.TransferResult, error) {
		return s.ApplyTransfers(context.Background(), transfers, T0)
	})
}

// payable is the provider account purchases pay into.
var payable = prakerja.SystemAccountID(prakerja.AccountProviderPayable, 1, 0)

func creditOf(waveID, id, budget int64, code prakerja.TransferCode, to prakerja.AccountCode, slot int, amount int64) prakerja.Transfer {
	return prakerja.Transfer{ID: prakerja.CreditID(waveID, id, code, slot), DebitAccount: budget,
		CreditAccount: prakerja.ParticipantAccountID(id, to), Amount: amount, Ledger: prakerja.LedgerIDR, Code: code}
}

// mustResults fails unless every result is created or exists.
func mustResults(t *testing.T, what string, apply func() ([]prakerja.TransferResult, error)) {
	t.Helper()
	results, err := apply()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for i, r := range results {
		if !r.OK() {
			t.Fatalf("%s: item %d: %s", what, i, r)
		}
	}
}

// purchase buys training for amount from the participant's balance and
// returns the transfer's id.
func (e *env) purchase(t *testing.T, id, amount int64, at time.Time) prakerja.TransferID {
	t.Helper()
	tid := prakerja.NewTransferID(at)
	mustResults(t, "purchase", func() ([]prakerja.TransferResult, error) {
		return e.store.ApplyTransfers(context.Background(), []prakerja.Transfer{{ID: tid,
			DebitAccount: prakerja.ParticipantAccountID(id, prakerja.AccountTraining), CreditAccount: payable,
			Amount: amount, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferPurchase}}, at)
	})
	return tid
}

// balances returns a participant's balances by account code.
func (e *env) balances(t *testing.T, id int64) map[prakerja.AccountCode]int64 {
	t.Helper()
	ids := make([]int64, 0, len(prakerja.ParticipantAccountCodes))
	for _, code := range prakerja.ParticipantAccountCodes {
		ids = append(ids, prakerja.ParticipantAccountID(id, code))
	}
	accounts, err := e.store.LedgerAccounts(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	out := map[prakerja.AccountCode]int64{}
	for _, a := range accounts {
		out[a.Code] = a.Balance()
	}
	return out
}

// treasury returns the wave's treasury-return balance (credit-normal).
func (e *env) treasury(t *testing.T) int64 {
	t.Helper()
	id := prakerja.SystemAccountID(prakerja.AccountTreasuryReturn, e.wave.ID, 0)
	accounts, err := e.store.LedgerAccounts(context.Background(), []int64{id})
	if err != nil {
		t.Fatal(err)
	}
	if accounts[id] == nil {
		return 0
	}
	return accounts[id].Balance()
}

// runAt moves the clock to at and runs every job due then.
func (e *env) runAt(t *testing.T, at time.Time) jobs.Summary {
	t.Helper()
	e.clock.Set(at)
	sum, err := e.runner.RunDue(context.Background(), e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 0 {
		list, _ := e.store.Jobs(context.Background(), prakerja.JobFilter{})
		for _, j := range list {
			if j.LastError != "" {
				t.Logf("job %d %s: %s", j.ID, j.Kind, j.LastError)
			}
		}
		t.Fatalf("run at %v: %+v", at, sum)
	}
	return sum
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
