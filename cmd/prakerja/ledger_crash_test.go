package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqlite"
)

// TestLedgerCreditKill is the crash story of crediting: `ledger credit`
// runs as a process, says which batches of participants it has committed,
// and is killed with SIGKILL after three. Every acknowledged participant
// must then hold all eight credits, the ledger must pass its check even
// half-credited, and a second run must finish the wave posting nothing
// twice.
func TestLedgerCreditKill(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs the credit as a subprocess")
	}
	const n = 8_000 // 8 batches; the kill comes after 3
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	if code, out, errOut := runCmd(t, ctx, nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate exit %d: %s %s", code, out, errOut)
	}
	sch, err := scheme.Builtin("2020")
	if err != nil {
		t.Fatal(err)
	}
	waveID := seedCreditWave(t, dir, n, sch.Total()*n)
	acked := creditUntilKilled(t, dir, waveID, 3)
	store, err := sqlite.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	wantCredited(t, store, acked, sch)
	wantSound(t, store, sch)
	store.Close()

	if code, out, errOut := runCmd(t, ctx, nil, "ledger", "credit", "--wave", fmt.Sprint(waveID), "--data", dir, "--json"); code != 0 {
		t.Fatalf("second credit exit %d: %s %s", code, out, errOut)
	}
	store, err = sqlite.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	wantSound(t, store, sch)
	got, err := store.LedgerAccounts(ctx, []int64{ledger.BudgetAccount(waveID, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if b := got[ledger.BudgetAccount(waveID, 1)]; b.DebitsPosted != sch.Total()*n || b.Balance() != 0 {
		t.Fatalf("budget after the second run: %+v, want exactly Rp %d paid out", b, sch.Total()*n)
	}
}

// seedCreditWave stores a drawn wave of n synthetic participants with a
// budget of budget rupiah and returns its id.
func seedCreditWave(t *testing.T, dir string, n int, budget int64) int64 {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	w, err := seedBenchWave(ctx, store, "Crash test", n, budget)
	if err != nil {
		t.Fatal(err)
	}
	return w.ID
}

// creditUntilKilled starts `ledger credit --acks` and kills it with
// SIGKILL once it has acknowledged batches batches, returning the acked
// ranges of registrations.
func creditUntilKilled(t *testing.T, dir string, waveID int64, batches int) [][2]int64 {
	t.Helper()
	acked, finished := creditKilledAfter(t, dir, waveID, batches, 0)
	if finished {
		t.Fatalf("the credit acknowledged %d batches before it ended, want %d", len(acked), batches)
	}
	return acked
}

// wantCredited fails unless every registration in the acked ranges holds
// its whole entitlement on its three accounts.
func wantCredited(t *testing.T, store prakerja.Store, acked [][2]int64, sch *scheme.Scheme) {
	t.Helper()
	want := map[prakerja.AccountCode]int64{prakerja.AccountTraining: sch.TrainingBalance,
		prakerja.AccountIncentiveLocked: sch.IncentivesTotal(), prakerja.AccountSurveyLocked: sch.SurveysTotal()}
	checked := 0
	for _, r := range acked {
		for reg := r[0]; reg <= r[1]; reg++ {
			ids := make([]int64, 0, len(want))
			for code := range want {
				ids = append(ids, prakerja.ParticipantAccountID(reg, code))
			}
			got, err := store.LedgerAccounts(context.Background(), ids)
			if err != nil {
				t.Fatal(err)
			}
			for code, amount := range want {
				if a := got[prakerja.ParticipantAccountID(reg, code)]; a == nil || a.Balance() != amount {
					t.Fatalf("acknowledged registration %d: %s account %+v, want Rp %d", reg, code, a, amount)
				}
			}
			checked++
		}
	}
	t.Logf("%d acknowledged participants hold their credits after the kill", checked)
}

func wantSound(t *testing.T, store prakerja.Store, sch *scheme.Scheme) {
	t.Helper()
	breaches, err := store.CheckLedger(context.Background(), time.Now().UTC(), ledger.CapsOf([]*scheme.Scheme{sch}))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range breaches {
		t.Error("ledger breach: " + b)
	}
}
