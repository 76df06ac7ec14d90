package http

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/storetest"
)

// dashEnv is the dashboards on a real SQLite store holding the storetest
// dashboard population, seen at storetest.T0.
type dashEnv struct {
	*opsEnv
	store prakerja.Store
	wave  *prakerja.Wave
	now   time.Time
}

func newDashEnv(t *testing.T) *dashEnv {
	t.Helper()
	store := openSQLite(t)
	wave := storetest.MustDashboardPopulation(t, store)
	srv := NewServer(Config{}, Deps{Registrations: okService(), Store: store, Clock: fixedClock{storetest.T0},
		Logger: slog.New(slog.DiscardHandler)})
	return &dashEnv{opsEnv: &opsEnv{srv: srv, ops: srv.OpsHandler()}, store: store, wave: wave, now: storetest.T0}
}

// get fetches a dashboard page and fails unless it has status want, fits
// the page budget and misses no translation.
func (e *dashEnv) get(t *testing.T, url string, want int) string {
	t.Helper()
	rec := e.do(scenario{method: "GET", url: url}.request())
	scenario{wantStatus: want, wantBody: []string{`role="img"`, "<title id="}, notBody: []string{"⟦", "<script"}}.check(t, rec)
	if rec.Body.Len() >= pageBytesMax {
		t.Errorf("%s: %d bytes (max %d)", url, rec.Body.Len(), pageBytesMax)
	}
	return rec.Body.String()
}

var (
	rowRE  = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRE = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	tagRE  = regexp.MustCompile(`<[^>]+>`)
)

// part returns the markup from the first occurrence of start up to the
// next end.
func part(t *testing.T, body, start, end string) string {
	t.Helper()
	i := strings.Index(body, start)
	if i < 0 {
		t.Fatalf("page lacks %q", start)
	}
	j := strings.Index(body[i:], end)
	if j < 0 {
		t.Fatalf("page lacks %q after %q", end, start)
	}
	return body[i : i+j]
}

// tableRows returns the text of every cell of every row of markup,
// header and footer rows included.
func tableRows(markup string) [][]string {
	var rows [][]string
	for _, m := range rowRE.FindAllStringSubmatch(markup, -1) {
		var cells []string
		for _, c := range cellRE.FindAllStringSubmatch(m[1], -1) {
			cells = append(cells, strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(c[1], ""))))
		}
		rows = append(rows, cells)
	}
	return rows
}

// wantCells fails unless row's cells from the second on are want.
func wantCells(t *testing.T, what string, row []string, want ...string) {
	t.Helper()
	if len(row) != len(want)+1 {
		t.Fatalf("%s: row %q, want %d values %q", what, row, len(want), want)
	}
	for i, w := range want {
		if row[i+1] != w {
			t.Errorf("%s: %q column %d = %q, want %q (the store's)", what, row[0], i+1, row[i+1], w)
		}
	}
}

// TestOpsDashboardSQLite holds every number on /ops/dashboard to the
// store's answers: each hour of the last 48, each backlog status, each
// ledger figure, each payment state.
func TestOpsDashboardSQLite(t *testing.T) {
	t.Parallel()
	e := newDashEnv(t)
	ctx := context.Background()
	body := e.get(t, "/ops/dashboard?lang=en", http.StatusOK)
	en := localeEN

	to := ceilTo(e.now, time.Hour, 0)
	counts, err := e.store.StatusEntries(ctx, prakerja.BucketQuery{Status: prakerja.StatusRegistered,
		From: to.Add(-48 * time.Hour), To: to, Width: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	rows := tableRows(part(t, body, `<section aria-labelledby="h-hourly">`, "</section>"))
	if len(rows) != 48+2 {
		t.Fatalf("hourly table has %d rows, want 48 and a header and a total", len(rows))
	}
	var total int64
	for i, c := range counts {
		if when := c.Start.In(prakerja.WIB).Format("02 Jan 15:04"); rows[i+1][0] != when {
			t.Errorf("hour %d labelled %q, want %q", i, rows[i+1][0], when)
		}
		wantCells(t, "hourly", rows[i+1], groupNum(en, c.Count))
		total += c.Count
	}
	// The fixture registers 11 accounts in these 48 hours (dashHourly).
	wantCells(t, "hourly total", rows[49], "11")
	if total != 11 {
		t.Errorf("store counts %d new accounts, the fixture made 11", total)
	}

	backlog, err := e.store.Backlog(ctx, e.now)
	if err != nil {
		t.Fatal(err)
	}
	rows = tableRows(part(t, body, `<section aria-labelledby="h-backlog">`, "</section>"))
	for i, b := range backlog {
		if rows[i+1][0] != statusWords(en, b.Status) {
			t.Errorf("backlog row %d is %q, want %s", i, rows[i+1][0], b.Status)
		}
		wantCells(t, "backlog", rows[i+1], groupNum(en, b.Count), ageWords(en, b.Oldest, e.now))
	}

	flows, err := e.store.DashboardLedger(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if flows.Funded == 0 || flows.Paid == 0 {
		t.Fatalf("fixture money missing: %+v", flows)
	}
	rows = tableRows(part(t, body, `<section aria-labelledby="h-money">`, "</section>"))
	for i, fig := range dashMoneyFigures {
		if rows[i+1][0] != messagesEN["ops.dashboard.money."+fig.key] {
			t.Errorf("money row %d is %q, want %s", i, rows[i+1][0], fig.key)
		}
		wantCells(t, "money", rows[i+1], scheme.FormatRupiah(fig.value(flows)))
	}

	funnel, err := e.store.PayoutFunnel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows = tableRows(part(t, body, `<section aria-labelledby="h-payouts">`, "</section>"))
	for i, st := range opsPayoutStates {
		wantCells(t, "payouts "+string(st), rows[i+1], groupNum(en, funnel.ByState[st]), scheme.FormatRupiah(funnel.AmountByState[st]))
	}
	if !strings.Contains(body, fmt.Sprintf(`href="/ops/dashboard/waves/%d"`, e.wave.ID)) {
		t.Errorf("no link to the wave's funnel")
	}
}

// TestOpsDashboardWaveSQLite holds the wave page to the store's funnel:
// every stage for all provinces and for one, every province's row, and
// the map's rate; bad filters are refused next to their select.
func TestOpsDashboardWaveSQLite(t *testing.T) {
	t.Parallel()
	e := newDashEnv(t)
	f, err := e.store.WaveFunnel(context.Background(), e.wave.ID)
	if err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("/ops/dashboard/waves/%d", e.wave.ID)
	for _, tc := range []struct {
		province string
		want     prakerja.StageCounts
	}{{"", f.Total()}, {"31", f.Province("31")}, {"32", f.Province("32")}} {
		body := e.get(t, base+"?lang=en&province="+tc.province, http.StatusOK)
		rows := tableRows(part(t, body, `<table id="funnel-table">`, "</table>"))
		if len(rows) != int(prakerja.FunnelStageCount)+1 {
			t.Fatalf("funnel table has %d rows", len(rows))
		}
		for st, n := range tc.want {
			prev := "—"
			if st > 0 {
				prev = pct(localeEN, n, tc.want[st-1])
			}
			wantCells(t, "funnel "+tc.province, rows[st+1], groupNum(localeEN, n), prev, pct(localeEN, n, tc.want[0]))
		}
	}
	body := e.get(t, base+"?lang=en", http.StatusOK)
	rows := tableRows(part(t, body, `<table id="province-table">`, "</table>"))
	if len(rows) != len(f.Rows)+2 {
		t.Fatalf("province table has %d rows, want %d provinces, a header and a total", len(rows), len(f.Rows))
	}
	for i, r := range f.Rows {
		if !strings.HasSuffix(rows[i+1][0], r.Province) {
			t.Errorf("province row %d is %q, want %s", i, rows[i+1][0], r.Province)
		}
		wantCells(t, "province "+r.Province, rows[i+1], groupCounts(localeEN, r.Counts)...)
	}
	wantCells(t, "province total", rows[len(rows)-1], groupCounts(localeEN, f.Total())...)
	// Jakarta's map tile: selected of eligible, 3 of 4 (the fixture).
	jk := f.Province("31")
	if got, want := pct(localeEN, jk[prakerja.StageSelected], jk[prakerja.StageEligible]), "75.0%"; got != want {
		t.Fatalf("Jakarta's selection rate %s, fixture says %s", got, want)
	}
	if !strings.Contains(body, ">JK</text>") || !strings.Contains(body, ">75.0%</text>") {
		t.Errorf("map lacks Jakarta's tile with 75.0%%")
	}
	if id := e.get(t, base+"?lang=id", http.StatusOK); !strings.Contains(id, ">75,0%</text>") {
		t.Errorf("Indonesian map lacks 75,0%%")
	}
	for _, bad := range []struct{ query, msg string }{
		{"province=99", messagesEN["ops.dashboard.bad_province"]},
		{"stage=bogus", messagesEN["ops.dashboard.bad_stage"]},
	} {
		body := e.get(t, base+"?lang=en&"+bad.query, http.StatusBadRequest)
		if !strings.Contains(body, bad.msg) || !strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("%s: no error next to the filter", bad.query)
		}
	}
	rec := e.do(scenario{method: "GET", url: "/ops/dashboard/waves/9999"}.request())
	scenario{wantStatus: http.StatusNotFound}.check(t, rec)
}
