package verify_test

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registry"
	"github.com/prakerja/prakerja/verify/verifytest"
)

// matchAll is a registry that knows everyone: every request matches.
type matchAll struct{}

func (matchAll) Check(_ context.Context, reqs []registry.Request) ([]registry.Result, error) {
	out := make([]registry.Result, len(reqs))
	for i := range out {
		out[i] = registry.Result{Status: registry.StatusMatch, NameScore: 100, Citizen: true, Occupation: "KARYAWAN SWASTA"}
	}
	return out, nil
}

// TestDuplicateFlags registers one person twice under two NIKs (same KK,
// name and birth date; another e-mail and phone), across two drains so
// the second pipeline must seed its index from the store: the identity
// step flags the pair once, the earlier registration as A.
func TestDuplicateFlags(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 3)
	people := verifytest.Registrants(e.pop, 3)
	first := e.seed(t, people[:1])
	drain(t, e.pipeline(t, matchAll{}))
	twin := people[0]
	twin.NIK, twin.Email, twin.Phone = people[2].NIK, people[2].Email, people[2].Phone
	second := e.seed(t, []population.Person{twin, people[1]})
	drain(t, e.pipeline(t, matchAll{}))
	flags, err := e.store.DuplicateFlags(context.Background(), prakerja.FlagFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(flags) != 1 || flags[0].A != first[0] || flags[0].B != second[0] || flags[0].Reason != "same_name_birth_kk" {
		t.Fatalf("flags %+v, want one same_name_birth_kk flag %d → %d", flags, first[0], second[0])
	}
}
