package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testCreateWave covers storing, reading and listing waves, and refusing
// invalid ones before anything is written.
func testCreateWave(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	w := NewWave("Gelombang 1")
	w.Regions = []string{"31", "32.73"}
	w.RegionQuotas = map[string]int{"31": 600, "31.71": 100, "32.73": 300}
	mustWave(t, s, w)
	if w.ID == 0 || !w.CreatedAt.Equal(T0) {
		t.Fatalf("wave ID %d created %v; want an ID and %v", w.ID, w.CreatedAt, T0)
	}
	got, err := s.Wave(ctx, w.ID)
	must(t, err)
	diff(t, "wave", got, w)
	later := mustWave(t, s, &prakerja.Wave{Name: "Gelombang 2", Scheme: "2020",
		OpensAt: WaveCloses.Add(96 * time.Hour), ClosesAt: WaveCloses.Add(192 * time.Hour), Quota: 5})
	all, err := s.Waves(ctx, time.Time{})
	must(t, err)
	diff(t, "all waves", all, []prakerja.Wave{*w, *later})
	current, err := s.Waves(ctx, WaveCloses)
	must(t, err)
	diff(t, "waves closing after the first", current, []prakerja.Wave{*later})
	_, err = s.Wave(ctx, later.ID+1)
	WantCode(t, err, prakerja.CodeNotFound)
}

// testCreateWaveInvalid refuses each kind of bad wave with CodeInvalid.
func testCreateWaveInvalid(t *testing.T, open Opener) {
	s := open(t)
	tests := []struct {
		name   string
		change func(w *prakerja.Wave)
	}{
		{"ErrClosesAtOpens", func(w *prakerja.Wave) { w.ClosesAt = w.OpensAt }},
		{"ErrNoName", func(w *prakerja.Wave) { w.Name = " " }},
		{"ErrNoScheme", func(w *prakerja.Wave) { w.Scheme = "" }},
		{"ErrQuotaZero", func(w *prakerja.Wave) { w.Quota = 0 }},
		{"ErrQuotaHuge", func(w *prakerja.Wave) { w.Quota = prakerja.WaveQuotaMax + 1 }},
		{"ErrRegionFormat", func(w *prakerja.Wave) { w.Regions = []string{"3171"} }},
		{"ErrQuotasOverTotal", func(w *prakerja.Wave) { w.RegionQuotas = map[string]int{"31": 600, "32": 401} }},
		{"ErrQuotaOutsideRegions", func(w *prakerja.Wave) {
			w.Regions, w.RegionQuotas = []string{"31"}, map[string]int{"32": 1}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := NewWave("Gelombang")
			tt.change(w)
			WantCode(t, s.CreateWave(context.Background(), w, T0), prakerja.CodeInvalid)
		})
	}
	all, err := s.Waves(context.Background(), time.Time{})
	must(t, err)
	if len(all) != 0 {
		t.Fatalf("%d waves stored after refusals", len(all))
	}
}

// testJoinWaveClock moves now to the second around the opening and the
// closing instants: the close is refused from its first microsecond.
func testJoinWaveClock(t *testing.T, open Opener) {
	s := open(t)
	w := mustWave(t, s, NewWave("Gelombang 1"))
	tests := []struct {
		name string
		now  time.Time
		want prakerja.Code
	}{
		{"ErrOpensMinus1s", WaveOpens.Add(-time.Second), prakerja.CodeWaveNotOpen},
		{"OKAtOpens", WaveOpens, ""},
		{"OKClosesMinus1s", WaveCloses.Add(-time.Second), ""},
		{"OKClosesMinus1us", WaveCloses.Add(-time.Microsecond), ""},
		{"ErrAtCloses", WaveCloses, prakerja.CodeWaveClosed},
		{"ErrClosesPlus1s", WaveCloses.Add(time.Second), prakerja.CodeWaveClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := mustJoiner(t, s, "31.71.01")
			j, created, err := s.JoinWave(context.Background(), w.ID, rec.ID, tt.now)
			if tt.want != "" {
				WantCode(t, err, tt.want)
				return
			}
			must(t, err)
			want := &prakerja.WaveJoin{WaveID: w.ID, RegistrationID: rec.ID, JoinedAt: tt.now.UTC(), Region: "31"}
			if !created {
				t.Error("created = false on a first join")
			}
			diff(t, "join", j, want)
		})
	}
}
