package jobs_test

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// TestProgrammeEnd forfeits the unspent training balances of a wave at
// the programme end, skipping a revoked (empty) card, and does nothing
// more when run again.
func TestProgrammeEnd(t *testing.T) {
	eachEngine(t, func(t *testing.T, open opener) {
		e := newEnvOn(t, open(t), 3)
		ctx := context.Background()
		spender, idle, revoked := e.ids[0], e.ids[1], e.ids[2]
		e.purchase(t, spender, 700_000, T0)
		must(t, e.store.EnqueueJobs(ctx, []prakerja.Job{prakerja.PurchaseDeadlineJob(revoked, e.wave.ID, T0, T0)}, T0))
		e.runAt(t, T0)
		end := testScheme(t).ProgrammeEndsAt()
		must(t, e.store.EnqueueJobs(ctx, []prakerja.Job{prakerja.ProgrammeEndJob(e.wave.ID, end, T0)}, T0))
		for range 2 {
			e.runAt(t, end)
			for _, id := range e.ids {
				if got := e.balances(t, id)[prakerja.AccountTraining]; got != 0 {
					t.Fatalf("registration %d keeps %d training balance after the end", id, got)
				}
			}
			if got, want := e.treasury(t), int64(total+300_000+training); got != want {
				t.Fatalf("treasury = %d, want %d", got, want)
			}
		}
		if got := e.balances(t, idle)[prakerja.AccountIncentiveLocked]; got != 4*incentive {
			t.Fatalf("programme end touched the incentives: %d", got)
		}
		forfeit, err := e.store.LedgerTransfer(ctx, prakerja.ForfeitID(spender))
		must(t, err)
		if forfeit.Amount != 300_000 || forfeit.Code != prakerja.TransferForfeit {
			t.Fatalf("forfeit = %+v", forfeit)
		}
	})
}
