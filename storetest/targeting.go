package storetest

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// targetingPerson is one registration of the targeting fixture.
type targetingPerson struct {
	district string
	impact   prakerja.WorkImpact
	consent  bool
	bansos   string // exclusion category the NIK is listed in, "" = none
}

// mustTargetingFixture stores people and lists the bansos ones; it returns
// their registration IDs in order.
func mustTargetingFixture(t *testing.T, s prakerja.Store, people []targetingPerson) []int64 {
	t.Helper()
	ids := make([]int64, len(people))
	lists := map[string][]int64{}
	for i, p := range people {
		v := Unique()
		nr := NewRegistration(v)
		nr.Record.DomicileDistrict, nr.Record.WorkImpact = p.district, p.impact
		if p.consent {
			nr.Record.TargetingConsentAt, nr.Record.ConsentNotice = T0, prakerja.TargetingNoticeVersion
		}
		must(t, s.CreateRegistration(context.Background(), nr))
		ids[i] = nr.Record.ID
		if p.bansos != "" {
			lists[p.bansos] = append(lists[p.bansos], v.NIK)
		}
	}
	for cat, nums := range lists {
		mustImport(t, s, cat, T0, nums)
	}
	return ids
}

// testTargeting covers the aggregates by province and regency, the bansos
// filter, the consent filter of individual rows, paging and the fields
// stored with a registration.
func testTargeting(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	ids := mustTargetingFixture(t, s, []targetingPerson{
		{"31.71.01", prakerja.WorkLostJob, true, ""},        // 0: counted, exported
		{"31.71.02", prakerja.WorkLostIncome, false, ""},    // 1: counted, no consent
		{"31.74.01", prakerja.WorkReducedHours, true, ""},   // 2: counted, exported
		{"31.74.01", prakerja.WorkLostJob, true, "pkh"},     // 3: on a bansos list
		{"31.71.01", prakerja.WorkNone, true, ""},           // 4: not hit
		{"32.73.05", prakerja.WorkLostJob, true, "asn"},     // 5: asn is no bansos list
		{"32.73.05", "", false, ""},                         // 6: not stated
		{"32.01.01", prakerja.WorkNewJobSeeker, true, ""},   // 7: not hit
		{"32.01.01", prakerja.WorkLostIncome, true, "dtks"}, // 8: on a bansos list
	})
	bansos := []string{"pkh", "bpnt", "dtks"}

	t.Run("StoredFields", func(t *testing.T) {
		r, err := s.Registration(ctx, ids[0])
		must(t, err)
		if r.WorkImpact != prakerja.WorkLostJob || !r.TargetingConsentAt.Equal(T0) ||
			r.ConsentNotice != prakerja.TargetingNoticeVersion || !r.WithdrawnAt.IsZero() {
			t.Fatalf("stored %q %v %q %v", r.WorkImpact, r.TargetingConsentAt, r.ConsentNotice, r.WithdrawnAt)
		}
		r, err = s.Registration(ctx, ids[6])
		must(t, err)
		if r.WorkImpact != "" || !r.TargetingConsentAt.IsZero() || r.ConsentNotice != "" {
			t.Fatalf("not stated: %q %v %q", r.WorkImpact, r.TargetingConsentAt, r.ConsentNotice)
		}
	})
	t.Run("Provinces", func(t *testing.T) {
		got, err := s.TargetingAggregates(ctx, prakerja.TargetingFilter{Level: prakerja.TargetingProvince, BansosCategories: bansos})
		must(t, err)
		diff(t, "provinces", got, []prakerja.TargetingAggregate{
			{Region: "31", Total: 5, LostJob: 1, LostIncome: 1, ReducedHours: 1},
			{Region: "32", Total: 4, LostJob: 1},
		})
	})
	t.Run("Regencies", func(t *testing.T) {
		got, err := s.TargetingAggregates(ctx, prakerja.TargetingFilter{Level: prakerja.TargetingRegency,
			Province: "31", BansosCategories: bansos})
		must(t, err)
		diff(t, "regencies", got, []prakerja.TargetingAggregate{
			{Region: "31.71", Total: 3, LostJob: 1, LostIncome: 1},
			{Region: "31.74", Total: 2, ReducedHours: 1},
		})
	})
	t.Run("NoCategories", func(t *testing.T) {
		got, err := s.TargetingAggregates(ctx, prakerja.TargetingFilter{Level: prakerja.TargetingProvince, Province: "32"})
		must(t, err)
		diff(t, "without bansos lists", got, []prakerja.TargetingAggregate{{Region: "32", Total: 4, LostJob: 1, LostIncome: 1}})
	})
	t.Run("Individuals", func(t *testing.T) {
		f := prakerja.TargetingFilter{BansosCategories: bansos}
		var got []int64
		after := int64(0)
		for range 10 {
			page, err := s.TargetingIndividuals(ctx, f, after, 2)
			must(t, err)
			for _, r := range page {
				got = append(got, r.RegistrationID)
				if len(r.NIK.Ciphertext) == 0 || len(r.Phone.Ciphertext) == 0 || r.ConsentNotice == "" {
					t.Fatalf("row %d lacks sealed NIK, phone or notice", r.RegistrationID)
				}
			}
			if len(page) < 2 {
				break
			}
			after = page[len(page)-1].RegistrationID
		}
		diff(t, "consenting targeted registrants", got, []int64{ids[0], ids[2], ids[5]})
	})
	t.Run("Invalid", func(t *testing.T) {
		_, err := s.TargetingAggregates(ctx, prakerja.TargetingFilter{Level: "district"})
		WantCode(t, err, prakerja.CodeInvalid)
		_, err = s.TargetingAggregates(ctx, prakerja.TargetingFilter{Level: prakerja.TargetingProvince, Province: "3'"})
		WantCode(t, err, prakerja.CodeInvalid)
		_, err = s.TargetingIndividuals(ctx, prakerja.TargetingFilter{BansosCategories: make([]string, prakerja.TargetingCategoriesMax+1)}, 0, 10)
		WantCode(t, err, prakerja.CodeInvalid)
	})
}
