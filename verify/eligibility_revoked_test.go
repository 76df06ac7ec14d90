package verify

import (
	"slices"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/eligibility"
	"github.com/prakerja/prakerja/scheme"
)

// TestRevokedNIKIneligible checks that a NIK the screening reports on the
// blacklist of revoked cards becomes applicant.revoked, not an exclusion
// list, so the 2020 scheme refuses it with revoked_before in any later
// wave, and that a clean NIK stays eligible.
func TestRevokedNIKIneligible(t *testing.T) {
	sch, err := scheme.Builtin("2020")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := eligibility.Compile(sch)
	if err != nil {
		t.Fatal(err)
	}
	rec := &prakerja.RegistrationRecord{BirthDate: "1995-08-17", Sex: "F", DomicileDistrict: "31.71.01"}
	now := time.Date(2026, time.January, 5, 3, 0, 0, 0, time.UTC)
	f := facts{citizen: true}
	revoked := applicant(rec, f, []string{prakerja.ExclusionRevoked}, 0, now)
	if !revoked.Revoked || revoked.Exclusions != nil {
		t.Fatalf("applicant = %+v, want Revoked and no exclusion list", revoked)
	}
	d := rules.Evaluate(revoked)
	if d.Eligible || !slices.ContainsFunc(d.Reasons, func(r eligibility.Reason) bool { return r.Code == "revoked_before" }) {
		t.Fatalf("revoked NIK decision = %+v, want revoked_before", d)
	}
	both := applicant(rec, f, []string{"asn", prakerja.ExclusionRevoked}, 0, now)
	if !both.Revoked || !slices.Equal(both.Exclusions, []string{"asn"}) {
		t.Fatalf("applicant = %+v, want Revoked with the asn list kept", both)
	}
	if d := rules.Evaluate(applicant(rec, f, nil, 0, now)); !d.Eligible {
		t.Fatalf("clean NIK decision = %+v", d)
	}
}
