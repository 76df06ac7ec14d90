package http

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// payoutOpsStore is a fake of the four payout reads /ops/payouts makes,
// on top of idemStore; it records the bounds the page asks for. Its
// payments carry an account number and a creditor name, which the page
// must never show.
type payoutOpsStore struct {
	*idemStore
	mu         sync.Mutex
	funnel     *prakerja.PayoutFunnel
	runs       []*prakerja.PayoutRun
	unanswered []*prakerja.Payment
	lines      []prakerja.PaymentResultLine
	runsLimit  int
	unansLimit int
	olderThan  time.Time
	linesLimit int
}

func (s *payoutOpsStore) PayoutFunnel(context.Context) (*prakerja.PayoutFunnel, error) {
	return s.funnel, nil
}

func (s *payoutOpsStore) PayoutRuns(_ context.Context, limit int) ([]*prakerja.PayoutRun, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.runsLimit = limit
	return s.runs[:min(limit, len(s.runs))], nil
}

func (s *payoutOpsStore) UnansweredPayments(_ context.Context, olderThan time.Time, limit int) ([]*prakerja.Payment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.olderThan, s.unansLimit = olderThan, limit
	var out []*prakerja.Payment
	for _, p := range s.unanswered {
		if p.SentAt.Before(olderThan) && len(out) < limit {
			out = append(out, p)
		}
	}
	return out, nil
}

func (s *payoutOpsStore) ResultExceptions(_ context.Context, limit int) ([]prakerja.PaymentResultLine, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.linesLimit = limit
	return s.lines[:min(limit, len(s.lines))], nil
}

// newPayoutOpsStore holds a funnel, three runs (approved, refused, waiting
// for its checker), two unanswered payments and two exception lines.
func newPayoutOpsStore() *payoutOpsStore {
	secret := func(p *prakerja.Payment) *prakerja.Payment {
		p.AccountNumber = prakerja.Sealed{Ciphertext: []byte("sealed-0123456789")}
		p.CreditorName = "SITI AMINAH"
		return p
	}
	return &payoutOpsStore{idemStore: newIdemStore(),
		funnel: &prakerja.PayoutFunnel{
			ByState: map[prakerja.PaymentState]int64{prakerja.PaymentSent: 2, prakerja.PaymentPaid: 7,
				prakerja.PaymentRejected: 3},
			AmountByState: map[prakerja.PaymentState]int64{prakerja.PaymentSent: 1_200_000, prakerja.PaymentPaid: 4_200_000,
				prakerja.PaymentRejected: 1_800_000},
			Settled: 5, AccountsLinked: 11,
			AccountsRefused: map[string]int64{string(prakerja.CodePayoutNIKMismatch): 4, "payout_legacy_reason": 1},
		},
		runs: []*prakerja.PayoutRun{
			{ID: 3, State: prakerja.PayoutRunPrepared, PreparedBy: "Budi", Payments: 4, Total: 2_400_000, CreatedAt: testNow},
			{ID: 2, State: prakerja.PayoutRunRefused, PreparedBy: "Budi", ApprovedBy: "Ani", Payments: 1, Total: 600_000,
				CreatedAt: testNow.Add(-48 * time.Hour), ApprovedAt: testNow.Add(-47 * time.Hour)},
			{ID: 1, State: prakerja.PayoutRunApproved, PreparedBy: "Citra", ApprovedBy: "Dewi", Payments: 12, Total: 7_200_000,
				Files: 2, CreatedAt: testNow.Add(-100 * time.Hour), ApprovedAt: testNow.Add(-99 * time.Hour)},
		},
		unanswered: []*prakerja.Payment{
			secret(&prakerja.Payment{ID: 8, RunID: 1, RegistrationID: 42, Kind: prakerja.TransferUnlockIncentive, Slot: 1,
				Attempt: 1, Amount: 600_000, Provider: "BNI", State: prakerja.PaymentSent,
				Reference: prakerja.PaymentReference(42, prakerja.TransferUnlockIncentive, 1), SentAt: testNow.Add(-(76 * time.Hour))}),
			secret(&prakerja.Payment{ID: 9, RunID: 1, RegistrationID: 43, Kind: prakerja.TransferUnlockSurvey, Slot: 2,
				Attempt: 2, Amount: 50_000, Provider: "OVO", State: prakerja.PaymentSent,
				Reference: prakerja.PaymentReference(43, prakerja.TransferUnlockSurvey, 2), SentAt: testNow.Add(-90 * time.Minute)}),
		},
		lines: []prakerja.PaymentResultLine{
			{ID: 5, ResultFileID: 2, InstrID: "PKJ999999999999I1-1", Status: "ACSC", Amount: 600_000, Outcome: prakerja.OutcomeUnknown},
			{ID: 4, ResultFileID: 2, PaymentID: 7, InstrID: "PKJ000000000044I1-1", Status: "RJCT", Reason: "AC04",
				Amount: 600_000, Outcome: prakerja.OutcomeConflict},
		},
	}
}

// TestOpsPayoutsPage renders /ops/payouts in both languages from a fake
// store: the funnel with rupiah amounts and translated refusals, the runs
// with maker and checker, the unanswered payments with their age, and the
// exception lines; never an account number or name; and the page asks
// the store for bounded lists, every sent payment unanswered until now.
func TestOpsPayoutsPage(t *testing.T) {
	t.Parallel()
	store := newPayoutOpsStore()
	srv := NewServer(Config{}, Deps{Registrations: okService(), Store: store, Clock: fixedClock{testNow},
		Logger: slog.New(slog.DiscardHandler)})
	env := &opsEnv{srv: srv, ops: srv.OpsHandler()}
	common := []string{
		"Rp 4.200.000", "Rp 1.800.000", "Rp 1.200.000", "Rp 0", // funnel amounts (reserved is 0)
		"payout_nik_mismatch", "payout_legacy_reason", // refusal codes
		"Budi", "Ani", "Citra", "Dewi", "Rp 7.200.000", "Rp 2.400.000", // runs: makers, checkers, totals
		"13-04-2020 06:00 WIB", "16-04-2020 08:30 WIB", // sent times in WIB
		"PKJ000000000042I1-1", "PKJ000000000043S2-2", "Bank Negara Indonesia", "OVO", "Rp 600.000", "Rp 50.000",
		"PKJ999999999999I1-1", "PKJ000000000044I1-1", "ACSC", "RJCT", "AC04",
		`href="/ops/payouts"`, `class="attn"`,
	}
	secrets := []string{"0123456789", "SITI AMINAH", "sealed-", "⟦"}
	cases := map[locale][]string{
		localeID: {"Pembayaran insentif", "Dibayar", "Ditolak", "Dikirim",
			messagesID["code.payout_nik_mismatch"], "5 pembayaran yang dibayar", "11 rekening pembayaran",
			"Disetujui", "menunggu operator kedua", "3 hari 4 jam", "1 jam 30 menit",
			messagesID["payout.iso.AC04"], "Tidak cocok dengan pembayaran yang dikirim", "Bertentangan dengan jawaban sebelumnya"},
		localeEN: {"Payouts", "Paid", "Rejected", "Sent",
			messagesEN["code.payout_nik_mismatch"], "5 paid payments", "11 verified payout accounts",
			"Approved", "Refused", "waiting for a second operator", "3d 4h", "1h 30m",
			messagesEN["payout.iso.AC04"], "Names no payment we sent", "Conflicts with an earlier answer"},
	}
	for l, want := range cases {
		rec := env.do(scenario{method: "GET", url: "/ops/payouts?lang=" + string(l)}.request())
		scenario{wantStatus: http.StatusOK, wantBody: append(want, common...), notBody: secrets}.check(t, rec)
		if rec.Body.Len() >= pageBytesMax {
			t.Errorf("%s: %d bytes (max %d)", l, rec.Body.Len(), pageBytesMax)
		}
	}
	store.mu.Lock()
	defer store.mu.Unlock()
	if store.runsLimit != opsPayoutRunsMax || store.unansLimit != opsPayoutExceptionsMax ||
		store.linesLimit != opsPayoutExceptionsMax || !store.olderThan.Equal(testNow) {
		t.Errorf("bounds: runs %d, unanswered %d before %v, lines %d", store.runsLimit, store.unansLimit,
			store.olderThan, store.linesLimit)
	}
}

// TestOpsPayoutsSQLite renders the page on an empty real store: every
// read works and every list says there is nothing.
func TestOpsPayoutsSQLite(t *testing.T) {
	t.Parallel()
	store := openSQLite(t)
	srv := NewServer(Config{}, Deps{Registrations: okService(), Store: store, Clock: fixedClock{testNow},
		Logger: slog.New(slog.DiscardHandler)})
	env := &opsEnv{srv: srv, ops: srv.OpsHandler()}
	rec := env.do(scenario{method: "GET", url: "/ops/payouts?lang=en"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{"Payouts", "Payments by state", "Rp 0", "None.",
		"0 verified payout accounts"}, notBody: []string{"⟦"}}.check(t, rec)
}
