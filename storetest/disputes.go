package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// newDispute is a claim on the NIK of registration holder.
func newDispute(holder *prakerja.RegistrationRecord, n int64) *prakerja.Dispute {
	return &prakerja.Dispute{
		NIK:            holder.NIK,
		RegistrationID: holder.ID,
		FullName:       "Dewi Lestari",
		Phone:          Sealed("phone", -n),
		Statement:      "Saya tidak pernah mendaftar; NIK saya dipakai orang lain.",
		CreatedAt:      T0.Add(time.Duration(n) * time.Minute),
	}
}

// testDisputes covers creating, listing, upholding, rejecting and
// refusing disputes.
func testDisputes(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	recs := MustCreateIn(t, s, prakerja.StatusEligible, times(2, T0, time.Second))
	upheld, rejected := newDispute(recs[0], 1), newDispute(recs[1], 2)
	for _, d := range []*prakerja.Dispute{upheld, rejected} {
		must(t, s.CreateDispute(ctx, d, T0))
		if d.ID == 0 || d.Status != prakerja.DisputeOpen {
			t.Fatalf("dispute = %d %s, want an ID and %s", d.ID, d.Status, prakerja.DisputeOpen)
		}
	}
	list, err := s.Disputes(ctx, prakerja.DisputeFilter{Status: prakerja.DisputeOpen})
	must(t, err)
	diff(t, "open disputes", list, []prakerja.Dispute{*upheld, *rejected})
	at := T0.Add(time.Hour)
	got, err := s.ResolveDispute(ctx, upheld.ID, prakerja.DisputeUpheld, "reviewer-2", "KTP checked", at)
	must(t, err)
	if got.Status != prakerja.DisputeUpheld || got.RegistrationID != recs[0].ID || !got.ResolvedAt.Equal(at) {
		t.Fatalf("resolved = %+v; want upheld against %d at %v", got, recs[0].ID, at)
	}
	lost := mustRecord(t, s, recs[0].ID)
	if lost.Status != prakerja.StatusIneligible {
		t.Fatalf("holder status = %s, want %s", lost.Status, prakerja.StatusIneligible)
	}
	diff(t, "holder's reasons", lost.Reasons, []string{prakerja.ReasonNIKDisputeUpheld})
	_, err = s.ResolveDispute(ctx, rejected.ID, prakerja.DisputeRejected, "reviewer-2", "", at)
	must(t, err)
	if kept := mustRecord(t, s, recs[1].ID); kept.Status != prakerja.StatusEligible {
		t.Fatalf("rejecting changed the holder to %s", kept.Status)
	}
	list, err = s.Disputes(ctx, prakerja.DisputeFilter{AfterID: upheld.ID})
	must(t, err)
	if len(list) != 1 || list[0].ID != rejected.ID || list[0].Status != prakerja.DisputeRejected {
		t.Fatalf("disputes after %d = %+v, want only the rejected one", upheld.ID, list)
	}
	testDisputeRefusals(t, s, upheld.ID, recs[1])
}

// testDisputeRefusals checks bad input and wrong states change nothing.
func testDisputeRefusals(t *testing.T, s prakerja.Store, resolved int64, holder *prakerja.RegistrationRecord) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		id   int64
		to   prakerja.DisputeStatus
		code prakerja.Code
	}{
		{"ErrConflict", resolved, prakerja.DisputeRejected, prakerja.CodeConflict},
		{"ErrNotFound", 424242, prakerja.DisputeRejected, prakerja.CodeNotFound},
		{"ErrBadStatus", resolved, prakerja.DisputeOpen, prakerja.CodeInvalid},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ResolveDispute(ctx, tt.id, tt.to, "r", "", T0)
			WantCode(t, err, tt.code)
		})
	}
	for _, tt := range []struct {
		name   string
		change func(d *prakerja.Dispute)
	}{
		{"ErrNoNIK", func(d *prakerja.Dispute) { d.NIK = prakerja.Sealed{} }},
		{"ErrNoPhone", func(d *prakerja.Dispute) { d.Phone.Index = nil }},
		{"ErrNoName", func(d *prakerja.Dispute) { d.FullName = "" }},
		{"ErrNoStatement", func(d *prakerja.Dispute) { d.Statement = "" }},
		{"ErrStatementTooLong", func(d *prakerja.Dispute) { d.Statement = strings.Repeat("s", prakerja.StatementMax+1) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newDispute(holder, 9)
			tt.change(d)
			err := s.CreateDispute(ctx, d, T0)
			WantCode(t, err, prakerja.CodeInvalid)
			wantNoPersonalData(t, err, holder.NIK, newDispute(holder, 9).Phone)
		})
	}
	all, err := s.Disputes(ctx, prakerja.DisputeFilter{})
	must(t, err)
	if len(all) != 2 {
		t.Fatalf("%d disputes after refusals, want 2", len(all))
	}
}
