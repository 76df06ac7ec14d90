package prakerja

import (
	"context"
	"time"
)

// The operator dashboards: registrations over time, each wave's funnel by
// province, and the programme's money. Every number is an aggregate the
// database computes (GROUP BY), never rows read into Go, so a page over
// 7.6 million registrations costs a few grouped scans.

// FunnelStage is one step of a wave's funnel, from an account to an
// incentive paid. A registrant counted at a stage is counted at every
// stage before it, as the stages follow the programme's order.
type FunnelStage int

const (
	StageAccounts          FunnelStage = iota // accounts created by the wave's close
	StageEmailVerified                        // of those, e-mail confirmed by the close
	StageNIKVerified                          // population registry matched (NIKVerifiedStatuses)
	StageJoined                               // joined this wave
	StageEligible                             // eligible when drawn (the selection's own rule)
	StageSelected                             // drawn in this wave
	StageCard                                 // card issued from this wave
	StageTrainingBought                       // a training voucher paid, not refunded
	StageTrainingCompleted                    // a training completed (certificate issued)
	StageIncentivePaid                        // at least one incentive payment accepted by a partner
	FunnelStageCount                          // number of stages; not a stage
)

// funnelStageNames are the stable codes of the stages, for translations,
// JSON and tests.
var funnelStageNames = [FunnelStageCount]string{"accounts", "email_verified", "nik_verified", "joined",
	"eligible", "selected", "card", "training_bought", "training_completed", "incentive_paid"}

// FunnelStages lists every stage in funnel order.
func FunnelStages() []FunnelStage {
	out := make([]FunnelStage, FunnelStageCount)
	for i := range out {
		out[i] = FunnelStage(i)
	}
	return out
}

// String returns the stage's stable code, or "" for a value out of range.
func (s FunnelStage) String() string {
	if s < 0 || s >= FunnelStageCount {
		return ""
	}
	return funnelStageNames[s]
}

// NIKVerifiedStatuses are the statuses of registrations whose identity the
// population registry confirmed: the identity step passed, whatever the
// eligibility step decided after it.
var NIKVerifiedStatuses = [4]RegistrationStatus{StatusIdentityVerified, StatusEligible, StatusIneligible, StatusSelected}

// StageCounts counts registrations at each stage.
type StageCounts [FunnelStageCount]int64

// Add adds o stage by stage.
func (c *StageCounts) Add(o StageCounts) {
	for i := range c {
		c[i] += o[i]
	}
}

// WaveFunnelRow is one province's funnel. Province is the two-digit code
// of the registrant's domicile (the first two digits of the district).
type WaveFunnelRow struct {
	Province string
	Counts   StageCounts
}

// WaveFunnel is a wave's funnel, one row per province with anybody in it,
// sorted by province code.
type WaveFunnel struct {
	WaveID   int64
	ClosesAt time.Time // the instant the pool stages are counted up to
	Rows     []WaveFunnelRow
}

// Total sums the provinces.
func (f *WaveFunnel) Total() StageCounts {
	var t StageCounts
	for _, r := range f.Rows {
		t.Add(r.Counts)
	}
	return t
}

// Province returns one province's counts (zero when nobody is there).
func (f *WaveFunnel) Province(code string) StageCounts {
	for _, r := range f.Rows {
		if r.Province == code {
			return r.Counts
		}
	}
	return StageCounts{}
}

// Dashboard limits. A chart of more bars than a phone can show is no
// chart; an operator picks a coarser bucket instead.
const DashboardBucketsMax = 24 * 31

// BucketQuery asks how many registrations entered Status in each bucket of
// Width from From up to To. From and Width are whole minutes (the store
// counts status entries per minute) and To-From is a whole number of
// buckets, at most DashboardBucketsMax.
type BucketQuery struct {
	Status   RegistrationStatus
	From, To time.Time
	Width    time.Duration
}

// Buckets is how many buckets q spans.
func (q BucketQuery) Buckets() int {
	if q.Width <= 0 {
		return 0
	}
	return int(q.To.Sub(q.From) / q.Width)
}

// Validate checks a bucket query. Returns CodeInvalid with a field error
// per problem.
func (q BucketQuery) Validate() error {
	var fe []FieldError
	add := func(field string, code Code, msg string) {
		fe = append(fe, FieldError{Field: field, Code: code, Message: msg})
	}
	known := false
	for _, st := range Statuses() {
		known = known || st == q.Status
	}
	if !known {
		add("status", CodeBadValue, "Unknown registration status.")
	}
	if q.Width < time.Minute || q.Width%time.Minute != 0 {
		add("width", CodeBadValue, "A bucket is a whole number of minutes.")
	}
	if !q.From.Equal(q.From.Truncate(time.Minute)) {
		add("from", CodeBadValue, "Buckets start on a whole minute.")
	}
	switch n := q.Buckets(); {
	case !q.To.After(q.From):
		add("to", CodeBadValue, "The end is after the start.")
	case q.Width > 0 && q.To.Sub(q.From)%q.Width != 0:
		add("to", CodeBadValue, "The span is a whole number of buckets.")
	case n > DashboardBucketsMax:
		add("to", CodeTooLong, "Too many buckets for one chart.")
	}
	if len(fe) > 0 {
		return &Error{Code: CodeInvalid, Message: "The time buckets are not valid.", Fields: fe}
	}
	return nil
}

// BucketCount is one bucket: its start and how many entered the status.
type BucketCount struct {
	Start time.Time
	Count int64
}

// LedgerFlows are the programme's money at a glance, from the sums of the
// programme (system) accounts: budgets, provider payables, payout clearing
// and treasury return. Participants' own accounts are not read, so the
// figures cost a scan of a few hundred accounts, not millions.
type LedgerFlows struct {
	Funded     int64 // put into wave budgets (budget credits)
	Credited   int64 // moved from budgets to participants (budget debits less Released)
	Released   int64 // budget left over returned to the treasury (transfer code release)
	BudgetLeft int64 // still in the budgets, less what is reserved
	Spent      int64 // training bought, net of refunds (provider payables)
	Paid       int64 // incentives a payment partner accepted (clearing, posted)
	InFlight   int64 // incentives reserved or sent, not yet answered (clearing, pending)
	Settled    int64 // paid incentives booked on a partner's statement
	Returned   int64 // returned to the treasury: revoked, forfeited and released
	// ByCode sums each programme account type, the table the figures come
	// from (Account used as a sum holder).
	ByCode map[AccountCode]Account
}

// NewLedgerFlows derives the figures from the programme accounts' sums per
// code and the amount released from budgets. Corrections, which reverse a
// transfer along its route, are netted in the sums they touch.
func NewLedgerFlows(byCode map[AccountCode]Account, released int64) *LedgerFlows {
	budget, payable := byCode[AccountBudget], byCode[AccountProviderPayable]
	clearing, treasury := byCode[AccountPayoutClearing], byCode[AccountTreasuryReturn]
	return &LedgerFlows{
		Funded:     budget.CreditsPosted,
		Credited:   budget.DebitsPosted - released,
		Released:   released,
		BudgetLeft: budget.Available(),
		Spent:      payable.Balance(),
		Paid:       clearing.CreditsPosted,
		InFlight:   clearing.CreditsPending,
		Settled:    clearing.DebitsPosted,
		Returned:   treasury.CreditsPosted,
		ByCode:     byCode,
	}
}

// DashboardStore answers the dashboards' aggregate questions.
type DashboardStore interface {
	// StatusEntries counts the registrations that entered q.Status in each
	// bucket, one BucketCount per bucket in order, zero buckets included.
	// Every registration enters "registered" once, when it is created, so
	// that status gives new accounts per bucket. Returns CodeInvalid.
	StatusEntries(ctx context.Context, q BucketQuery) ([]BucketCount, error)
	// WaveFunnel counts a wave's funnel per province. The pool stages
	// (accounts, e-mail, NIK) count registrations created by the wave's
	// close; the later stages count its joins. Returns CodeNotFound.
	WaveFunnel(ctx context.Context, waveID int64) (*WaveFunnel, error)
	// DashboardLedger sums the programme accounts into LedgerFlows.
	DashboardLedger(ctx context.Context) (*LedgerFlows, error)
}
