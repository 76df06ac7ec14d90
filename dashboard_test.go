package prakerja

import (
	"reflect"
	"testing"
	"time"
)

func TestFunnelStages(t *testing.T) {
	t.Parallel()
	want := []string{"accounts", "email_verified", "nik_verified", "joined", "eligible", "selected", "card",
		"training_bought", "training_completed", "incentive_paid"}
	got := FunnelStages()
	if len(got) != len(want) || int(FunnelStageCount) != len(want) {
		t.Fatalf("%d stages, want %d", len(got), len(want))
	}
	for i, st := range got {
		if st != FunnelStage(i) || st.String() != want[i] {
			t.Errorf("stage %d = %d %q, want %q", i, st, st, want[i])
		}
	}
	for _, bad := range []FunnelStage{-1, FunnelStageCount} {
		if bad.String() != "" {
			t.Errorf("stage %d has a name %q", bad, bad.String())
		}
	}
}

func TestWaveFunnelSums(t *testing.T) {
	t.Parallel()
	f := &WaveFunnel{Rows: []WaveFunnelRow{
		{Province: "31", Counts: StageCounts{10, 8, 6, 4, 4, 2, 2, 1, 1, 1}},
		{Province: "32", Counts: StageCounts{5, 4, 3, 2, 1, 1, 1, 0, 0, 0}},
	}}
	if got, want := f.Total(), (StageCounts{15, 12, 9, 6, 5, 3, 3, 1, 1, 1}); got != want {
		t.Errorf("Total = %v, want %v", got, want)
	}
	if got := f.Province("32"); got != f.Rows[1].Counts {
		t.Errorf("Province(32) = %v", got)
	}
	if got := f.Province("11"); got != (StageCounts{}) {
		t.Errorf("Province(11) = %v, want zeros", got)
	}
}

func TestNewLedgerFlows(t *testing.T) {
	t.Parallel()
	byCode := map[AccountCode]Account{
		AccountBudget:          {DebitsPosted: 900, CreditsPosted: 1000, DebitsPending: 30},
		AccountProviderPayable: {DebitsPosted: 50, CreditsPosted: 400},
		AccountPayoutClearing:  {DebitsPosted: 200, CreditsPosted: 300, CreditsPending: 70},
		AccountTreasuryReturn:  {CreditsPosted: 120},
	}
	got := NewLedgerFlows(byCode, 20)
	want := LedgerFlows{Funded: 1000, Credited: 880, Released: 20, BudgetLeft: 70, Spent: 350, Paid: 300,
		InFlight: 70, Settled: 200, Returned: 120}
	got.ByCode = nil
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("flows = %+v, want %+v", *got, want)
	}
}

func TestBucketQueryBuckets(t *testing.T) {
	t.Parallel()
	from := time.Date(2020, 4, 11, 2, 0, 0, 0, time.UTC)
	q := BucketQuery{Status: StatusRegistered, From: from, To: from.Add(48 * time.Hour), Width: time.Hour}
	if q.Buckets() != 48 || q.Validate() != nil {
		t.Errorf("48 hours: %d buckets, %v", q.Buckets(), q.Validate())
	}
	q.Width = 0
	if q.Buckets() != 0 || ErrorCode(q.Validate()) != CodeInvalid {
		t.Errorf("zero width: %d buckets, %v", q.Buckets(), q.Validate())
	}
}
