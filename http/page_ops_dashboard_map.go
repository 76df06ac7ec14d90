package http

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/chart"
	"github.com/prakerja/prakerja/nik"
)

// provinceTile places a province on the dashboard's tile-grid map of
// Indonesia: one square each, roughly where it lies, Sumatra in the west
// to Papua in the east. Short is the ISO 3166-2:ID subdivision code.
type provinceTile struct {
	Code, Short string
	Col, Row    int
}

// provinceTiles are the 38 provinces (Kemendagri codes, 2022 borders).
var provinceTiles = []provinceTile{
	{"11", "AC", 0, 0}, {"12", "SU", 1, 1}, {"14", "RI", 2, 1}, {"21", "KR", 3, 1},
	{"13", "SB", 1, 2}, {"15", "JA", 2, 2}, {"19", "BB", 3, 2},
	{"17", "BE", 2, 3}, {"16", "SS", 3, 3}, {"18", "LA", 3, 4},
	{"31", "JK", 4, 4}, {"36", "BT", 4, 5}, {"32", "JB", 5, 5}, {"33", "JT", 6, 5}, {"34", "YO", 6, 6},
	{"35", "JI", 7, 5}, {"51", "BA", 8, 5}, {"52", "NB", 9, 5}, {"53", "NT", 10, 5},
	{"65", "KU", 6, 1}, {"61", "KB", 5, 2}, {"64", "KI", 6, 2}, {"62", "KT", 5, 3}, {"63", "KS", 6, 3},
	{"75", "GO", 8, 1}, {"71", "SA", 9, 1}, {"72", "ST", 8, 2}, {"76", "SR", 7, 3}, {"73", "SN", 8, 3}, {"74", "SG", 9, 3},
	{"82", "MU", 10, 1}, {"81", "MA", 10, 3},
	{"96", "PD", 11, 2}, {"92", "PB", 12, 2}, {"91", "PA", 13, 2}, {"94", "PT", 12, 3}, {"95", "PE", 13, 3}, {"93", "PS", 13, 4},
}

// dashMapLegend names the five colour levels: the stage rate in steps of
// 20 percentage points (a rate's level is its whole percent / 20).
var dashMapLegend = []string{"0–19%", "20–39%", "40–59%", "60–79%", "80–100%"}

// provinceName is a province's name, or its code when the tables do not
// know it (a domicile code from before a split).
func provinceName(code string) string {
	if r, ok := nik.LookupProvince(code); ok {
		return r.Name
	}
	return code
}

// pct is n as a share of of, with one decimal in loc's style; "—" when
// of is 0.
func pct(loc locale, n, of int64) string {
	if of <= 0 {
		return "—"
	}
	s := strconv.FormatFloat(math.Floor(float64(n)*1000/float64(of))/10, 'f', 1, 64)
	if loc == localeID {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + "%"
}

// stageRateLevel is the map level of count n of a stage whose stage
// before counted of: its whole percent / 20, capped at the top level.
func stageRateLevel(n, of int64) int {
	whole := math.Floor(float64(n) * 100 / float64(of)) // float: n*100 overflows int64 near 2^63
	return min(max(int(whole)/20, 0), len(dashMapLegend)-1)
}

// dashMapView is the tile map of a wave's funnel: each province coloured
// by the rate of one stage against the stage before.
type dashMapView struct {
	Title string
	Desc  string
	Chart template.HTML
}

// dashMap draws the map for stage (never the first: it has no stage before).
func dashMap(loc locale, f *prakerja.WaveFunnel, stage prakerja.FunnelStage) (*dashMapView, error) {
	if stage <= prakerja.StageAccounts || stage >= prakerja.FunnelStageCount {
		return nil, fmt.Errorf("dashboard map: stage %d has no stage before it", stage)
	}
	name := loc.T("ops.dashboard.stage." + stage.String())
	v := &dashMapView{Title: loc.T("ops.dashboard.map", loc.T("ops.dashboard.map_rate", name)),
		Desc: loc.T("ops.dashboard.map_desc", name)}
	tiles := make([]chart.Tile, 0, len(provinceTiles))
	for _, p := range provinceTiles {
		c := f.Province(p.Code)
		n, of := c[stage], c[stage-1]
		t := chart.Tile{Col: p.Col, Row: p.Row, Short: p.Short, Name: provinceName(p.Code), Value: pct(loc, n, of)}
		if of <= 0 {
			t.NoData = true
		} else {
			t.Level = stageRateLevel(n, of)
		}
		tiles = append(tiles, t)
	}
	var err error
	v.Chart, err = chart.TileMap{ID: "province-map", Title: v.Title, Desc: v.Desc, Tiles: tiles,
		Legend: dashMapLegend, NoData: loc.T("ops.dashboard.map_nodata")}.SVG()
	return v, err
}
