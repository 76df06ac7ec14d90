package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/pii"
)

// dashHour is the first hour of the dashboard's hourly fixture: six hours
// before T0's hour (2025-04-10 20:00 UTC, 03:00 WIB the next day).
var dashHour = T0.Truncate(time.Hour).Add(-6 * time.Hour)

// Dashboard fixture money, in rupiah.
const (
	dashTraining  = 1_000_000
	dashIncentive = 600_000
	dashSurvey    = 50_000
	dashCourse    = 250_000
	dashRelease   = 100_000
)

// dashPop is the dashboard fixture: a wave's pool and joiners in four
// provinces, a draw, credits, purchases, payouts, a revocation and a
// release, each made through the store. Its fields keep what the test
// computes its expectations from.
type dashPop struct {
	wave    *prakerja.Wave
	joiners map[string][]int64 // by province, in creation order
	winners []int64
	env     *payoutEnv
	market  *market
}

// dashRegistrant stores a registration created at at in status, living in
// district, with its e-mail confirmed at email (zero: not confirmed).
func dashRegistrant(tb testing.TB, s prakerja.Store, status prakerja.RegistrationStatus, district string, at, email time.Time) *prakerja.NewRegistration {
	tb.Helper()
	nr := NewRegistration(Unique())
	r := nr.Record
	r.Status, r.DomicileDistrict, r.CreatedAt, r.UpdatedAt, r.StatusChangedAt = status, district, at, at, at
	r.EmailVerifiedAt = email
	if status != prakerja.StatusRegistered {
		nr.Challenge, nr.Message = nil, nil
		r.PhoneVerifiedAt = email
	} else {
		nr.Challenge.CreatedAt, nr.Challenge.ExpiresAt, nr.Message.CreatedAt = at, at.Add(24*time.Hour), at
	}
	must(tb, s.CreateRegistration(context.Background(), nr))
	return nr
}

// dashHourly stores the hourly fixture, new accounts in Jakarta (31): three
// in hour 0, five in hour 2 (one on its first instant), one in hour 5,
// one a minute before hour 0 and one at hour 6 (both outside the range);
// two of hour 2 confirm their e-mail at 3:10. It returns the counts per
// hour of the six hours from dashHour.
func dashHourly(tb testing.TB, s prakerja.Store) []int64 {
	tb.Helper()
	ctx := context.Background()
	offsets := []time.Duration{-time.Minute, 5 * time.Minute, 30 * time.Minute, time.Hour - time.Second,
		2 * time.Hour, 2*time.Hour + time.Minute, 150 * time.Minute, 165 * time.Minute, 179 * time.Minute,
		5*time.Hour + 10*time.Minute, 6 * time.Hour}
	want := make([]int64, 6)
	for i, off := range offsets {
		at := dashHour.Add(off)
		nr := dashRegistrant(tb, s, prakerja.StatusRegistered, "31.71.01", at, time.Time{})
		if h := int(off / time.Hour); off >= 0 && h < len(want) {
			want[h]++
		}
		if i == 5 || i == 6 {
			_, err := s.ConsumeChallenge(ctx, nr.Challenge.ID, nr.Challenge.CodeHash, dashHour.Add(190*time.Minute))
			must(tb, err)
		}
	}
	return want
}

// newDashPop builds the population. Joiners: four in Jakarta (31), three
// in Jawa Barat (32, the third sent back to the eligibility step after
// joining), two in Sulawesi Selatan (73), one in Aceh (11). Drawn: three of
// Jakarta, the first of Jawa Barat and of Sulawesi Selatan.
func newDashPop(t *testing.T, s prakerja.Store) *dashPop {
	t.Helper()
	ctx := context.Background()
	p := &dashPop{joiners: map[string][]int64{}}
	p.wave = mustWave(t, s, NewWave("Gelombang Dasbor"))
	// The rest of the pool: a failed identity, an ineligible and a
	// verified registrant, e-mail confirmed; one confirming after the
	// close; one registering after it.
	confirmed := T0.Add(-2 * time.Hour)
	dashRegistrant(t, s, prakerja.StatusIdentityFailed, "32.73.01", T0, confirmed)
	dashRegistrant(t, s, prakerja.StatusIneligible, "73.71.01", T0, confirmed)
	dashRegistrant(t, s, prakerja.StatusIdentityVerified, "73.71.01", T0, confirmed)
	dashRegistrant(t, s, prakerja.StatusPhoneVerified, "11.71.01", T0, WaveCloses.Add(time.Hour))
	dashRegistrant(t, s, prakerja.StatusRegistered, "32.73.01", WaveCloses.Add(time.Hour), time.Time{})
	var all []int64
	for _, d := range []struct {
		district string
		n        int
	}{{"31.71.01", 4}, {"32.73.01", 3}, {"73.71.01", 2}, {"11.71.01", 1}} {
		for range d.n {
			nr := dashRegistrant(t, s, prakerja.StatusEligible, d.district, T0.Add(-3*time.Hour), confirmed)
			id := nr.Record.ID
			must(t, s.RecordTestResult(ctx, &prakerja.TestResult{RegistrationID: id, Score: 80, Passed: true, TakenAt: confirmed}))
			_, _, err := s.JoinWave(ctx, p.wave.ID, id, T0)
			must(t, err)
			p.joiners[d.district[:2]] = append(p.joiners[d.district[:2]], id)
			all = append(all, id)
		}
	}
	_, err := s.Rerun(ctx, prakerja.RerunFilter{Step: prakerja.StepEligibility, Statuses: []prakerja.RegistrationStatus{prakerja.StatusEligible},
		IDs: []int64{p.joiners["32"][2]}}, T0.Add(time.Minute))
	must(t, err)
	k := int(seq.Add(1))
	_, commitment := SelectionSeed(k)
	must(t, s.CommitSelection(ctx, p.wave.ID, commitment, T0))
	j := p.joiners
	p.winners = []int64{j["31"][0], j["31"][1], j["31"][2], j["32"][0], j["73"][0]}
	_, err = s.RecordSelection(ctx, selectionRecord(p.wave, k, all, p.winners, "dashboard"), SeqCards{}, AfterClose)
	must(t, err)
	p.money(t, s)
	return p
}

// money funds the wave (credits plus dashRelease) and credits every
// winner, and then: Jakarta's first buys a course and completes it, its
// second buys one, its third buys one and is refunded; Jawa Barat's
// winner buys one and completes it; Sulawesi Selatan's winner is revoked
// (training balance returned). The budget's rest is released. The two who
// completed have their first incentive and survey slot unlocked, link
// payout accounts and are paid both slots.
func (p *dashPop) money(t *testing.T, s prakerja.Store) {
	t.Helper()
	ctx := context.Background()
	w := p.wave
	lw := &LedgerWave{Wave: w, Participants: p.winners,
		Funding:  prakerja.SystemAccountID(prakerja.AccountFunding, 0, 1),
		Budget:   prakerja.SystemAccountID(prakerja.AccountBudget, w.ID, 1),
		Treasury: prakerja.SystemAccountID(prakerja.AccountTreasuryReturn, w.ID, 0)}
	accts := []prakerja.Account{SystemAccount(lw.Funding, prakerja.AccountFunding, 0, "APBN"),
		SystemAccount(lw.Budget, prakerja.AccountBudget, w.ID, "APBN wave"),
		SystemAccount(lw.Treasury, prakerja.AccountTreasuryReturn, w.ID, "Kas negara")}
	for _, id := range p.winners {
		accts = append(accts, ParticipantAccounts(id)...)
	}
	mustCreateAccounts(t, s, accts)
	per := int64(dashTraining + dashIncentive + dashSurvey)
	MustApply(t, s, prakerja.Transfer{ID: prakerja.FundID(w.ID, 1, 1), DebitAccount: lw.Funding, CreditAccount: lw.Budget,
		Amount: per*int64(len(p.winners)) + dashRelease, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferFund})
	keys, err := pii.NewKeyFile("k1").Keyring()
	must(t, err)
	p.env = &payoutEnv{s: s, lw: lw, clock: mock.NewClock(AfterClose), keys: keys}
	var ts []prakerja.Transfer
	for i, id := range p.winners {
		ts = append(ts, prakerja.Transfer{ID: prakerja.CreditID(w.ID, id, prakerja.TransferCreditTraining, 1),
			DebitAccount: lw.Budget, CreditAccount: prakerja.ParticipantAccountID(id, prakerja.AccountTraining),
			Amount: dashTraining, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferCreditTraining, UserData: int64(i)})
		incentive := p.env.creditAndUnlock(id, prakerja.TransferUnlockIncentive, dashIncentive)
		survey := p.env.creditAndUnlock(id, prakerja.TransferUnlockSurvey, dashSurvey)
		if i != 0 && i != 3 { // only the two who complete a training unlock their slots
			incentive, survey = incentive[:1], survey[:1]
		}
		ts = append(append(ts, incentive...), survey...)
	}
	MustApply(t, s, ts...)
	p.market = dashMarket(t, s, lw)
	p.train(t, s)
	MustApply(t, s, prakerja.Transfer{ID: prakerja.RevokeID(p.winners[4], prakerja.AccountTraining),
		DebitAccount: prakerja.ParticipantAccountID(p.winners[4], prakerja.AccountTraining), CreditAccount: lw.Treasury,
		Amount: dashTraining, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferRevoke},
		prakerja.Transfer{ID: prakerja.NewTransferID(AfterClose), DebitAccount: lw.Budget, CreditAccount: lw.Treasury,
			Amount: dashRelease, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferRelease})
	p.pay(ctx, t)
}

// dashMarket is one platform, one independent provider with its payable
// account, and one course of dashCourse rupiah.
func dashMarket(t *testing.T, s prakerja.Store, lw *LedgerWave) *market {
	t.Helper()
	ctx := context.Background()
	m := &market{lw: lw}
	k := seq.Add(1)
	m.platforms[0] = &prakerja.Platform{Slug: fmt.Sprintf("platform-%d", k), Name: "Platform Dasbor", KeyHash: keyHash(k)}
	must(t, s.CreatePlatform(ctx, m.platforms[0], T0))
	k = seq.Add(1)
	m.providers[0] = &prakerja.Provider{Slug: fmt.Sprintf("lpp-%d", k), Name: "LPP Dasbor", KeyHash: keyHash(k)}
	must(t, s.CreateProvider(ctx, m.providers[0], T0))
	mustCreateAccounts(t, s, []prakerja.Account{SystemAccount(prakerja.SystemAccountID(prakerja.AccountProviderPayable,
		m.providers[0].ID, 0), prakerja.AccountProviderPayable, m.providers[0].ID, m.providers[0].Name)})
	m.courses[0] = &prakerja.Course{ProviderID: m.providers[0].ID, PlatformID: m.platforms[0].ID, Title: "Pemasaran Digital",
		Description: "Video dan modul.", Price: dashCourse, Hours: 10, Active: true}
	must(t, s.CreateCourse(ctx, m.courses[0], T0))
	return m
}

// train makes the purchases: winners 0, 1, 2 and 3 buy; 0 and 3
// complete; 2 is refunded.
func (p *dashPop) train(t *testing.T, s prakerja.Store) {
	t.Helper()
	ctx := context.Background()
	m, c := p.market, p.market.courses[0]
	var bought []*prakerja.Purchase
	for _, id := range p.winners[:4] {
		bought = append(bought, m.mustPaid(t, s, id, c))
	}
	at := AfterClose.Add(time.Hour)
	for _, done := range []*prakerja.Purchase{bought[0], bought[3]} {
		_, err := s.RedeemVoucher(ctx, c.ProviderID, done.VoucherCode, at)
		must(t, err)
		_, err = s.CompleteVoucher(ctx, c.ProviderID, done.VoucherCode, fmt.Sprintf("PK-%d", done.ID), at)
		must(t, err)
	}
	_, err := s.RefundVoucher(ctx, c.PlatformID, bought[2].VoucherCode, at)
	must(t, err)
}

// pay links payout accounts for winners 0, 1 and 3 and pays every
// unlocked slot (winners 0 and 3 have them) through a run the partner
// accepts in full: winner 1's account waits for an unlock.
func (p *dashPop) pay(ctx context.Context, t *testing.T) {
	t.Helper()
	e := p.env
	for i, id := range []int64{p.winners[0], p.winners[1], p.winners[3]} {
		e.link(t, id, i)
	}
	cfg := payout.DefaultConfig()
	cfg.Outbox = t.TempDir()
	e.svc = payout.New(e.s, e.keys, e.clock, banksim.NewDirectory(), cfg)
	sum, err := e.svc.Prepare(ctx, "maker", e.clock.Now(), nil)
	must(t, err)
	_, _, err = e.svc.Approve(ctx, sum.RunID, "checker")
	must(t, err)
	for _, a := range e.answers(t, sum.RunID, banksim.Config{}) {
		_, err := e.svc.Ingest(ctx, a)
		must(t, err)
	}
}

// MustDashboardPopulation stores the dashboard fixture (the hourly
// registrations and the wave population of newDashPop) and returns the
// wave. It is exported for the HTTP tests, which hold the pages' numbers
// to the store's answers on it.
func MustDashboardPopulation(t *testing.T, s prakerja.Store) *prakerja.Wave {
	t.Helper()
	dashHourly(t, s)
	return newDashPop(t, s).wave
}
