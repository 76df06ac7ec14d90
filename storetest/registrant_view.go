package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

// testRegistrantView covers the registrant view's own reads: a name
// prefix search (case-insensitive, ordered, bounded, refusing a short
// prefix), the waves joined with their outcomes, the disputes on a NIK,
// and a registration's payments with their count.
func testRegistrantView(t *testing.T, open Opener) {
	s, ctx := open(t), context.Background()
	var ids []int64
	for _, name := range []string{"Siti Aminah", "siti Aminah Putri", "Sitti Aminah", "Budi Santoso"} {
		nr := NewRegistration(Unique())
		nr.Record.FullName = name
		must(t, s.CreateRegistration(ctx, nr))
		ids = append(ids, nr.Record.ID)
	}
	hits, err := s.RegistrantsByName(ctx, "SITI am", 10)
	must(t, err)
	var got []int64
	for _, h := range hits {
		got = append(got, h.ID)
	}
	diff(t, "name search", got, []int64{ids[0], ids[1]})
	hits, err = s.RegistrantsByName(ctx, "siti", 1)
	must(t, err)
	if len(hits) != 1 || hits[0].ID != ids[0] || hits[0].Status != prakerja.StatusRegistered {
		t.Fatalf("limited search = %+v", hits)
	}
	_, err = s.RegistrantsByName(ctx, "si", 10)
	WantCode(t, err, prakerja.CodeInvalid)
	hits, err = s.RegistrantsByName(ctx, "zzz_"+strings.Repeat("%", 3), 10)
	must(t, err)
	if len(hits) != 0 {
		t.Fatalf("a name no one has found %d", len(hits))
	}

	w, parts := MustParticipants(t, s, 2)
	joins, err := s.RegistrantJoins(ctx, parts[0])
	must(t, err)
	if len(joins) != 1 || joins[0].WaveID != w.ID || joins[0].WaveName != w.Name ||
		joins[0].Outcome != prakerja.OutcomeSelected || joins[0].SelectedAt.IsZero() {
		t.Fatalf("joins = %+v", joins)
	}
	joins, err = s.RegistrantJoins(ctx, ids[3])
	must(t, err)
	if len(joins) != 0 {
		t.Fatalf("a registrant who joined nothing has %d joins", len(joins))
	}

	holder := MustCreate(t, s, Unique()).Record
	for i := range 3 {
		must(t, s.CreateDispute(ctx, newDispute(holder, seq.Add(1)+int64(i)), T0))
	}
	ds, err := s.DisputesByNIK(ctx, holder.NIK.Index, 2)
	must(t, err)
	if len(ds) != 2 || ds[0].ID >= ds[1].ID || ds[0].RegistrationID != holder.ID {
		t.Fatalf("disputes by NIK = %+v", ds)
	}
	ds, err = s.DisputesByNIK(ctx, Index("nik", -77), 10)
	must(t, err)
	if len(ds) != 0 {
		t.Fatalf("%d disputes on a NIK nobody disputed", len(ds))
	}

	ps, n, err := s.RegistrantPayments(ctx, parts[1], 10)
	must(t, err)
	if len(ps) != 0 || n != 0 {
		t.Fatalf("payments of a participant never paid: %d listed, %d counted", len(ps), n)
	}
	testRegistrantPayments(t, open(t))
}

// testRegistrantPayments prepares a payout run and holds each
// participant's payments, newest first, to the payments the run made.
func testRegistrantPayments(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	e := newPayoutEnv(t, s, 3)
	if _, err := e.svc.Prepare(ctx, "maker", e.clock.Now(), nil); err != nil {
		t.Fatal(err)
	}
	all, err := s.Payments(ctx, prakerja.PaymentFilter{Limit: prakerja.PaymentsPageMax})
	must(t, err)
	if len(all) == 0 {
		t.Fatal("the run made no payments")
	}
	want := map[int64][]int64{}
	for _, p := range all {
		want[p.RegistrationID] = append([]int64{p.ID}, want[p.RegistrationID]...)
	}
	for reg, ids := range want {
		ps, n, err := s.RegistrantPayments(ctx, reg, 1)
		must(t, err)
		if n != int64(len(ids)) || len(ps) != 1 || ps[0].ID != ids[0] || ps[0].State != prakerja.PaymentReserved {
			t.Fatalf("registration %d: %d payments (%d listed), want %d, newest %d", reg, n, len(ps), len(ids), ids[0])
		}
	}
}
