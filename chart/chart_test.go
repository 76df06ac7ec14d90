package chart

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
)

// wantWellFormed fails unless svg parses as XML and carries its title and
// description, so a browser renders it and a screen reader names it.
func wantWellFormed(t *testing.T, svg, title string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
	}
	for _, want := range []string{`role="img"`, `aria-labelledby=`, "<title id=", "<desc id=", title} {
		if !strings.Contains(svg, want) {
			t.Errorf("svg lacks %q", want)
		}
	}
}

func TestBars(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		bars    []Bar
		want    []string
		wantErr error
	}{
		{name: "Empty", want: []string{"Belum ada data"}},
		{name: "OnePoint", bars: []Bar{{Label: "09:00", Value: 7, Tick: true}},
			want: []string{"09:00: 7", ">09:00</text>", "<rect"}},
		{name: "AllZero", bars: []Bar{{Label: "a", Value: 0}, {Label: "b", Value: 0}}, want: []string{"a: 0", "b: 0"}},
		{name: "Huge", bars: []Bar{{Label: "max", Value: math.MaxInt64}, {Label: "one", Value: 1}},
			want: []string{"max: 9.223.372.036.854.775.807", "10.000.000.000.000.000.000"}},
		{name: "Thousands", bars: []Bar{{Label: "h", Value: 1234567}}, want: []string{"h: 1.234.567"}},
		{name: "Escaped", bars: []Bar{{Label: `<script>&"`, Value: 3, Tick: true}},
			want: []string{"&lt;script&gt;&amp;&#34;"}},
		{name: "ErrNegative", bars: []Bar{{Label: "x", Value: -1}}, wantErr: ErrNegative},
		{name: "ErrTooMany", bars: make([]Bar, BarsMax+1), wantErr: ErrTooMany},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			svg, err := Bars{ID: "hourly", Title: "Pendaftaran per jam", Desc: "d", Sep: ".", Empty: "Belum ada data", Bars: tt.bars}.SVG()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			wantWellFormed(t, string(svg), "Pendaftaran per jam")
			for _, w := range tt.want {
				if !strings.Contains(string(svg), w) {
					t.Errorf("svg lacks %q:\n%s", w, svg)
				}
			}
			if strings.Contains(string(svg), "<script>") || strings.Contains(string(svg), "NaN") || strings.Contains(string(svg), "Inf") {
				t.Errorf("svg has raw markup or a bad number:\n%s", svg)
			}
		})
	}
}

func TestBarsBadID(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"", `a"b`, "A", strings.Repeat("a", IDMax+1)} {
		if _, err := (Bars{ID: id}).SVG(); !errors.Is(err, ErrBadID) {
			t.Errorf("id %q: err = %v, want ErrBadID", id, err)
		}
	}
}

// TestBarsHeights checks the scale: a bar of half the top tick is half
// the plot high, and the tallest is never above the plot.
func TestBarsHeights(t *testing.T) {
	t.Parallel()
	svg, err := Bars{ID: "h", Title: "t", Sep: ",", Bars: []Bar{{Label: "a", Value: 50}, {Label: "b", Value: 100}}}.SVG()
	if err != nil {
		t.Fatal(err)
	}
	plot := float64(barsH - barsTop - barsBottom)
	for _, want := range []string{`height="` + num(plot/2) + `"`, `height="` + num(plot) + `"`} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("svg lacks %s:\n%s", want, svg)
		}
	}
}

func TestHBars(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		bars    []HBar
		want    []string
		wantErr error
	}{
		{name: "Empty", want: []string{"No data"}},
		{name: "OnePoint", bars: []HBar{{Label: "Accounts", Value: 10}}, want: []string{"Accounts: 10"}},
		{name: "Funnel", bars: []HBar{{Label: "Accounts", Value: 10000}, {Label: "Joined", Value: 0, Note: "0% of previous"}},
			want: []string{"Accounts: 10,000", "Joined: 0 (0% of previous)", `width="0"`}},
		{name: "Huge", bars: []HBar{{Label: "x", Value: math.MaxInt64}}, want: []string{"x: 9,223,372,036,854,775,807"}},
		{name: "ErrNegative", bars: []HBar{{Label: "x", Value: -5}}, wantErr: ErrNegative},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			svg, err := HBars{ID: "funnel", Title: "Funnel", Sep: ",", Empty: "No data", Bars: tt.bars}.SVG()
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			wantWellFormed(t, string(svg), "Funnel")
			for _, w := range tt.want {
				if !strings.Contains(string(svg), w) {
					t.Errorf("svg lacks %q:\n%s", w, svg)
				}
			}
		})
	}
}

func TestTileMap(t *testing.T) {
	t.Parallel()
	legend := []string{"0–19 %", "20–39 %", "40–59 %", "60–79 %", "80–100 %"}
	tests := []struct {
		name    string
		tiles   []Tile
		legend  []string
		want    []string
		wantErr bool
	}{
		{name: "Empty", legend: legend, want: []string{"80–100 %", "no data"}},
		{name: "OneTile", legend: legend, tiles: []Tile{{Col: 0, Row: 0, Short: "ACH", Name: "Aceh", Value: "45%", Level: 2}},
			want: []string{">ACH</text>", ">45%</text>", "<title>Aceh: 45%</title>", Palette[2].Fill}},
		{name: "NoData", legend: legend, tiles: []Tile{{Col: 3, Row: 2, Short: "PPS", Name: "Papua Selatan", Value: "–", NoData: true}},
			want: []string{">PPS</text>", `fill="#ffffff"`}},
		{name: "DarkTileWhiteText", legend: legend, tiles: []Tile{{Short: "JKT", Name: "Jakarta", Value: "90%", Level: 4}},
			want: []string{Palette[4].Fill, `fill="#ffffff">JKT</text>`}},
		{name: "Escaped", legend: legend, tiles: []Tile{{Short: "<b>", Name: "x", Value: "1", Level: 0}}, want: []string{"&lt;b&gt;"}},
		{name: "ErrLevel", legend: legend, tiles: []Tile{{Short: "X", Level: 5}}, wantErr: true},
		{name: "ErrOutside", legend: legend, tiles: []Tile{{Short: "X", Col: -1}}, wantErr: true},
		{name: "ErrLegend", legend: append(legend, "extra"), wantErr: true},
		{name: "ErrTooMany", legend: legend, tiles: make([]Tile, TilesMax+1), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			svg, err := TileMap{ID: "map", Title: "Peta", Desc: "d", Tiles: tt.tiles, Legend: tt.legend, NoData: "no data"}.SVG()
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			wantWellFormed(t, string(svg), "Peta")
			for _, w := range tt.want {
				if !strings.Contains(string(svg), w) {
					t.Errorf("svg lacks %q:\n%s", w, svg)
				}
			}
		})
	}
}

func TestGroup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    int64
		sep  string
		want string
	}{
		{0, ".", "0"}, {999, ".", "999"}, {1000, ".", "1.000"}, {-1234567, ",", "-1,234,567"},
		{math.MaxInt64, ".", "9.223.372.036.854.775.807"},
	}
	for _, tt := range tests {
		if got := Group(tt.n, tt.sep); got != tt.want {
			t.Errorf("Group(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		max  int64
		want []float64
	}{
		{0, []float64{0, 1}},
		{1, []float64{0, 1}},
		{3, []float64{0, 1, 2, 3}},
		{7, []float64{0, 2, 4, 6, 8}},
		{100, []float64{0, 50, 100}},
		{101, []float64{0, 50, 100, 150}},
	}
	for _, tt := range tests {
		got := niceTicks(tt.max)
		if len(got) != len(tt.want) {
			t.Errorf("niceTicks(%d) = %v, want %v", tt.max, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("niceTicks(%d) = %v, want %v", tt.max, got, tt.want)
			}
		}
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s     string
		width int
		want  []string
	}{
		{"", 10, []string{""}},
		{"Akun: 10", 10, []string{"Akun: 10"}},
		{"Dibelanjakan untuk pelatihan: 750.000", 20, []string{"Dibelanjakan untuk", "pelatihan: 750.000"}},
		{"Supercalifragilistic x", 5, []string{"Supercalifragilistic", "x"}},
	}
	for _, tt := range tests {
		got := wrap(tt.s, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}
