package http

import (
	"context"
	"html/template"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/chart"
)

// Dashboard time series: new accounts per hour (or per day for a long
// wave), drawn as columns with the same numbers in a table.
const (
	dashHourlyWindow = 48 * time.Hour
	dashTicksMax     = 8 // axis labels under a column chart
	// dashBucketsMax bounds a wave window's chart and table: a week of
	// hours, else up to as many WIB days, so the page stays well under
	// its 100 KB budget.
	dashBucketsMax = 7 * 24
)

// numSep is loc's thousands separator: 1.234 in Indonesian, 1,234 in English.
func numSep(loc locale) string {
	if loc == localeEN {
		return ","
	}
	return "."
}

// groupNum formats a count for loc.
func groupNum(loc locale, n int64) string { return chart.Group(n, numSep(loc)) }

// seriesRow is one bucket of a series table.
type seriesRow struct {
	When  string // the bucket's start, WIB
	Count string
}

// seriesView is a column chart and its table.
type seriesView struct {
	Title      string
	Chart      template.HTML
	Rows       []seriesRow
	TableLabel string // the <details> summary that opens the table
	WhenHead   string // the table's first column heading
	CountHead  string
	TotalLabel string
	Total      string
	Desc       string
}

// dashSpan chooses buckets for [from, to): hours when they fit in one
// chart, else WIB days; a span longer than the chart holds keeps its
// newest buckets. from and to are rounded out to whole buckets.
func dashSpan(from, to time.Time) (prakerja.BucketQuery, bool) {
	q := prakerja.BucketQuery{Status: prakerja.StatusRegistered, Width: time.Hour,
		From: from.Truncate(time.Hour), To: ceilTo(to, time.Hour, 0)}
	daily := q.Buckets() > dashBucketsMax
	if daily {
		// WIB midnight is 17:00 UTC: align days on the programme's clock.
		wib := 7 * time.Hour
		q.Width, q.From, q.To = 24*time.Hour, from.Add(wib).Truncate(24*time.Hour).Add(-wib), ceilTo(to, 24*time.Hour, wib)
	}
	if n := q.Buckets(); n > dashBucketsMax {
		q.From = q.To.Add(-time.Duration(dashBucketsMax) * q.Width)
	}
	return q, daily
}

// ceilTo rounds t up to a multiple of d, counted in the zone offset by
// offset east of UTC.
func ceilTo(t time.Time, d, offset time.Duration) time.Time {
	f := t.Add(offset).Truncate(d).Add(-offset)
	if f.Before(t) {
		f = f.Add(d)
	}
	return f
}

// describeFunc writes a series' one-sentence summary from its total and
// its busiest bucket (start, WIB, and count); peak is "" when all are 0.
type describeFunc func(total, peakAt, peak string) string

// series reads q and draws it. id prefixes the chart's element ids.
func (s *Server) series(ctx context.Context, loc locale, id, title string, q prakerja.BucketQuery, daily bool, describe describeFunc) (*seriesView, error) {
	counts, err := s.store.StatusEntries(ctx, q)
	if err != nil {
		return nil, err
	}
	layout, colKey := "02 Jan 15:04", "ops.dashboard.hour"
	if daily {
		layout, colKey = "02 Jan 2006", "ops.dashboard.day"
	}
	every := max(1, (len(counts)+dashTicksMax-1)/dashTicksMax)
	v := &seriesView{Title: title, TableLabel: loc.T("ops.dashboard.table"), WhenHead: loc.T(colKey),
		CountHead: loc.T("ops.dashboard.accounts"), TotalLabel: loc.T("ops.dashboard.total")}
	bars := make([]chart.Bar, len(counts))
	var total int64
	var peak prakerja.BucketCount
	for i, c := range counts {
		at := c.Start.In(prakerja.WIB)
		label := at.Format("15:04")
		if daily {
			label = at.Format("02/01")
		}
		bars[i] = chart.Bar{Label: label, Value: c.Count, Tick: i%every == 0}
		v.Rows = append(v.Rows, seriesRow{When: at.Format(layout), Count: groupNum(loc, c.Count)})
		total += c.Count
		if c.Count > peak.Count {
			peak = c
		}
	}
	v.Total = groupNum(loc, total)
	v.Desc = describe(v.Total, "", "")
	if total > 0 {
		v.Desc = describe(v.Total, peak.Start.In(prakerja.WIB).Format(layout)+" WIB", groupNum(loc, peak.Count))
	}
	v.Chart, err = chart.Bars{ID: id, Title: title, Desc: v.Desc, Sep: numSep(loc),
		Empty: loc.T("ops.dashboard.no_data"), Bars: bars}.SVG()
	return v, err
}
