package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

// TestPurchaseDeadline moves time past the first-purchase deadline of two
// participants: the one who bought nothing is revoked (balances returned
// to the treasury, NIK blacklisted, one SMS), the one who bought keeps the
// card. Running the jobs again changes nothing.
func TestPurchaseDeadline(t *testing.T) {
	eachEngine(t, func(t *testing.T, open opener) {
		e := newEnvOn(t, open(t), 2)
		ctx := context.Background()
		idle, buyer := e.ids[0], e.ids[1]
		deadline := T0.AddDate(0, 0, 30)
		must(t, e.store.EnqueueJobs(ctx, []prakerja.Job{prakerja.PurchaseDeadlineJob(idle, e.wave.ID, deadline, T0),
			prakerja.PurchaseDeadlineJob(buyer, e.wave.ID, deadline, T0)}, T0))
		e.purchase(t, buyer, 400_000, T0.AddDate(0, 0, 3))
		if sum := e.runAt(t, deadline.Add(-time.Second)); sum.Claimed != 0 {
			t.Fatalf("jobs ran before the deadline: %+v", sum)
		}
		if sum := e.runAt(t, deadline); sum.Done != 2 {
			t.Fatalf("at the deadline: %+v, want 2 done", sum)
		}
		subj, err := e.store.JobSubject(ctx, idle)
		must(t, err)
		if !subj.RevokedAt.Equal(deadline) {
			t.Fatalf("idle participant revoked at %v, want %v", subj.RevokedAt, deadline)
		}
		zero := map[prakerja.AccountCode]int64{prakerja.AccountTraining: 0, prakerja.AccountIncentiveLocked: 0,
			prakerja.AccountIncentiveAvailable: 0, prakerja.AccountSurveyLocked: 0, prakerja.AccountSurveyAvailable: 0}
		if diff := cmp.Diff(zero, e.balances(t, idle)); diff != "" {
			t.Fatalf("revoked balances (-want +got):\n%s", diff)
		}
		if got := e.treasury(t); got != total {
			t.Fatalf("treasury = %d, want %d", got, total)
		}
		if b, err := e.store.JobSubject(ctx, buyer); err != nil || !b.RevokedAt.IsZero() {
			t.Fatalf("buyer revoked: %+v, %v", b, err)
		}
		if got := e.balances(t, buyer)[prakerja.AccountTraining]; got != training-400_000 {
			t.Fatalf("buyer's training balance = %d", got)
		}
		wantRevokedSMS(t, e, idle, 1)
		found, err := e.store.ScreenExclusions(ctx, [][]byte{subj.NIKIndex})
		must(t, err)
		if got := found[string(subj.NIKIndex)]; !cmp.Equal(got, []string{prakerja.ExclusionRevoked}) {
			t.Fatalf("screening of the revoked NIK = %v", got)
		}
		// Again, and with the same job scheduled under another key: nothing
		// more moves and no second SMS goes out.
		again := prakerja.PurchaseDeadlineJob(idle, e.wave.ID, deadline, T0)
		again.Key = "again"
		must(t, e.store.EnqueueJobs(ctx, []prakerja.Job{again}, T0))
		if sum := e.runAt(t, deadline.Add(time.Hour)); sum.Done != 1 {
			t.Fatalf("rerun: %+v", sum)
		}
		if got := e.treasury(t); got != total {
			t.Fatalf("treasury after a rerun = %d, want %d", got, total)
		}
		wantRevokedSMS(t, e, idle, 1)
	})
}

// TestPurchaseRefunded checks that a purchase refunded before the deadline
// does not count: the card is revoked.
func TestPurchaseRefunded(t *testing.T) {
	e := newEnv(t, 1)
	ctx := context.Background()
	id := e.ids[0]
	bought := e.purchase(t, id, 250_000, T0.Add(time.Hour))
	mustResults(t, "refund", func() ([]prakerja.TransferResult, error) {
		return e.store.ApplyTransfers(ctx, []prakerja.Transfer{{ID: prakerja.NewTransferID(T0.Add(2 * time.Hour)),
			DebitAccount: payable, CreditAccount: prakerja.ParticipantAccountID(id, prakerja.AccountTraining),
			Amount: 250_000, Ref: bought, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferRefund}}, T0.Add(2*time.Hour))
	})
	deadline := T0.AddDate(0, 0, 30)
	must(t, e.store.EnqueueJobs(ctx, []prakerja.Job{prakerja.PurchaseDeadlineJob(id, e.wave.ID, deadline, T0)}, T0))
	e.runAt(t, deadline)
	subj, err := e.store.JobSubject(ctx, id)
	must(t, err)
	if subj.RevokedAt.IsZero() {
		t.Fatal("a participant whose only purchase was refunded kept the card")
	}
	if got := e.treasury(t); got != total {
		t.Fatalf("treasury = %d, want %d", got, total)
	}
}

// wantRevokedSMS fails unless id has want revocation messages, in Bahasa
// Indonesia.
func wantRevokedSMS(t *testing.T, e *env, id int64, want int) {
	t.Helper()
	msgs, err := e.store.Messages(context.Background(), prakerja.MessageFilter{RegistrationID: id,
		Template: notify.TemplateCardRevoked})
	must(t, err)
	if len(msgs) != want {
		t.Fatalf("%d revocation SMS, want %d", len(msgs), want)
	}
	for _, m := range msgs {
		if m.Channel != prakerja.ChannelSMS || m.Locale != notify.LocaleID {
			t.Fatalf("revocation message %+v", m)
		}
	}
}

// TestPurchaseReservations checks reservations: one voided does not count
// (revoked), one posted does (kept).
func TestPurchaseReservations(t *testing.T) {
	e := newEnv(t, 2)
	ctx := context.Background()
	voided, posted := e.ids[0], e.ids[1]
	for i, id := range e.ids {
		at := T0.Add(time.Duration(i+1) * time.Hour)
		pending := prakerja.Transfer{ID: prakerja.NewTransferID(at), DebitAccount: prakerja.ParticipantAccountID(id, prakerja.AccountTraining),
			CreditAccount: payable, Amount: 200_000, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferPurchase,
			Flags: prakerja.TransferPending, Timeout: time.Hour}
		resolve := prakerja.Transfer{ID: prakerja.NewTransferID(at.Add(time.Minute)), Ref: pending.ID, Flags: prakerja.TransferPostPending}
		if id == voided {
			resolve.Flags = prakerja.TransferVoidPending
		}
		mustResults(t, "reserve and resolve", func() ([]prakerja.TransferResult, error) {
			return e.store.ApplyTransfers(ctx, []prakerja.Transfer{pending, resolve}, at)
		})
	}
	deadline := T0.AddDate(0, 0, 30)
	must(t, e.store.EnqueueJobs(ctx, []prakerja.Job{prakerja.PurchaseDeadlineJob(voided, e.wave.ID, deadline, T0),
		prakerja.PurchaseDeadlineJob(posted, e.wave.ID, deadline, T0)}, T0))
	e.runAt(t, deadline)
	for id, wantRevoked := range map[int64]bool{voided: true, posted: false} {
		subj, err := e.store.JobSubject(ctx, id)
		must(t, err)
		if got := !subj.RevokedAt.IsZero(); got != wantRevoked {
			t.Fatalf("registration %d revoked = %v, want %v", id, got, wantRevoked)
		}
	}
}
