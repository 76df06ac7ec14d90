package http

import (
	"context"
	"html/template"
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/chart"
	"github.com/prakerja/prakerja/nik"
)

// dashMapStageDefault colours the map by selection: how much of each
// province's eligible joiners the draw took.
const dashMapStageDefault = prakerja.StageSelected

// opsDashboardWaveView is /ops/dashboard/waves/{id}: one wave's funnel,
// for all provinces or one, the province map, the per-province table and
// new accounts while the wave was open.
type opsDashboardWaveView struct {
	pageBase
	WaveID      int64
	Heading     string
	Intro       string
	CountedAt   string
	Provinces   []dashOption
	Stages      []dashOption
	ProvinceErr string
	StageErr    string
	Funnel      *dashFunnelView
	Definitions []dashDef
	Map         *dashMapView
	StageHeads  []string
	ByProvince  []dashProvinceRow
	Total       dashProvinceRow
	Window      *seriesView
}

// dashOption is one choice of a filter's select.
type dashOption struct {
	Value    string
	Text     string
	Selected bool
}

// dashFunnelView is the funnel chart of the chosen province (or all) and
// its table.
type dashFunnelView struct {
	Title string
	Desc  string
	Chart template.HTML
	Rows  []dashFunnelRow
}

// dashFunnelRow is one stage of the funnel table.
type dashFunnelRow struct {
	Stage   string
	Count   string
	OfPrev  string
	OfFirst string
}

// dashDef says what one stage counts.
type dashDef struct{ Term, Def string }

// dashProvinceRow is one province of the per-province table.
type dashProvinceRow struct {
	Code   string
	Name   string
	Counts []string
}

// pageOpsDashboardWave handles GET /ops/dashboard/waves/{id}. A bad
// province or stage is answered 400 with the page for all provinces and
// the default stage, the error next to its filter.
func (s *Server) pageOpsDashboardWave(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeNotFound, "No such wave."))
		return
	}
	ctx, cancel := opsContext(r)
	defer cancel()
	wave, err := s.store.Wave(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &opsDashboardWaveView{pageBase: s.base(r, "ops.dashboard.heading", r.URL.RequestURI()), WaveID: id}
	v.Wide = true
	status := v.readFilters(r)
	funnel, at, err := s.dashFunnels.get(ctx, s.store, s.clock, id)
	if err == nil {
		v.CountedAt = v.loc.T("ops.dashboard.counted_at", at.In(prakerja.WIB).Format("02 Jan 2006 15:04:05")+" WIB")
		err = v.build(wave, funnel)
	}
	if err == nil {
		v.Window, err = s.waveWindow(ctx, v.loc, wave)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "ops_dashboard_wave", v)
}

// readFilters reads ?province= and ?stage= into the selects' options and
// returns the page's status: 400 when either was not one of the options.
func (v *opsDashboardWaveView) readFilters(r *http.Request) int {
	loc, status := v.loc, http.StatusOK
	province, stage := r.URL.Query().Get("province"), r.URL.Query().Get("stage")
	v.Provinces = []dashOption{{Value: "", Text: loc.T("ops.dashboard.all_provinces"), Selected: province == ""}}
	found := province == ""
	for _, p := range nik.Provinces() {
		v.Provinces = append(v.Provinces, dashOption{Value: p.Code, Text: p.Name, Selected: p.Code == province})
		found = found || p.Code == province
	}
	if !found {
		v.Provinces[0].Selected, status = true, http.StatusBadRequest
		v.ProvinceErr = loc.T("ops.dashboard.bad_province")
		v.Summary = append(v.Summary, summaryItem{ID: "province", Text: loc.T("ops.dashboard.province") + ": " + v.ProvinceErr})
	}
	if stage == "" {
		stage = dashMapStageDefault.String()
	}
	found = false
	for _, st := range prakerja.FunnelStages()[1:] {
		v.Stages = append(v.Stages, dashOption{Value: st.String(), Text: loc.T("ops.dashboard.stage." + st.String()), Selected: st.String() == stage})
		found = found || st.String() == stage
	}
	if !found {
		v.Stages[int(dashMapStageDefault)-1].Selected, status = true, http.StatusBadRequest
		v.StageErr = loc.T("ops.dashboard.bad_stage")
		v.Summary = append(v.Summary, summaryItem{ID: "stage", Text: loc.T("ops.dashboard.map_stage") + ": " + v.StageErr})
	}
	return status
}

// selected returns the chosen option's value.
func selected(opts []dashOption) string {
	for _, o := range opts {
		if o.Selected {
			return o.Value
		}
	}
	return ""
}

// build fills the funnel, the definitions, the map and the table.
func (v *opsDashboardWaveView) build(wave *prakerja.Wave, f *prakerja.WaveFunnel) error {
	loc := v.loc
	v.Heading = loc.T("ops.dashboard.wave.heading", wave.Name)
	v.Intro = loc.T("ops.dashboard.wave.intro", wave.ClosesAt.In(prakerja.WIB).Format("02 Jan 2006 15:04")+" WIB")
	province := selected(v.Provinces)
	counts, where := f.Total(), loc.T("ops.dashboard.all_provinces")
	if province != "" {
		counts, where = f.Province(province), provinceName(province)
	}
	var err error
	if v.Funnel, err = funnelView(loc, counts, where); err != nil {
		return err
	}
	for _, st := range prakerja.FunnelStages() {
		v.Definitions = append(v.Definitions, dashDef{Term: loc.T("ops.dashboard.stage." + st.String()),
			Def: loc.T("ops.dashboard.def." + st.String())})
		v.StageHeads = append(v.StageHeads, loc.T("ops.dashboard.stage."+st.String()))
	}
	stage := dashMapStageDefault
	for _, st := range prakerja.FunnelStages() {
		if st.String() == selected(v.Stages) {
			stage = st
		}
	}
	if v.Map, err = dashMap(loc, f, stage); err != nil {
		return err
	}
	for _, row := range f.Rows {
		v.ByProvince = append(v.ByProvince, dashProvinceRow{Code: row.Province, Name: provinceName(row.Province),
			Counts: groupCounts(loc, row.Counts)})
	}
	v.Total = dashProvinceRow{Name: loc.T("ops.dashboard.total"), Counts: groupCounts(loc, f.Total())}
	return nil
}

// groupCounts formats every stage's count.
func groupCounts(loc locale, c prakerja.StageCounts) []string {
	out := make([]string, len(c))
	for i, n := range c {
		out[i] = groupNum(loc, n)
	}
	return out
}

// funnelView draws the funnel of counts (of all provinces, or of where).
func funnelView(loc locale, c prakerja.StageCounts, where string) (*dashFunnelView, error) {
	v := &dashFunnelView{Title: loc.T("ops.dashboard.funnel", where)}
	v.Desc = loc.T("ops.dashboard.funnel_desc", groupNum(loc, c[prakerja.StageAccounts]), groupNum(loc, c[prakerja.StageJoined]),
		groupNum(loc, c[prakerja.StageSelected]), groupNum(loc, c[prakerja.StageIncentivePaid]))
	bars := make([]chart.HBar, 0, len(c))
	for _, st := range prakerja.FunnelStages() {
		name, n := loc.T("ops.dashboard.stage."+st.String()), c[st]
		row := dashFunnelRow{Stage: name, Count: groupNum(loc, n), OfPrev: "—", OfFirst: pct(loc, n, c[prakerja.StageAccounts])}
		bar := chart.HBar{Label: name, Value: n}
		if st > prakerja.StageAccounts {
			row.OfPrev = pct(loc, n, c[st-1])
			bar.Note = loc.T("ops.dashboard.note_prev", row.OfPrev)
		}
		v.Rows = append(v.Rows, row)
		bars = append(bars, bar)
	}
	var err error
	v.Chart, err = chart.HBars{ID: "funnel", Title: v.Title, Desc: v.Desc, Sep: numSep(loc),
		Empty: loc.T("ops.dashboard.no_data"), Bars: bars}.SVG()
	return v, err
}

// waveWindow charts new accounts while the wave was open (up to now for
// an open wave); nil before it opens.
func (s *Server) waveWindow(ctx context.Context, loc locale, w *prakerja.Wave) (*seriesView, error) {
	end := s.clock.Now()
	if w.ClosesAt.Before(end) {
		end = w.ClosesAt
	}
	if !end.After(w.OpensAt) {
		return nil, nil
	}
	q, daily := dashSpan(w.OpensAt, end)
	key := "ops.dashboard.bucket.hour"
	if daily {
		key = "ops.dashboard.bucket.day"
	}
	from, to := q.From.In(prakerja.WIB).Format("02 Jan 2006 15:04"), q.To.In(prakerja.WIB).Format("02 Jan 2006 15:04")+" WIB"
	return s.series(ctx, loc, "wave-window", loc.T("ops.dashboard.wave_hourly", loc.T(key)), q, daily,
		func(total, _, _ string) string { return loc.T("ops.dashboard.wave_hourly_dsc", total, from, to) })
}
