package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testDashboard holds the dashboards' numbers to the database's: every
// hourly bucket, every funnel stage of every province, and every ledger
// figure, against expectations worked out from what the fixture did.
func testDashboard(t *testing.T, open Opener) {
	t.Run("StatusEntries", func(t *testing.T) {
		t.Parallel()
		testDashboardEntries(t, open(t))
	})
	t.Run("StatusEntriesInvalid", func(t *testing.T) {
		t.Parallel()
		testDashboardEntriesInvalid(t, open(t))
	})
	t.Run("Empty", func(t *testing.T) {
		t.Parallel()
		testDashboardEmpty(t, open(t))
	})
	t.Run("Population", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		dashHourly(t, s)
		p := newDashPop(t, s)
		testDashboardFunnel(t, s, p)
		testDashboardLedger(t, s)
	})
}

// testDashboardEntries checks new accounts per hour and per two hours,
// e-mail confirmations per hour, and that a bucket's edge counts once.
func testDashboardEntries(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	want := dashHourly(t, s)
	if got := []int64{3, 0, 5, 0, 0, 1}; !equalInts(want, got) {
		t.Fatalf("fixture counts %v, its comment says %v", want, got)
	}
	tests := []struct {
		name  string
		q     prakerja.BucketQuery
		wantN []int64
	}{
		{"Hourly", prakerja.BucketQuery{Status: prakerja.StatusRegistered, From: dashHour, To: dashHour.Add(6 * time.Hour), Width: time.Hour}, want},
		{"TwoHours", prakerja.BucketQuery{Status: prakerja.StatusRegistered, From: dashHour, To: dashHour.Add(6 * time.Hour), Width: 2 * time.Hour},
			[]int64{want[0] + want[1], want[2] + want[3], want[4] + want[5]}},
		{"OffsetOrigin", prakerja.BucketQuery{Status: prakerja.StatusRegistered, From: dashHour.Add(2 * time.Hour), To: dashHour.Add(3 * time.Hour), Width: 30 * time.Minute},
			[]int64{2, 3}},
		{"EmailConfirmed", prakerja.BucketQuery{Status: prakerja.StatusEmailVerified, From: dashHour, To: dashHour.Add(6 * time.Hour), Width: time.Hour},
			[]int64{0, 0, 0, 2, 0, 0}},
		{"BeforeAnything", prakerja.BucketQuery{Status: prakerja.StatusRegistered, From: dashHour.Add(-24 * time.Hour), To: dashHour.Add(-23 * time.Hour), Width: time.Hour},
			[]int64{0}},
	}
	for _, tt := range tests {
		got, err := s.StatusEntries(ctx, tt.q)
		must(t, err)
		if len(got) != len(tt.wantN) {
			t.Fatalf("%s: %d buckets, want %d", tt.name, len(got), len(tt.wantN))
		}
		for i, b := range got {
			if start := tt.q.From.Add(time.Duration(i) * tt.q.Width); !b.Start.Equal(start) || b.Count != tt.wantN[i] {
				t.Errorf("%s: bucket %d = %v %d, want %v %d", tt.name, i, b.Start, b.Count, start, tt.wantN[i])
			}
		}
	}
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// testDashboardEntriesInvalid checks every refusal of a bucket query.
func testDashboardEntriesInvalid(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	ok := prakerja.BucketQuery{Status: prakerja.StatusRegistered, From: dashHour, To: dashHour.Add(time.Hour), Width: time.Hour}
	tests := map[string]func(q *prakerja.BucketQuery){
		"UnknownStatus":   func(q *prakerja.BucketQuery) { q.Status = "withdrawn" },
		"PartMinuteWidth": func(q *prakerja.BucketQuery) { q.Width = 90 * time.Second },
		"ZeroWidth":       func(q *prakerja.BucketQuery) { q.Width = 0 },
		"FromMidMinute":   func(q *prakerja.BucketQuery) { q.From = q.From.Add(time.Second) },
		"EndBeforeStart":  func(q *prakerja.BucketQuery) { q.To = q.From.Add(-time.Hour) },
		"PartBucket":      func(q *prakerja.BucketQuery) { q.To = q.From.Add(90 * time.Minute) },
		"TooManyBuckets": func(q *prakerja.BucketQuery) {
			q.To = q.From.Add(time.Duration(prakerja.DashboardBucketsMax+1) * time.Hour)
		},
	}
	for name, change := range tests {
		q := ok
		change(&q)
		_, err := s.StatusEntries(ctx, q)
		if prakerja.ErrorCode(err) != prakerja.CodeInvalid {
			t.Errorf("%s: err = %v, want %s", name, err, prakerja.CodeInvalid)
		}
	}
	_, err := s.StatusEntries(ctx, ok)
	must(t, err)
}

// testDashboardEmpty checks an empty store: no wave, zero money, empty
// buckets.
func testDashboardEmpty(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	_, err := s.WaveFunnel(ctx, 1)
	WantCode(t, err, prakerja.CodeNotFound)
	flows, err := s.DashboardLedger(ctx)
	must(t, err)
	if len(flows.ByCode) != 0 || flows.Funded != 0 || flows.Paid != 0 || flows.Returned != 0 {
		t.Errorf("empty ledger flows %+v", flows)
	}
	w := mustWave(t, s, NewWave("Kosong"))
	f, err := s.WaveFunnel(ctx, w.ID)
	must(t, err)
	if f.WaveID != w.ID || len(f.Rows) != 0 || !f.ClosesAt.Equal(w.ClosesAt) {
		t.Errorf("empty wave funnel %+v", f)
	}
}

// testDashboardFunnel checks every stage of every province of the
// fixture wave, and that a second wave shares the pool but not the joins.
func testDashboardFunnel(t *testing.T, s prakerja.Store, p *dashPop) {
	ctx := context.Background()
	// Stages: accounts, e-mail, NIK, joined, eligible, selected, card,
	// bought, completed, paid (see newDashPop, train and pay).
	want := []prakerja.WaveFunnelRow{
		// Aceh: the joiner; a registrant confirming e-mail after the close.
		{Province: "11", Counts: prakerja.StageCounts{2, 1, 1, 1, 1, 0, 0, 0, 0, 0}},
		// Jakarta: 11 hourly accounts (2 confirmed), 4 joiners, 3 drawn;
		// the first completed and was paid, the third was refunded.
		{Province: "31", Counts: prakerja.StageCounts{15, 6, 4, 4, 4, 3, 3, 2, 1, 1}},
		// Jawa Barat: a failed identity, 3 joiners (the third sent back
		// to eligibility), 1 drawn who completed and was paid; one
		// registering after the close is not counted.
		{Province: "32", Counts: prakerja.StageCounts{4, 4, 3, 3, 2, 1, 1, 1, 1, 1}},
		// Sulawesi Selatan: ineligible and verified non-joiners, 2
		// joiners, 1 drawn (revoked, never bought).
		{Province: "73", Counts: prakerja.StageCounts{4, 4, 4, 2, 2, 1, 1, 0, 0, 0}},
	}
	got, err := s.WaveFunnel(ctx, p.wave.ID)
	must(t, err)
	diff(t, "wave funnel", got.Rows, want)
	total := got.Total()
	if total != (prakerja.StageCounts{25, 15, 12, 10, 9, 5, 5, 3, 2, 2}) {
		t.Errorf("total %v", total)
	}
	if got.Province("31") != want[1].Counts || got.Province("99") != (prakerja.StageCounts{}) {
		t.Errorf("Province lookups wrong: %v", got.Province("31"))
	}
	// A wave nobody joined: the same pool (it closes at the same time),
	// no joins.
	w2 := mustWave(t, s, NewWave("Tanpa peserta"))
	got2, err := s.WaveFunnel(ctx, w2.ID)
	must(t, err)
	for i, r := range got2.Rows {
		wantPool := want[i].Counts
		for st := prakerja.StageJoined; st < prakerja.FunnelStageCount; st++ {
			wantPool[st] = 0
		}
		if r.Province != want[i].Province || r.Counts != wantPool {
			t.Errorf("empty wave, %s: %v, want %v", r.Province, r.Counts, wantPool)
		}
	}
}

// testDashboardLedger checks the money figures against the fixture's
// transfers, and the programme accounts' sums against LedgerTotals.
func testDashboardLedger(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	const winners, paid, bought = 5, 2, 3
	per := int64(dashTraining + dashIncentive + dashSurvey)
	want := prakerja.LedgerFlows{
		Funded:     winners*per + dashRelease,
		Credited:   winners * per,
		Released:   dashRelease,
		BudgetLeft: 0,
		Spent:      bought * dashCourse,
		Paid:       paid * (dashIncentive + dashSurvey),
		InFlight:   0,
		Settled:    paid * (dashIncentive + dashSurvey),
		Returned:   dashTraining + dashRelease,
	}
	got, err := s.DashboardLedger(ctx)
	must(t, err)
	figures := *got
	figures.ByCode = nil
	diff(t, "ledger flows", figures, want)
	totals, err := s.LedgerTotals(ctx)
	must(t, err)
	for _, code := range []prakerja.AccountCode{prakerja.AccountFunding, prakerja.AccountBudget, prakerja.AccountProviderPayable,
		prakerja.AccountPayoutClearing, prakerja.AccountTreasuryReturn} {
		a, b := got.ByCode[code], totals.ByCode[code]
		if a.DebitsPending != b.DebitsPending || a.DebitsPosted != b.DebitsPosted ||
			a.CreditsPending != b.CreditsPending || a.CreditsPosted != b.CreditsPosted {
			t.Errorf("%s: dashboard %+v, ledger totals %+v", code, a, b)
		}
	}
	if len(got.ByCode) != 5 {
		t.Errorf("programme account codes %v, want funding, budget, payable, clearing, treasury", got.ByCode)
	}
	WantLedgerSound(t, s)
}
