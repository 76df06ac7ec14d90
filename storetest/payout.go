package storetest

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/audit"
	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/iso20022"
)

// PayoutOrders is how many random orders of answer files testPayouts
// tries, each on a fresh store: PRAKERJA_PAYOUT_ORDERS, 4 by default (CI
// runs more). PRAKERJA_PAYOUT_ORDER_SEED replays one printed seed.
func PayoutOrders() int {
	if n, err := strconv.Atoi(os.Getenv("PRAKERJA_PAYOUT_ORDERS")); err == nil && n > 0 {
		return n
	}
	return 4
}

// testPayouts runs monthly payouts end to end: a run reserves every due
// slot once, needs a second operator, writes files that agree with the
// ledger, and answers ingested in any order and any number of times post
// or void each payment at most once; reconciliation then balances. The
// first store then goes on to a retry and a contradicting report.
func testPayouts(t *testing.T, open Opener) {
	t.Run("Resume", func(t *testing.T) { testPayoutResume(t, open(t)) })
	for k := range PayoutOrders() {
		seed := rand.Uint64()
		if s, err := strconv.ParseUint(os.Getenv("PRAKERJA_PAYOUT_ORDER_SEED"), 10, 64); err == nil {
			seed = s
		}
		// Each order is a subtest so its store closes when it ends: 25
		// stores held to the end of the test exhausted PostgreSQL's clients.
		t.Run(fmt.Sprintf("Order%d", k), func(t *testing.T) {
			e, runID := testPayoutOrder(t, open(t), seed)
			if k == 0 {
				testPayoutRetry(t, e)
				testPayoutConflicts(t, e, runID)
			}
		})
	}
}

// testPayoutOrder makes, approves and answers one run, and ingests the
// answers (status reports and statements, each one to three times) in the
// order seed shuffles them to.
func testPayoutOrder(t *testing.T, s prakerja.Store, seed uint64) (*payoutEnv, int64) {
	ctx := context.Background()
	e := newPayoutEnv(t, s, 24)
	sum, err := e.svc.Prepare(ctx, "maker", e.clock.Now(), nil)
	must(t, err)
	if sum.Reserved != 46 || sum.WaitingAccount != 2 || sum.Total != 23*650_000 {
		t.Fatalf("prepare: %+v, want 46 reserved, 2 waiting for an account", sum)
	}
	if again, err := e.svc.Prepare(ctx, "maker", e.clock.Now(), nil); err != nil || again.Reserved != 0 {
		t.Fatalf("second prepare reserved %+v, %v; want nothing", again, err)
	}
	_, _, err = e.svc.Approve(ctx, sum.RunID, "maker")
	WantCode(t, err, prakerja.CodePayoutSameOperator)
	run, files, err := e.svc.Approve(ctx, sum.RunID, "checker")
	must(t, err)
	if run.Files != int64(len(files)) || len(files) < 8 {
		t.Fatalf("approve wrote %d files, run says %d", len(files), run.Files)
	}
	answers := e.answers(t, sum.RunID, banksim.Config{RejectRate: 0.25, SilenceRate: 0.1, Seed: int64(seed % 1000)})
	t.Logf("ingest order seed %d (PRAKERJA_PAYOUT_ORDER_SEED replays it)", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	var order [][]byte
	for _, a := range answers {
		for range 1 + rng.IntN(3) {
			order = append(order, a)
		}
	}
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for _, a := range order {
		_, err := e.svc.Ingest(ctx, a)
		must(t, err)
	}
	wantPaidOnce(t, e)
	WantLedgerSound(t, e.s)
	rep, err := e.svc.Reconcile(ctx)
	must(t, err)
	if !rep.Clean || rep.Matched+rep.Rejected+rep.Unknown != 46 || rep.Rejected == 0 {
		t.Fatalf("seed %d: reconcile: %+v", seed, rep)
	}
	wantAudited(t, e.s, map[string]string{prakerja.AuditPayoutPrepared: "maker", prakerja.AuditPayoutApproved: "checker",
		prakerja.AuditPayoutFile: "system", prakerja.AuditPayoutIngested: "system", prakerja.AuditPayoutReconciled: "system"})
	return e, sum.RunID
}

// wantPaidOnce checks every payment against the ledger: a paid one has
// its post and no void, a rejected one its void and no post.
func wantPaidOnce(t *testing.T, e *payoutEnv) {
	t.Helper()
	ps, err := e.s.Payments(context.Background(), prakerja.PaymentFilter{Limit: prakerja.PaymentsPageMax})
	must(t, err)
	for _, p := range ps {
		_, postErr := e.s.LedgerTransfer(context.Background(), prakerja.PostID(p.PendingID))
		_, voidErr := e.s.LedgerTransfer(context.Background(), prakerja.VoidID(p.PendingID))
		posted, voided := postErr == nil, voidErr == nil
		switch {
		case p.State == prakerja.PaymentPaid && (!posted || voided),
			p.State == prakerja.PaymentRejected && (posted || !voided || p.Reason == ""),
			p.State == prakerja.PaymentSent && (posted || voided):
			t.Errorf("payment %d is %s with post %v, void %v", p.ID, p.State, posted, voided)
		}
	}
}

// testPayoutRetry: a participant's rejected slots wait until they link a
// new account, then a later run pays them by new attempts (the third: the
// second was in a refused run); a refused run gives every reservation
// back.
func testPayoutRetry(t *testing.T, e *payoutEnv) {
	ctx := context.Background()
	rejected, err := e.s.Payments(ctx, prakerja.PaymentFilter{State: prakerja.PaymentRejected, Limit: 1})
	must(t, err)
	if len(rejected) != 1 {
		t.Fatal("no rejected payment to retry")
	}
	p := rejected[0]
	mine, err := e.s.Payments(ctx, prakerja.PaymentFilter{RegistrationID: p.RegistrationID, State: prakerja.PaymentRejected})
	must(t, err)
	want := int64(len(mine)) // incentive, survey or both
	e.clock.Set(e.clock.Now().Add(time.Hour))
	if sum, err := e.svc.Prepare(ctx, "maker", e.clock.Now(), nil); err != nil || sum.Reserved != 0 {
		t.Fatalf("a rejected slot was retried before its account changed: %+v, %v", sum, err)
	}
	e.link(t, p.RegistrationID, 0)
	wantRelinkAudited(t, e.s, p.RegistrationID)
	sum, err := e.svc.Prepare(ctx, "maker", e.clock.Now(), nil)
	must(t, err)
	if sum.Reserved != want {
		t.Fatalf("retry reserved %d, want the %d slots of the fixed account", sum.Reserved, want)
	}
	refused, err := e.svc.Refuse(ctx, sum.RunID, "checker")
	must(t, err)
	if refused.State != prakerja.PayoutRunRefused {
		t.Fatalf("run state %s", refused.State)
	}
	sum, err = e.svc.Prepare(ctx, "maker", e.clock.Now(), nil)
	must(t, err)
	if sum.Reserved != want {
		t.Fatalf("after a refused run, %d reserved; want %d", sum.Reserved, want)
	}
	_, _, err = e.svc.Approve(ctx, sum.RunID, "checker")
	must(t, err)
	for _, a := range e.answers(t, sum.RunID, banksim.Config{Seed: 1}) {
		_, err := e.svc.Ingest(ctx, a)
		must(t, err)
	}
	got, err := e.s.Payments(ctx, prakerja.PaymentFilter{RunID: sum.RunID})
	must(t, err)
	for _, g := range got {
		if int64(len(got)) != want || g.State != prakerja.PaymentPaid || g.Attempt != p.Attempt+2 || g.RegistrationID != p.RegistrationID {
			t.Fatalf("retry: %d payments, %+v (was attempt %d)", len(got), *g, p.Attempt)
		}
	}
	wantPaidOnce(t, e)
	WantLedgerSound(t, e.s)
	rep, err := e.svc.Reconcile(ctx)
	must(t, err)
	if !rep.Clean {
		t.Fatalf("reconcile after retry: %+v", rep.Mismatched)
	}
}

// testPayoutConflicts ingests a partner's second report that contradicts
// the first (paid ones rejected, rejected ones accepted): nothing moves,
// every such line is a conflict, and reconciliation says so.
func testPayoutConflicts(t *testing.T, e *payoutEnv, runID int64) {
	ctx := context.Background()
	ps, err := e.s.Payments(ctx, prakerja.PaymentFilter{RunID: runID, Limit: prakerja.PaymentsPageMax})
	must(t, err)
	report := &iso20022.StatusReport{MsgID: "CONFLICT-1", Created: e.clock.Now(), OrgnlMsgID: "PKJ-R1",
		OrgnlMsgNmID: "pain.001.001.09", OrgnlPmtInfID: "PKJ-R1"}
	flips := 0
	for _, p := range ps {
		switch p.State {
		case prakerja.PaymentPaid:
			report.Items = append(report.Items, iso20022.TxStatus{OrgnlInstrID: p.InstrID(), OrgnlEndToEndID: p.Reference,
				Status: iso20022.StatusRejected, Reason: "AC04"})
		case prakerja.PaymentRejected:
			report.Items = append(report.Items, iso20022.TxStatus{OrgnlInstrID: p.InstrID(), OrgnlEndToEndID: p.Reference,
				Status: iso20022.StatusAccepted})
		default:
			continue
		}
		flips++
	}
	report.Items = append(report.Items, iso20022.TxStatus{OrgnlInstrID: "PKJ999999999999I1-1", OrgnlEndToEndID: "PKJ999999999999I1",
		Status: iso20022.StatusAccepted})
	out, err := e.svc.Ingest(ctx, encode(t, func(b *bytes.Buffer) error { return iso20022.WritePain002(b, report) }))
	must(t, err)
	if out.Conflicts != int64(flips) || out.Unknown != 1 || out.Posted+out.Voided != 0 {
		t.Fatalf("contradicting report: %+v, want %d conflicts and 1 unknown", out, flips)
	}
	wantPaidOnce(t, e)
	WantLedgerSound(t, e.s)
	rep, err := e.svc.Reconcile(ctx)
	must(t, err)
	if rep.Clean || rep.Exceptions[prakerja.OutcomeConflict] != int64(flips) {
		t.Fatalf("reconcile after conflicts: clean %v, exceptions %v", rep.Clean, rep.Exceptions)
	}
}

// wantAudited wants the audit chain intact and holding each action, by
// its actor.
func wantAudited(t *testing.T, s prakerja.Store, actions map[string]string) {
	t.Helper()
	r, err := audit.Verify(context.Background(), s, nil)
	must(t, err)
	if len(r.Breaches) > 0 {
		t.Fatalf("audit chain: %v", r.Breaches)
	}
	entries, err := s.AuditEntries(context.Background(), 0, prakerja.AuditPageMax)
	must(t, err)
	seen := map[string]bool{}
	for _, e := range entries {
		if actions[e.Action] == e.Actor {
			seen[e.Action] = true
		}
	}
	for action, actor := range actions {
		if !seen[action] {
			t.Errorf("no %s record by %s in the audit log", action, actor)
		}
	}
}

// wantRelinkAudited wants a changed account recorded as events, newest
// first: the new one linked, the old one unlinked, both requested.
func wantRelinkAudited(t *testing.T, s prakerja.Store, reg int64) {
	t.Helper()
	events, err := s.PayoutAccountEvents(context.Background(), reg)
	must(t, err)
	var got []string
	for _, ev := range events {
		got = append(got, ev.Event)
	}
	want := []string{"linked", "unlinked", "requested", "linked", "requested"}
	if len(got) != len(want) {
		t.Fatalf("account events %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("account events %v, want %v", got, want)
		}
	}
}
