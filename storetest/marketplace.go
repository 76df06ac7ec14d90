package storetest

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// testMarketCatalogue stores platforms, providers with an owner link and
// courses, then reads the catalogue through each filter: the conflict flag
// must follow the ownership link, and every refusal has its code.
func testMarketCatalogue(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	m := mustMarket(t, s, 1)
	t.Run("ErrSlugTaken", func(t *testing.T) {
		dup := &prakerja.Platform{Slug: m.platforms[0].Slug, Name: "Again", KeyHash: keyHash(seq.Add(1))}
		WantCode(t, s.CreatePlatform(ctx, dup, T0), prakerja.CodeConflict)
	})
	t.Run("ErrUnknownOwner", func(t *testing.T) {
		p := &prakerja.Provider{Slug: "lpp-x", Name: "X", KeyHash: keyHash(seq.Add(1)), Owners: []int64{999_999}}
		WantCode(t, s.CreateProvider(ctx, p, T0), prakerja.CodeNotFound)
		_, err := s.ProviderByKeyHash(ctx, p.KeyHash)
		WantCode(t, err, prakerja.CodeUnauthorized) // nothing of the refused provider was kept
	})
	t.Run("ErrCourseInvalid", func(t *testing.T) {
		c := &prakerja.Course{ProviderID: m.providers[0].ID, PlatformID: m.platforms[0].ID, Title: " ", Price: 0, Hours: 1}
		WantCode(t, s.CreateCourse(ctx, c, T0), prakerja.CodeInvalid)
		c = &prakerja.Course{ProviderID: 999_999, PlatformID: m.platforms[0].ID, Title: "T", Price: 1, Hours: 1}
		WantCode(t, s.CreateCourse(ctx, c, T0), prakerja.CodeNotFound)
	})
	t.Run("Keys", func(t *testing.T) {
		p, err := s.PlatformByKeyHash(ctx, m.platforms[1].KeyHash)
		must(t, err)
		diff(t, "platform", p, m.platforms[1])
		_, err = s.PlatformByKeyHash(ctx, keyHash(-1))
		WantCode(t, err, prakerja.CodeUnauthorized)
		pv, err := s.ProviderByKeyHash(ctx, m.providers[0].KeyHash)
		must(t, err)
		diff(t, "provider", pv, m.providers[0])
	})
	t.Run("Conflict", func(t *testing.T) {
		want := []bool{true, false, false, false}
		for i, c := range m.courses {
			got, err := s.Course(ctx, c.ID)
			must(t, err)
			if got.ConflictOfInterest != want[i] || got.PlatformName != m.platforms[indexOfPlatform(m, c.PlatformID)].Name {
				t.Fatalf("course %d: conflict %v (want %v), platform %q", i, got.ConflictOfInterest, want[i], got.PlatformName)
			}
		}
		_, err := s.Course(ctx, 999_999)
		WantCode(t, err, prakerja.CodeNotFound)
	})
	testMarketFilters(t, s, m)
}

func indexOfPlatform(m *market, id int64) int {
	if m.platforms[0].ID == id {
		return 0
	}
	return 1
}

// testMarketFilters reads the catalogue through each filter; the market's
// catalogue is its own, so platform filters isolate it from parallel tests
// sharing a database.
func testMarketFilters(t *testing.T, s prakerja.Store, m *market) {
	ctx := context.Background()
	yes, no := true, false
	p0, p1 := m.platforms[0].ID, m.platforms[1].ID
	tests := []struct {
		name string
		f    prakerja.CourseFilter
		want []int // indexes into m.courses
	}{
		{"Platform", prakerja.CourseFilter{PlatformID: p0}, []int{0, 2}},
		{"Provider", prakerja.CourseFilter{ProviderID: m.providers[1].ID}, []int{2, 3}},
		{"Conflicted", prakerja.CourseFilter{PlatformID: p0, Conflicted: &yes}, []int{0}},
		{"NotConflicted", prakerja.CourseFilter{PlatformID: p1, Conflicted: &no}, []int{1, 3}},
		{"MaxPrice", prakerja.CourseFilter{PlatformID: p1, MaxPrice: 1_000_000}, []int{1}},
		{"SearchCase", prakerja.CourseFilter{PlatformID: p0, Search: "pemasaran digital 2"}, []int{2}},
		{"SearchWildcard", prakerja.CourseFilter{PlatformID: p0, Search: "%"}, nil},
		{"Page", prakerja.CourseFilter{PlatformID: p0, Limit: 1}, []int{0}},
		{"After", prakerja.CourseFilter{PlatformID: p0, AfterID: m.courses[0].ID}, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Courses(ctx, tt.f)
			must(t, err)
			var ids, want []int64
			for _, c := range got {
				ids = append(ids, c.ID)
			}
			for _, i := range tt.want {
				want = append(want, m.courses[i].ID)
			}
			diff(t, "course ids", ids, want)
			if tt.f.Limit == 0 && tt.f.AfterID == 0 {
				n, err := s.CountCourses(ctx, tt.f)
				must(t, err)
				if n != int64(len(want)) {
					t.Fatalf("count %d, want %d", n, len(want))
				}
			}
		})
	}
	t.Run("Inactive", func(t *testing.T) {
		must(t, s.SetCourseActive(ctx, m.courses[2].ID, false))
		got, err := s.Courses(ctx, prakerja.CourseFilter{PlatformID: p0, OnlyActive: true})
		must(t, err)
		if len(got) != 1 || got[0].ID != m.courses[0].ID {
			t.Fatalf("active courses %v", got)
		}
		must(t, s.SetCourseActive(ctx, m.courses[2].ID, true))
		WantCode(t, s.SetCourseActive(ctx, 999_999, true), prakerja.CodeNotFound)
	})
}

// testMarketCardHolder finds a participant by card number, and refuses an
// unknown card with its own code.
func testMarketCardHolder(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	lw := MustLedgerWave(t, s, 1, 0)
	part, err := s.Participant(ctx, lw.Participants[0])
	must(t, err)
	h, err := s.CardHolder(ctx, part.CardNumber)
	must(t, err)
	if len(h.Phone.Ciphertext) == 0 {
		t.Fatal("card holder without the sealed phone")
	}
	h.Phone = prakerja.Sealed{}
	diff(t, "holder", h, &prakerja.CardHolder{RegistrationID: part.RegistrationID, WaveID: lw.Wave.ID, Scheme: "2020"})
	_, err = s.CardHolder(ctx, "0000000000000000")
	WantCode(t, err, prakerja.CodeCardUnknown)
	// ChargeFacts finds the same holder; the wave is not credited yet and
	// nothing was bought, so every count is 0.
	f, err := s.ChargeFacts(ctx, part.CardNumber, T0)
	must(t, err)
	f.Holder.Phone = prakerja.Sealed{}
	diff(t, "charge facts", f, &prakerja.ChargeFacts{Holder: h})
	_, err = s.ChargeFacts(ctx, "0000000000000000", T0)
	WantCode(t, err, prakerja.CodeCardUnknown)
}
