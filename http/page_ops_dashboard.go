package http

import (
	"context"
	"html/template"
	"net/http"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/chart"
	"github.com/prakerja/prakerja/scheme"
)

// The dashboard pages register themselves; their names start with "ops" so
// they get the operator navigation.
func init() { pageNames = append(pageNames, "ops_dashboard", "ops_dashboard_wave") }

// dashWavesMax bounds the waves listed on the dashboard, newest first.
const dashWavesMax = 20

// opsDashboardView is /ops/dashboard: new accounts per hour, the waves
// (each linking to its funnel), the verification backlog, the money and
// the payout results. Every chart's numbers are in a table under it.
type opsDashboardView struct {
	pageBase
	Hourly  *seriesView
	Waves   []dashWaveRow
	Backlog *dashBarsView
	Money   *dashBarsView
	Payouts *dashBarsView
}

// dashWaveRow is one wave in the dashboard's list.
type dashWaveRow struct {
	ID     int64
	Name   string
	Window string
	State  string
}

// dashBarsView is a horizontal bar chart with its table: a label, a value
// and an optional second value per row.
type dashBarsView struct {
	Title       string
	Desc        string
	Chart       template.HTML
	LabelHead   string
	TotalLabel  string
	MoreText    string
	ValueHead   string
	ExtraHead   string // "" = no second column
	Rows        []dashBarRow
	Total       string
	TotalExtra  string
	Note        string // a sentence under the table
	MoreHref    string
	HasTotalRow bool
}

// dashBarRow is one row of a dashBarsView table.
type dashBarRow struct {
	Label string
	Value string
	Extra string
	Attn  bool
}

// pageOpsDashboard handles GET /ops/dashboard.
func (s *Server) pageOpsDashboard(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := opsContext(r)
	defer cancel()
	v := &opsDashboardView{pageBase: s.base(r, "ops.dashboard.heading", "/ops/dashboard")}
	v.Wide = true
	loc, now := v.loc, s.clock.Now()
	to := ceilTo(now, time.Hour, 0)
	q := prakerja.BucketQuery{Status: prakerja.StatusRegistered, From: to.Add(-dashHourlyWindow), To: to, Width: time.Hour}
	end := to.In(prakerja.WIB).Format("02 Jan 15:04") + " WIB"
	var err error
	v.Hourly, err = s.series(ctx, loc, "hourly", loc.T("ops.dashboard.hourly"), q, false, func(total, peakAt, peak string) string {
		if peak == "" {
			return loc.T("ops.dashboard.hourly_none", end)
		}
		return loc.T("ops.dashboard.hourly_desc", total, end, peakAt, peak)
	})
	if err == nil {
		v.Waves, err = s.dashWaves(ctx, loc, now)
	}
	if err == nil {
		v.Backlog, err = s.dashBacklog(ctx, loc, now)
	}
	if err == nil {
		v.Money, err = s.dashMoney(ctx, loc)
	}
	if err == nil {
		v.Payouts, err = s.dashPayouts(ctx, loc)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "ops_dashboard", v)
}

// dashWaves lists the newest waves, newest opening first.
func (s *Server) dashWaves(ctx context.Context, loc locale, now time.Time) ([]dashWaveRow, error) {
	waves, err := s.store.Waves(ctx, time.Time{})
	if err != nil {
		return nil, err
	}
	var rows []dashWaveRow
	for i := len(waves) - 1; i >= 0 && len(rows) < dashWavesMax; i-- {
		wv := &waves[i]
		rows = append(rows, dashWaveRow{ID: wv.ID, Name: wv.Name, State: loc.T("wave.status." + string(wv.Status(now))),
			Window: wv.OpensAt.In(prakerja.WIB).Format("02 Jan 2006 15:04") + " – " + wv.ClosesAt.In(prakerja.WIB).Format("02 Jan 2006 15:04")})
	}
	return rows, nil
}

// dashBacklog draws the verification backlog from the /ops/ page's cached
// read: registrations now in each status.
func (s *Server) dashBacklog(ctx context.Context, loc locale, now time.Time) (*dashBarsView, error) {
	rows, err := s.backlog.Rows(ctx)
	if err != nil {
		return nil, err
	}
	v := &dashBarsView{Title: loc.T("ops.dashboard.backlog"), ValueHead: loc.T("ops.dashboard.count"),
		ExtraHead: loc.T("ops.dashboard.oldest"), MoreHref: "/ops/", MoreText: loc.T("ops.dashboard.backlog_more"), HasTotalRow: true,
		LabelHead: loc.T("ops.status"), TotalLabel: loc.T("ops.dashboard.total")}
	var bars []chart.HBar
	var total int64
	for _, row := range rows {
		label := statusWords(loc, row.Status)
		bars = append(bars, chart.HBar{Label: label, Value: row.Count})
		v.Rows = append(v.Rows, dashBarRow{Label: label, Value: groupNum(loc, row.Count),
			Extra: ageWords(loc, row.Oldest, now), Attn: isStepInput(row.Status) && row.Count > 0})
		total += row.Count
	}
	v.Total = groupNum(loc, total)
	v.Desc = loc.T("ops.dashboard.backlog_desc", v.Total)
	v.Chart, err = chart.HBars{ID: "backlog", Title: v.Title, Desc: v.Desc, Sep: numSep(loc),
		Empty: loc.T("ops.dashboard.no_data"), Bars: bars}.SVG()
	return v, err
}

// dashMoneyFigures are the ledger figures in the order the dashboard
// shows them; the first five are the chart (budget, credited, spent,
// paid, returned), the rest only the table.
var dashMoneyFigures = []struct {
	key   string
	chart bool
	value func(*prakerja.LedgerFlows) int64
}{
	{"funded", true, func(f *prakerja.LedgerFlows) int64 { return f.Funded }},
	{"credited", true, func(f *prakerja.LedgerFlows) int64 { return f.Credited }},
	{"spent", true, func(f *prakerja.LedgerFlows) int64 { return f.Spent }},
	{"paid", true, func(f *prakerja.LedgerFlows) int64 { return f.Paid }},
	{"returned", true, func(f *prakerja.LedgerFlows) int64 { return f.Returned }},
	{"budget_left", false, func(f *prakerja.LedgerFlows) int64 { return f.BudgetLeft }},
	{"in_flight", false, func(f *prakerja.LedgerFlows) int64 { return f.InFlight }},
	{"settled", false, func(f *prakerja.LedgerFlows) int64 { return f.Settled }},
	{"released", false, func(f *prakerja.LedgerFlows) int64 { return f.Released }},
}

// dashMoney draws the ledger figures, in rupiah.
func (s *Server) dashMoney(ctx context.Context, loc locale) (*dashBarsView, error) {
	flows, err := s.store.DashboardLedger(ctx)
	if err != nil {
		return nil, err
	}
	v := &dashBarsView{Title: loc.T("ops.dashboard.money"), Desc: loc.T("ops.dashboard.money_desc"),
		ValueHead: loc.T("ops.dashboard.money_rp"), LabelHead: loc.T("ops.dashboard.money_figure")}
	var bars []chart.HBar
	for _, fig := range dashMoneyFigures {
		n, label := fig.value(flows), loc.T("ops.dashboard.money."+fig.key)
		if fig.chart {
			// The ledger's bounds keep these sums non-negative; a
			// negative one would be a broken ledger, shown in the table
			// and left out of the chart rather than failing the page.
			bars = append(bars, chart.HBar{Label: label, Value: max(n, 0)})
		}
		v.Rows = append(v.Rows, dashBarRow{Label: label, Value: scheme.FormatRupiah(n), Attn: n < 0})
	}
	v.Chart, err = chart.HBars{ID: "money", Title: v.Title + " (Rp)", Desc: v.Desc, Sep: numSep(loc),
		Empty: loc.T("ops.dashboard.no_data"), Bars: bars}.SVG()
	return v, err
}

// dashPayouts draws the payout funnel of /ops/payouts: payments by state.
func (s *Server) dashPayouts(ctx context.Context, loc locale) (*dashBarsView, error) {
	funnel, err := s.store.PayoutFunnel(ctx)
	if err != nil {
		return nil, err
	}
	v := &dashBarsView{Title: loc.T("ops.dashboard.payouts"), ValueHead: loc.T("ops.dashboard.count"),
		ExtraHead: loc.T("ops.dashboard.amount"), MoreHref: "/ops/payouts", MoreText: loc.T("ops.dashboard.payouts_more"),
		HasTotalRow: true, LabelHead: loc.T("ops.payouts.state"), TotalLabel: loc.T("ops.dashboard.total")}
	var bars []chart.HBar
	var total, amount int64
	for _, row := range opsPayoutStateRows(loc, funnel) {
		bars = append(bars, chart.HBar{Label: row.State, Value: row.Count})
		v.Rows = append(v.Rows, dashBarRow{Label: row.State, Value: groupNum(loc, row.Count), Extra: row.Amount, Attn: row.Attn})
		total += row.Count
	}
	for _, a := range funnel.AmountByState {
		amount += a
	}
	v.Total, v.TotalExtra = groupNum(loc, total), scheme.FormatRupiah(amount)
	v.Desc = loc.T("ops.dashboard.payouts_desc", v.Total)
	v.Note = loc.T("ops.dashboard.payouts_extra", groupNum(loc, funnel.Settled), groupNum(loc, funnel.AccountsLinked))
	v.Chart, err = chart.HBars{ID: "payouts", Title: v.Title, Desc: v.Desc, Sep: numSep(loc),
		Empty: loc.T("ops.dashboard.no_data"), Bars: bars}.SVG()
	return v, err
}
