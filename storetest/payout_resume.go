package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/prakerja/prakerja"
)

// testPayoutResume kills a prepare part-way, as a crash between its
// page-sized transactions would: the run stays "preparing", which neither
// approval nor refusal accepts, and the next prepare, by another operator
// with a later cutoff, resumes that run under its own cutoff and maker,
// reserving each remaining slot once and none twice.
func testPayoutResume(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	e := newPayoutEnv(t, s, 24)
	cutoff := e.clock.Now()
	run := &prakerja.PayoutRun{Cutoff: cutoff, FileItemsMax: 7, PreparedBy: "maker", CreatedAt: cutoff}
	resumed, err := s.CreatePayoutRun(ctx, run)
	must(t, err)
	if resumed || run.State != prakerja.PayoutRunPreparing {
		t.Fatalf("new run: resumed %v, %+v; want a new preparing run", resumed, run)
	}
	partial := reserveFirst(t, e, run.ID, 10)
	wantRun(t, s, run.ID, prakerja.PayoutRunPreparing, 0)
	_, err = s.ApproveRun(ctx, run.ID, "checker", e.clock.Now())
	WantCode(t, err, prakerja.CodePayoutRunState)
	_, err = s.RefuseRun(ctx, run.ID, "checker", e.clock.Now())
	WantCode(t, err, prakerja.CodePayoutRunState)

	again := &prakerja.PayoutRun{Cutoff: cutoff.Add(1e9), FileItemsMax: 9, PreparedBy: "other", CreatedAt: cutoff}
	if resumed, err := s.CreatePayoutRun(ctx, again); err != nil || !resumed || again.ID != run.ID || !again.Cutoff.Equal(cutoff) {
		t.Fatalf("second create: resumed %v, %+v, %v; want run %d with its cutoff", resumed, again, err, run.ID)
	}
	sum, err := e.svc.Prepare(ctx, "other", cutoff.Add(1e9), nil)
	must(t, err)
	if !sum.Resumed || sum.RunID != run.ID || sum.Reserved != 46 || sum.Total != 23*650_000 || sum.Run.PreparedBy != "maker" {
		t.Fatalf("resumed prepare after %d reservations: %+v %+v; want run %d, 46 reserved", partial, sum, sum.Run, run.ID)
	}
	wantRun(t, s, run.ID, prakerja.PayoutRunPrepared, 46)
	wantSlotsOnce(t, s, run.ID, 46)
	_, err = s.FinishRun(ctx, run.ID, "maker", e.clock.Now())
	WantCode(t, err, prakerja.CodePayoutRunState)
	if runs, err := s.PayoutRuns(ctx, 10); err != nil || len(runs) != 1 {
		t.Fatalf("%d runs, %v; want the one resumed", len(runs), err)
	}
	wantAudited(t, s, map[string]string{prakerja.AuditPayoutPrepared: "maker"})
	WantLedgerSound(t, s)
	_, _, err = e.svc.Approve(ctx, run.ID, "other") // finished it: a maker too
	WantCode(t, err, prakerja.CodePayoutSameOperator)
	if _, _, err := e.svc.Approve(ctx, run.ID, "checker"); err != nil {
		t.Fatalf("approve the resumed run: %v", err)
	}
}

// reserveFirst reserves the first n due slots with an account for runID,
// as the first page of an interrupted prepare, and returns how many.
func reserveFirst(t *testing.T, e *payoutEnv, runID int64, n int) int {
	t.Helper()
	ctx := context.Background()
	var accounts []prakerja.Account
	for i := range prakerja.PayoutProviders {
		p := &prakerja.PayoutProviders[i]
		accounts = append(accounts, prakerja.Account{ID: prakerja.ClearingAccountID(p), Ledger: prakerja.LedgerIDR,
			Code: prakerja.AccountPayoutClearing, Name: "Payout clearing " + p.Code, CreatedAt: e.clock.Now()})
	}
	_, err := e.s.CreateAccounts(ctx, accounts, e.clock.Now())
	must(t, err)
	due, err := e.s.DueSlots(ctx, e.clock.Now(), 0, n)
	must(t, err)
	var ps []*prakerja.Payment
	for _, d := range due {
		if d.AccountID != 0 {
			ps = append(ps, &prakerja.Payment{RegistrationID: d.RegistrationID, Kind: d.Kind, Slot: d.Slot,
				Attempt: d.Attempt, Amount: d.Amount, Provider: d.Provider, PayoutAccountID: d.AccountID,
				Reference: prakerja.PaymentReference(d.RegistrationID, d.Kind, d.Slot),
				PendingID: prakerja.PayoutID(d.RegistrationID, d.Kind, d.Slot, d.Attempt)})
		}
	}
	refused, err := e.s.ReservePayments(ctx, runID, ps, e.clock.Now())
	must(t, err)
	if len(ps) == 0 || len(refused) > 0 {
		t.Fatalf("partial prepare reserved %d, refused %v", len(ps), refused)
	}
	return len(ps)
}

// wantRun wants a run in a state with a recorded payment count.
func wantRun(t *testing.T, s prakerja.Store, id int64, state prakerja.PayoutRunState, payments int64) {
	t.Helper()
	r, err := s.PayoutRun(context.Background(), id)
	must(t, err)
	if r.State != state || r.Payments != payments {
		t.Fatalf("run %d is %s with %d payments, want %s with %d", id, r.State, r.Payments, state, payments)
	}
}

// wantSlotsOnce wants n payments in the run, no slot paid twice.
func wantSlotsOnce(t *testing.T, s prakerja.Store, runID int64, n int) {
	t.Helper()
	ps, err := s.Payments(context.Background(), prakerja.PaymentFilter{RunID: runID})
	must(t, err)
	seen := map[string]bool{}
	for _, p := range ps {
		k := fmt.Sprintf("%d/%d/%d", p.RegistrationID, p.Kind, p.Slot)
		if seen[k] {
			t.Fatalf("slot %s reserved twice", k)
		}
		seen[k] = true
	}
	if len(seen) != n {
		t.Fatalf("%d slots reserved, want %d", len(seen), n)
	}
}
