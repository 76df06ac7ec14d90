package prakerja_test

import (
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// TestWaveStatus derives the status from the clock to the microsecond
// around both instants, in any zone the caller's times carry.
func TestWaveStatus(t *testing.T) {
	t.Parallel()
	closes := time.Date(2020, 4, 16, 16, 0, 0, 0, prakerja.WIB)
	w := &prakerja.Wave{OpensAt: closes.Add(-5 * 24 * time.Hour), ClosesAt: closes}
	tests := []struct {
		name string
		now  time.Time
		want prakerja.WaveStatus
	}{
		{"UpcomingBeforeOpens", w.OpensAt.Add(-time.Microsecond), prakerja.WaveUpcoming},
		{"OpenAtOpens", w.OpensAt, prakerja.WaveOpen},
		{"OpenClosesMinus1s", closes.Add(-time.Second).UTC(), prakerja.WaveOpen},
		{"ClosedAtClosesUTC", closes.UTC(), prakerja.WaveClosed},
		{"ClosedAtClosesOtherZone", closes.In(time.FixedZone("PST", -8*60*60)), prakerja.WaveClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := w.Status(tt.now); got != tt.want {
				t.Errorf("Status(%v) = %s, want %s", tt.now, got, tt.want)
			}
		})
	}
	selected := *w
	selected.SelectedAt = closes.Add(time.Hour)
	if got := selected.Status(closes); got != prakerja.WaveSelected {
		t.Errorf("selected wave: %s", got)
	}
}

// TestWaveRegionOf picks the most specific region a domicile counts under.
func TestWaveRegionOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		regions  []string
		quotas   map[string]int
		district string
		want     string
		wantOK   bool
	}{
		{"OKNationalIsProvince", nil, nil, "31.71.01", "31", true},
		{"OKRegencyQuota", []string{"31"}, map[string]int{"31": 5, "31.71": 2}, "31.71.01", "31.71", true},
		{"OKAllowedRegency", []string{"31.71"}, nil, "31.71.01", "31.71", true},
		{"ErrOtherProvince", []string{"31"}, nil, "32.73.01", "", false},
		{"ErrPrefixIsNotContainment", []string{"31.7"}, nil, "31.71.01", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := &prakerja.Wave{Regions: tt.regions, RegionQuotas: tt.quotas}
			got, ok := w.RegionOf(tt.district)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("RegionOf(%s) = %q %v, want %q %v", tt.district, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
