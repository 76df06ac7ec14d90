package http

import (
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
)

// TestProvinceTiles checks the map covers every current province once,
// each on its own square, with a distinct abbreviation.
func TestProvinceTiles(t *testing.T) {
	t.Parallel()
	byCode := map[string]bool{}
	cells := map[[2]int]string{}
	shorts := map[string]string{}
	for _, p := range provinceTiles {
		if byCode[p.Code] {
			t.Errorf("province %s twice", p.Code)
		}
		byCode[p.Code] = true
		if other, ok := cells[[2]int{p.Col, p.Row}]; ok {
			t.Errorf("provinces %s and %s share square (%d,%d)", p.Code, other, p.Col, p.Row)
		}
		cells[[2]int{p.Col, p.Row}] = p.Code
		if other, ok := shorts[p.Short]; ok {
			t.Errorf("provinces %s and %s share abbreviation %s", p.Code, other, p.Short)
		}
		shorts[p.Short] = p.Code
	}
	for _, p := range nik.Provinces() {
		if !byCode[p.Code] {
			t.Errorf("province %s (%s) missing from the map", p.Code, p.Name)
		}
	}
	if len(provinceTiles) != len(nik.Provinces()) {
		t.Errorf("%d tiles for %d provinces", len(provinceTiles), len(nik.Provinces()))
	}
}

func TestPctAndLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n, of     int64
		id, en    string
		wantLevel int
	}{
		{0, 10, "0,0%", "0.0%", 0},
		{1, 3, "33,3%", "33.3%", 1},
		{2, 3, "66,6%", "66.6%", 3}, // floored, never rounded up into a level
		{199, 1000, "19,9%", "19.9%", 0},
		{4, 4, "100,0%", "100.0%", 4},
		{5, 4, "125,0%", "125.0%", 4},
		{1 << 60, 1 << 61, "50,0%", "50.0%", 2},
	}
	for _, tt := range tests {
		if got := pct(localeID, tt.n, tt.of); got != tt.id {
			t.Errorf("pct id %d/%d = %q, want %q", tt.n, tt.of, got, tt.id)
		}
		if got := pct(localeEN, tt.n, tt.of); got != tt.en {
			t.Errorf("pct en %d/%d = %q, want %q", tt.n, tt.of, got, tt.en)
		}
		if got := stageRateLevel(tt.n, tt.of); got != tt.wantLevel {
			t.Errorf("level %d/%d = %d, want %d", tt.n, tt.of, got, tt.wantLevel)
		}
	}
	if got := pct(localeEN, 3, 0); got != "—" {
		t.Errorf("pct of nothing = %q", got)
	}
}

// TestDashSpan checks a wave's window is cut into whole hours, into WIB
// days when more than a week of hours, and keeps its newest days when
// even those do not fit.
func TestDashSpan(t *testing.T) {
	t.Parallel()
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, prakerja.WIB)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name           string
		from, to       time.Time
		wantFrom, want time.Time
		width          time.Duration
	}{
		{"Hours", at("2020-04-11 09:30"), at("2020-04-16 16:00"), at("2020-04-11 09:00"), at("2020-04-16 16:00"), time.Hour},
		{"HoursRoundedOut", at("2020-04-11 09:30"), at("2020-04-11 10:01"), at("2020-04-11 09:00"), at("2020-04-11 11:00"), time.Hour},
		{"WIBDays", at("2020-04-11 09:30"), at("2020-06-30 16:00"), at("2020-04-11 00:00"), at("2020-07-01 00:00"), 24 * time.Hour},
		{"WeekOfHours", at("2020-04-11 09:00"), at("2020-04-18 09:00"), at("2020-04-11 09:00"), at("2020-04-18 09:00"), time.Hour},
		{"NewestDays", at("2020-01-01 00:00"), at("2021-01-01 00:00"), at("2021-01-01 00:00").Add(-dashBucketsMax * 24 * time.Hour), at("2021-01-01 00:00"), 24 * time.Hour},
	}
	for _, tt := range tests {
		q, daily := dashSpan(tt.from, tt.to)
		if !q.From.Equal(tt.wantFrom) || !q.To.Equal(tt.want) || q.Width != tt.width || daily != (tt.width > time.Hour) {
			t.Errorf("%s: %v – %v by %v, want %v – %v by %v", tt.name, q.From.In(prakerja.WIB), q.To.In(prakerja.WIB), q.Width,
				tt.wantFrom, tt.want, tt.width)
		}
		if err := q.Validate(); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
