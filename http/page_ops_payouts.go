package http

import (
	"cmp"
	"net/http"
	"slices"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// Operator payout page bounds: the latest runs, and the exception queue's
// unanswered payments and answer lines.
const (
	opsPayoutRunsMax       = 20
	opsPayoutExceptionsMax = 100
)

// opsPayoutStates are the payment states in funnel order; a state this
// build does not know is listed after them under its code.
var opsPayoutStates = []prakerja.PaymentState{prakerja.PaymentReserved, prakerja.PaymentSent,
	prakerja.PaymentPaid, prakerja.PaymentRejected, prakerja.PaymentCancelled}

// The payouts page registers itself; its name starts with "ops" so it gets
// the operator navigation.
func init() { pageNames = append(pageNames, "ops_payouts") }

// opsPayoutsView is /ops/payouts: the payment funnel, the latest runs with
// who prepared and who checked each (maker-checker), and the exception
// queue (sent payments without an answer, answer lines that matched
// nothing, conflicted or disagreed in amount). It never carries account
// numbers, names, NIKs or phone numbers: only instruction ids, partners
// and amounts.
type opsPayoutsView struct {
	pageBase
	States         []opsPayoutStateRow
	Settled        int64
	AccountsLinked int64
	Refusals       []opsPayoutRefusalRow
	Runs           []opsPayoutRunRow
	RunsMax        int
	Unanswered     []opsUnansweredRow
	Exceptions     []opsResultExceptionRow
	ExceptionsMax  int
}

// opsPayoutStateRow is one payment state of the funnel.
type opsPayoutStateRow struct {
	State  string // translated, or the code when unknown
	Count  int64
	Amount string
	Attn   bool // rejected: participants wait for a fixed account
}

// opsPayoutRefusalRow is one reason payout accounts were refused.
type opsPayoutRefusalRow struct {
	Code  string
	Text  string
	Count int64
}

// opsPayoutRunRow is one run, with its maker and checker.
type opsPayoutRunRow struct {
	ID         int64
	State      string
	PreparedBy string
	CheckedBy  string // approver or refuser; empty while it waits
	Waiting    bool   // prepared: a second operator must approve or refuse it
	SameOp     bool   // maker and checker are one operator: must never happen
	Payments   int64
	Total      string
	Files      int64
	Created    string
	Checked    string
}

// opsUnansweredRow is one sent payment without a partner's answer.
type opsUnansweredRow struct {
	InstrID  string
	Provider string
	Amount   string
	Sent     string
	Age      string
}

// opsResultExceptionRow is one answer line needing an operator.
type opsResultExceptionRow struct {
	InstrID string
	Status  string
	Reason  string
	Amount  string
	Outcome string
}

// opsPayoutTime shows a time on the programme's clock; zero is a dash.
func opsPayoutTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(prakerja.WIB).Format(payoutDateLayout) + " WIB"
}

// pageOpsPayouts handles GET /ops/payouts[?done=STEP&run=N], the flash
// after a maker's or checker's step (page_ops_payout_actions.go).
func (s *Server) pageOpsPayouts(w http.ResponseWriter, r *http.Request) {
	v, err := s.opsPayoutsView(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Flash = opsPayoutFlash(v.loc, r)
	s.render(w, r, http.StatusOK, "ops_payouts", v)
}

// opsPayoutsView loads the payouts page.
func (s *Server) opsPayoutsView(r *http.Request) (*opsPayoutsView, error) {
	ctx, cancel := opsContext(r)
	defer cancel()
	now := s.clock.Now()
	funnel, err := s.store.PayoutFunnel(ctx)
	if err != nil {
		return nil, err
	}
	runs, err := s.store.PayoutRuns(ctx, opsPayoutRunsMax)
	if err != nil {
		return nil, err
	}
	// Every sent payment still unanswered now, oldest first: the page
	// shows their age rather than hiding the young ones.
	unanswered, err := s.store.UnansweredPayments(ctx, now, opsPayoutExceptionsMax)
	if err != nil {
		return nil, err
	}
	lines, err := s.store.ResultExceptions(ctx, opsPayoutExceptionsMax)
	if err != nil {
		return nil, err
	}
	v := &opsPayoutsView{pageBase: s.base(r, "ops.payouts.heading", "/ops/payouts"),
		RunsMax: opsPayoutRunsMax, ExceptionsMax: opsPayoutExceptionsMax}
	v.Wide = true
	loc := v.loc
	v.States, v.Refusals = opsPayoutStateRows(loc, funnel), opsPayoutRefusalRows(loc, funnel)
	v.Settled, v.AccountsLinked = funnel.Settled, funnel.AccountsLinked
	for _, run := range runs[:min(len(runs), opsPayoutRunsMax)] {
		row := opsPayoutRunRow{ID: run.ID, State: opsWords(loc, "ops.payouts.run.", string(run.State)),
			PreparedBy: run.PreparedBy, CheckedBy: run.ApprovedBy, Waiting: run.State == prakerja.PayoutRunPrepared,
			SameOp:   run.ApprovedBy != "" && run.ApprovedBy == run.PreparedBy,
			Payments: run.Payments, Total: scheme.FormatRupiah(run.Total), Files: run.Files,
			Created: opsPayoutTime(run.CreatedAt),
			Checked: opsPayoutTime(run.ApprovedAt)}
		v.Runs = append(v.Runs, row)
	}
	for _, p := range unanswered[:min(len(unanswered), opsPayoutExceptionsMax)] {
		v.Unanswered = append(v.Unanswered, opsUnansweredRow{InstrID: p.InstrID(), Provider: opsProviderName(p.Provider),
			Amount: scheme.FormatRupiah(p.Amount),
			Sent:   opsPayoutTime(p.SentAt),
			Age:    opsPaymentAge(loc, p, now)})
	}
	for _, l := range lines[:min(len(lines), opsPayoutExceptionsMax)] {
		row := opsResultExceptionRow{InstrID: l.InstrID, Status: l.Status, Amount: scheme.FormatRupiah(l.Amount),
			Outcome: opsWords(loc, "ops.payouts.outcome.", l.Outcome)}
		if l.Reason != "" {
			row.Reason = l.Reason + ": " + isoReasonText(loc, l.Reason)
		}
		v.Exceptions = append(v.Exceptions, row)
	}
	return v, nil
}

// opsPaymentAge is how long a sent payment has waited for its answer.
func opsPaymentAge(loc locale, p *prakerja.Payment, now time.Time) string {
	if p.SentAt.IsZero() {
		return "—"
	}
	return ageWords(loc, now.Sub(p.SentAt), now)
}

// opsPayoutStateRows lists the funnel's states in order, unknown ones last.
func opsPayoutStateRows(loc locale, f *prakerja.PayoutFunnel) []opsPayoutStateRow {
	states := slices.Clone(opsPayoutStates)
	var extra []prakerja.PaymentState
	for st := range f.ByState {
		if !slices.Contains(opsPayoutStates, st) {
			extra = append(extra, st)
		}
	}
	slices.Sort(extra)
	var rows []opsPayoutStateRow
	for _, st := range append(states, extra...) {
		rows = append(rows, opsPayoutStateRow{State: opsWords(loc, "ops.payouts.state.", string(st)),
			Count: f.ByState[st], Amount: scheme.FormatRupiah(f.AmountByState[st]),
			Attn: st == prakerja.PaymentRejected && f.ByState[st] > 0})
	}
	return rows
}

// opsPayoutRefusalRows lists why accounts were refused, most first; each
// reason is a code with the participant's text for it.
func opsPayoutRefusalRows(loc locale, f *prakerja.PayoutFunnel) []opsPayoutRefusalRow {
	var rows []opsPayoutRefusalRow
	for code, n := range f.AccountsRefused {
		row := opsPayoutRefusalRow{Code: code, Count: n}
		if msg, ok := messages[loc]["code."+code]; ok {
			row.Text = msg
		}
		rows = append(rows, row)
	}
	slices.SortFunc(rows, func(a, b opsPayoutRefusalRow) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Code, b.Code))
	})
	return rows
}

// opsWords translates prefix+code, or shows the code this build does not know.
func opsWords(loc locale, prefix, code string) string {
	if msg, ok := messages[loc][prefix+code]; ok {
		return msg
	}
	return code
}

// opsProviderName names a partner by its code, or shows the code.
func opsProviderName(code string) string {
	if p, err := prakerja.PayoutProviderByCode(code); err == nil {
		return p.Name
	}
	return code
}
