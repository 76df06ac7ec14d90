package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// bulkRegistrar is the bulk seeding of a full-scale demo, which stores
// offer beside prakerja.Store.
type bulkRegistrar interface {
	BulkInsertRegistrations(ctx context.Context, recs []prakerja.RegistrationRecord) error
	BulkConfirmContact(ctx context.Context, ids []int64, phone bool, now time.Time) (int, error)
}

// testBulkRegistrations checks that bulk-inserted registrations read back
// as CreateRegistration's do, count in the funnel, and that one taken NIK
// stores none of the batch.
func testBulkRegistrations(t *testing.T, open Opener) {
	s := open(t)
	b, ok := s.(bulkRegistrar)
	if !ok {
		t.Skip("store has no bulk registration path")
	}
	ctx := context.Background()
	taken := MustCreate(t, s, Unique())
	statuses := []prakerja.RegistrationStatus{prakerja.StatusRegistered, prakerja.StatusEmailVerified, prakerja.StatusPhoneVerified, prakerja.StatusPhoneVerified}
	var recs []prakerja.RegistrationRecord
	for _, st := range statuses {
		r := *NewRegistration(Unique()).Record
		r.Status = st
		if st != prakerja.StatusRegistered {
			r.EmailVerifiedAt = T0
		}
		if st == prakerja.StatusPhoneVerified {
			r.PhoneVerifiedAt = T0
		}
		recs = append(recs, r)
	}
	bad := append([]prakerja.RegistrationRecord{*NewRegistration(Unique()).Record}, *NewRegistration(Unique()).Record)
	bad[1].NIK = taken.Record.NIK
	if err := b.BulkInsertRegistrations(ctx, bad); err == nil {
		t.Fatal("a batch with a taken NIK was stored")
	}
	if got, err := s.RegistrationByIndex(ctx, prakerja.IndexNIK, bad[0].NIK.Index); err == nil || got != nil {
		t.Fatalf("the failed batch's other record is stored: %v", err)
	}
	if err := b.BulkInsertRegistrations(ctx, recs); err != nil {
		t.Fatalf("BulkInsertRegistrations: %v", err)
	}
	for i, want := range recs {
		got, err := s.RegistrationByIndex(ctx, prakerja.IndexEmail, want.Email.Index)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if got.Status != want.Status || got.FullName != want.FullName || string(got.NIK.Ciphertext) != string(want.NIK.Ciphertext) ||
			!got.PhoneVerifiedAt.Equal(want.PhoneVerifiedAt) || !got.EmailVerifiedAt.Equal(want.EmailVerifiedAt) || !got.StatusChangedAt.Equal(utcMicro(T0)) {
			t.Errorf("record %d read back as %+v, want %+v", i, got, want)
		}
	}
	f, err := s.Funnel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := prakerja.FunnelCounts{prakerja.StatusRegistered: 2, prakerja.StatusEmailVerified: 1, prakerja.StatusPhoneVerified: 2}
	for st, n := range want {
		if f[st] != n {
			t.Errorf("funnel %v, want %v", f, want)
			break
		}
	}
}

// testBulkConfirmContact checks the bulk contact step moves only
// registrations still waiting for their e-mail, to the right status.
func testBulkConfirmContact(t *testing.T, open Opener) {
	s := open(t)
	b, ok := s.(bulkRegistrar)
	if !ok {
		t.Skip("store has no bulk registration path")
	}
	ctx := context.Background()
	at := T0.Add(time.Hour)
	tests := []struct {
		name        string
		phone       bool
		wantStatus  prakerja.RegistrationStatus
		wantPhoneAt time.Time
	}{
		{"e-mail only", false, prakerja.StatusEmailVerified, time.Time{}},
		{"e-mail and phone", true, prakerja.StatusPhoneVerified, utcMicro(at)},
	}
	for _, tt := range tests {
		ids := []int64{MustCreate(t, s, Unique()).Record.ID, MustCreate(t, s, Unique()).Record.ID}
		n, err := b.BulkConfirmContact(ctx, ids, tt.phone, at)
		if err != nil || n != len(ids) {
			t.Fatalf("%s: changed %d, %v; want %d", tt.name, n, err, len(ids))
		}
		for _, id := range ids {
			got, err := s.Registration(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tt.wantStatus || !got.EmailVerifiedAt.Equal(utcMicro(at)) || !got.PhoneVerifiedAt.Equal(tt.wantPhoneAt) {
				t.Errorf("%s: got status %s, e-mail at %v, phone at %v", tt.name, got.Status, got.EmailVerifiedAt, got.PhoneVerifiedAt)
			}
		}
		if n, err := b.BulkConfirmContact(ctx, ids, true, at); err != nil || n != 0 {
			t.Errorf("%s: a second call changed %d (%v), want 0: only registered ones move", tt.name, n, err)
		}
	}
}

// utcMicro is t as a store returns it: UTC, whole microseconds.
func utcMicro(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.UnixMicro(t.UnixMicro()).UTC()
}
