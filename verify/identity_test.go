package verify_test

import (
	"slices"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/verify/verifytest"
)

// TestIdentityOutcomes seeds registrants the simulator knows, plus one of
// each identity failure, drains the pipeline, and checks every status and
// reason against what the population says of each person.
func TestIdentityOutcomes(t *testing.T) {
	t.Parallel()
	const valid = 60
	e := newEnv(t, valid+6)
	people := verifytest.Registrants(e.pop, valid+6)[:valid]
	outsider := e.pop.Family(900_000).Members[0] // beyond the simulator's population
	broken := verifytest.Registrants(e.pop, valid+6)[valid:]
	broken[0].KK = outsider.KK
	broken[1].FullName = "Budi Santoso Wijaya"
	broken[2].BirthDate = broken[2].BirthDate.AddDate(-1, 0, 0)
	broken[3].KK, broken[3].FullName = outsider.KK, "Budi Santoso Wijaya"
	broken[4].NIK = outsider.NIK
	broken[5].KK = "12345"
	ids := e.seed(t, append(slices.Clone(people), broken...))
	c := drain(t, e.pipeline(t, e.client(t)))
	if got, want := c.Verified(), int64(valid+6); got != want {
		t.Fatalf("verified %d, want %d (%+v)", got, want, c)
	}
	recs := checkFinal(t, e.store, ids)
	wantFailed := [][]string{
		{prakerja.ReasonIdentityKKMismatch},
		{prakerja.ReasonIdentityNameMismatch},
		{prakerja.ReasonIdentityBirthDateMismatch},
		{prakerja.ReasonIdentityKKMismatch, prakerja.ReasonIdentityNameMismatch},
		{prakerja.ReasonIdentityNotFound},
		{prakerja.ReasonIdentityInvalid},
	}
	for k, want := range wantFailed {
		r := recs[ids[valid+k]]
		if r.Status != prakerja.StatusIdentityFailed || !slices.Equal(r.Reasons, want) {
			t.Errorf("broken %d: %s %v, want identity_failed %v", k, r.Status, r.Reasons, want)
		}
	}
	for i, p := range people {
		checkEligibility(t, p, recs[ids[i]])
	}
}

// checkEligibility compares a decision with the facts the population
// holds about the person (2020 scheme: citizen, 18 or older, not in
// formal education, no exclusion list).
func checkEligibility(t *testing.T, p population.Person, r *prakerja.RegistrationRecord) {
	t.Helper()
	var want []string
	if !p.Citizen {
		want = append(want, "not_citizen")
	}
	if p.Age < 18 {
		want = append(want, "age_below_minimum")
	}
	if p.Occupation == registry.OccupationStudent {
		want = append(want, "in_formal_education")
	}
	wantStatus := prakerja.StatusEligible
	if len(want) > 0 {
		wantStatus = prakerja.StatusIneligible
	}
	if r.Status != wantStatus || !slices.Equal(r.Reasons, want) {
		t.Errorf("registration %d: %s %v, want %s %v", r.ID, r.Status, r.Reasons, wantStatus, want)
	}
}
