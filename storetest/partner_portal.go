package storetest

import (
	"bytes"
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testPlatformReport: a platform's report counts its own paid vouchers by
// WIB day, its purchases by state and its courses' ratings, and nothing
// of the other platform.
func testPlatformReport(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	m := mustMarket(t, s, 2)
	r0, r1 := m.lw.Participants[0], m.lw.Participants[1]
	p1 := m.mustPaid(t, s, r0, m.courses[0])
	p2 := m.mustPaid(t, s, r0, m.courses[2])
	m.mustPaid(t, s, r1, m.courses[1])
	m.mustCharge(t, s, r1, m.courses[2], "ORD-PENDING", seq.Add(1))
	at := T0.Add(time.Hour)
	_, err := s.RedeemVoucher(ctx, p1.ProviderID, p1.VoucherCode, at)
	must(t, err)
	_, err = s.CompleteVoucher(ctx, p1.ProviderID, p1.VoucherCode, "PK-R1", at)
	must(t, err)
	_, err = s.ReviewPurchase(ctx, prakerja.ReviewInput{Review: prakerja.CourseReview{PurchaseID: p1.ID, RegistrationID: r0,
		Stars: 4, Text: "Bagus", CreatedAt: at}, IncentiveCount: 4, IntervalDays: 30})
	must(t, err)
	_, err = s.RefundVoucher(ctx, p2.PlatformID, p2.VoucherCode, at)
	must(t, err)

	rep, err := s.PlatformReport(ctx, m.platforms[0].ID, T0.Add(2*time.Hour))
	must(t, err)
	wib := time.FixedZone("WIB", 7*3600)
	y, mo, d := T0.In(wib).Date()
	day := time.Date(y, mo, d, 0, 0, 0, 0, wib).UTC()
	diff(t, "days", rep.Days, []prakerja.SalesDay{{Day: day, Sales: 2, Amount: m.courses[0].Price + m.courses[2].Price}})
	diff(t, "states", rep.States, []prakerja.StateCount{
		{State: prakerja.PurchaseCompleted, Count: 1, Amount: m.courses[0].Price},
		{State: prakerja.PurchasePending, Count: 1, Amount: m.courses[2].Price},
		{State: prakerja.PurchaseRefunded, Count: 1, Amount: m.courses[2].Price}})
	diff(t, "ratings", rep.Ratings, []prakerja.CourseRating{{CourseID: m.courses[0].ID, Title: m.courses[0].Title, Reviews: 1, StarsSum: 4}})

	other, err := s.PlatformReport(ctx, m.platforms[1].ID, T0.Add(2*time.Hour))
	must(t, err)
	if len(other.Days) != 1 || other.Days[0].Sales != 1 || len(other.Ratings) != 0 ||
		len(other.States) != 1 || other.States[0].State != prakerja.PurchasePaid {
		t.Fatalf("the other platform's report %+v", other)
	}
	late, err := s.PlatformReport(ctx, m.platforms[0].ID, T0.Add(40*24*time.Hour))
	must(t, err)
	if len(late.Days) != 0 || len(late.States) != 3 {
		t.Fatalf("40 days on: %+v, want no sales days and the same states", late)
	}
}

// testInstitutionNominees: an institution sees its current list only,
// each entry with the registrant's status, card and trainings.
func testInstitutionNominees(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	m := mustMarket(t, s, 1)
	part := m.lw.Participants[0]
	m.mustPaid(t, s, part, m.courses[0])
	partRec, err := s.Registration(ctx, part)
	must(t, err)
	fresh := NewRegistration(Unique())
	must(t, s.CreateRegistration(ctx, fresh))
	nobody := Index("nik", seq.Add(1))
	entries := []prakerja.NominationEntry{{NIKIndex: partRec.NIK.Index, Category: prakerja.NominationPHK},
		{NIKIndex: fresh.Record.NIK.Index, Category: prakerja.NominationPMI}, {NIKIndex: nobody, Category: prakerja.NominationUMKM}}
	importList := func(inst string, es []prakerja.NominationEntry) {
		sent := false
		imp := &prakerja.NominationImport{Institution: inst, Name: "Lembaga", SHA256: strings.Repeat("ab", 32)}
		must(t, s.ImportNominations(ctx, imp, func() ([]prakerja.NominationEntry, error) {
			if sent {
				return nil, nil
			}
			sent = true
			return es, nil
		}, T0))
	}
	importList("bpjs_tk", entries[:1]) // replaced below: not current
	importList("bpjs_tk", entries)
	importList("ditjenpas", []prakerja.NominationEntry{{NIKIndex: Index("nik", seq.Add(1)), Category: prakerja.NominationWargaBinaan}})

	got, err := s.InstitutionNominees(ctx, "bpjs_tk", nil, 0)
	must(t, err)
	if len(got) != 3 || !sort.SliceIsSorted(got, func(i, j int) bool { return bytes.Compare(got[i].NIKIndex, got[j].NIKIndex) < 0 }) {
		t.Fatalf("%d nominees (sorted by index?), want 3", len(got))
	}
	byIdx := map[string]prakerja.Nominee{}
	for _, n := range got {
		byIdx[string(n.NIKIndex)] = n
	}
	if n := byIdx[string(partRec.NIK.Index)]; n.RegistrationID != part || !n.Card || n.Trainings != 1 || n.Completed != 0 ||
		!bytes.Equal(n.NIKSealed, partRec.NIK.Ciphertext) || n.Category != prakerja.NominationPHK {
		t.Fatalf("participant nominee %+v", n)
	}
	if n := byIdx[string(fresh.Record.NIK.Index)]; n.RegistrationID != fresh.Record.ID || n.Card || n.Status != prakerja.StatusRegistered {
		t.Fatalf("registered nominee %+v", n)
	}
	if n := byIdx[string(nobody)]; n.RegistrationID != 0 || n.NIKSealed != nil || n.Status != "" {
		t.Fatalf("unregistered nominee %+v", n)
	}
	page, err := s.InstitutionNominees(ctx, "bpjs_tk", got[0].NIKIndex, 1)
	must(t, err)
	if len(page) != 1 || !bytes.Equal(page[0].NIKIndex, got[1].NIKIndex) {
		t.Fatalf("second page %+v", page)
	}
	stages, err := s.InstitutionStages(ctx, "bpjs_tk")
	must(t, err)
	var total, cards int64
	for _, st := range stages {
		total, cards = total+st.Count, cards+st.Cards
	}
	if total != 3 || cards != 1 || stages[0].Status != "" || stages[0].Count != 1 {
		t.Fatalf("stages %+v", stages)
	}
	none, err := s.InstitutionNominees(ctx, "no_such", nil, 0)
	must(t, err)
	if len(none) != 0 {
		t.Fatalf("unknown institution: %+v", none)
	}
}
