package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// nominees returns a next function yielding the given batches of NIK
// indexes (by number), all of category phk, then the end; failAfter > 0
// makes it fail instead of yielding batch number failAfter.
func nominees(failAfter int, nums ...[]int64) func() ([]prakerja.NominationEntry, error) {
	i := 0
	return func() ([]prakerja.NominationEntry, error) {
		if i == failAfter-1 {
			return nil, errNextFailed
		}
		if i == len(nums) {
			return nil, nil
		}
		out := make([]prakerja.NominationEntry, len(nums[i]))
		for j, n := range nums[i] {
			out[j] = prakerja.NominationEntry{NIKIndex: Index("nik", n), Category: prakerja.NominationPHK}
		}
		i++
		return out, nil
	}
}

// mustNominate imports an institution's list and returns the import.
func mustNominate(t *testing.T, s prakerja.Store, institution string, at time.Time, nums ...[]int64) *prakerja.NominationImport {
	t.Helper()
	imp := &prakerja.NominationImport{Institution: institution, Name: "BPJS Ketenagakerjaan", SHA256: strings.Repeat("cd", 32)}
	must(t, s.ImportNominations(context.Background(), imp, nominees(0, nums...), at))
	return imp
}

// wantTiers looks the indexes of nums up and compares by number.
func wantTiers(t *testing.T, s prakerja.Store, nums []int64, want map[int64]int) {
	t.Helper()
	indexes := make([][]byte, len(nums))
	for i, n := range nums {
		indexes[i] = Index("nik", n)
	}
	got, err := s.NominationTiers(context.Background(), indexes)
	must(t, err)
	wantKeyed := map[string]int{}
	for n, tier := range want {
		wantKeyed[string(Index("nik", n))] = tier
	}
	diff(t, "tiers", got, wantKeyed)
}

// testNominations covers importing, versions per institution, atomicity
// and the tier lookup.
func testNominations(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("ImportDuplicatesOnce", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		imp := mustNominate(t, s, "bpjs_tk", T0, []int64{1, 2}, []int64{2, 3, 3})
		if imp.ID == 0 || imp.Entries != 3 || !imp.ImportedAt.Equal(T0) || !imp.Current {
			t.Fatalf("import = %+v; want an ID, 3 entries, at T0, current", imp)
		}
		list, err := s.NominationImports(ctx)
		must(t, err)
		diff(t, "imports", list, []prakerja.NominationImport{*imp})
		wantTiers(t, s, []int64{1, 3, 4}, map[int64]int{1: prakerja.TierNominated, 3: prakerja.TierNominated})
	})
	t.Run("NewVersionReplaces", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		old := mustNominate(t, s, "bpjs_tk", T0, []int64{1, 2})
		other := mustNominate(t, s, "ditjenpas", T0.Add(time.Minute), []int64{2, 5})
		latest := mustNominate(t, s, "bpjs_tk", T0.Add(time.Hour), []int64{2, 4})
		wantTiers(t, s, []int64{1, 2, 4, 5}, map[int64]int{2: 0, 4: 0, 5: 0})
		list, err := s.NominationImports(ctx)
		must(t, err)
		old.Current = false
		diff(t, "imports", list, []prakerja.NominationImport{*latest, *other, *old})
	})
	t.Run("AtomicOnFailure", func(t *testing.T) { t.Parallel(); testNominationAtomic(t, open(t)) })
	t.Run("ErrInvalid", func(t *testing.T) { t.Parallel(); testNominationInvalid(t, open(t)) })
	t.Run("ErrTiersTooMany", func(t *testing.T) {
		t.Parallel()
		_, err := open(t).NominationTiers(ctx, make([][]byte, prakerja.NominationTiersMax+1))
		WantCode(t, err, prakerja.CodeInvalid)
	})
}

// testNominationAtomic fails imports midway (next errs, a bad entry in a
// later batch, ctx ends) and checks that the old version is still the
// only one, and current.
func testNominationAtomic(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	old := mustNominate(t, s, "bpjs_tk", T0, []int64{1})
	imp := &prakerja.NominationImport{Institution: "bpjs_tk", Name: "broken"}
	err := s.ImportNominations(ctx, imp, nominees(2, []int64{7, 8}, []int64{9}), T0.Add(time.Hour))
	if !errors.Is(err, errNextFailed) {
		t.Fatalf("ImportNominations = %v, want next's error", err)
	}
	first := nominees(0, []int64{7})
	calls := 0
	err = s.ImportNominations(ctx, imp, func() ([]prakerja.NominationEntry, error) {
		if calls++; calls == 2 {
			return []prakerja.NominationEntry{{NIKIndex: Index("nik", 8), Category: "veteran"}}, nil
		}
		return first()
	}, T0.Add(time.Hour))
	WantCode(t, err, prakerja.CodeInvalid)
	canceled, cancel := context.WithCancel(ctx)
	next := nominees(0, []int64{7}, []int64{8})
	err = s.ImportNominations(canceled, imp, func() ([]prakerja.NominationEntry, error) {
		cancel()
		return next()
	}, T0.Add(time.Hour))
	if err == nil {
		t.Fatal("ImportNominations succeeded after its context ended")
	}
	list, err := s.NominationImports(ctx)
	must(t, err)
	diff(t, "imports", list, []prakerja.NominationImport{*old})
	wantTiers(t, s, []int64{1, 7, 8, 9}, map[int64]int{1: 0})
}

// testNominationInvalid checks refused imports store nothing.
func testNominationInvalid(t *testing.T, s prakerja.Store) {
	ok := func() *prakerja.NominationImport {
		return &prakerja.NominationImport{Institution: "bpjs_tk", Name: "BPJS Ketenagakerjaan"}
	}
	entry := func(idx []byte, c prakerja.NominationCategory) func() ([]prakerja.NominationEntry, error) {
		done := false
		return func() ([]prakerja.NominationEntry, error) {
			if done {
				return nil, nil
			}
			done = true
			return []prakerja.NominationEntry{{NIKIndex: idx, Category: c}}, nil
		}
	}
	tests := []struct {
		name   string
		change func(imp *prakerja.NominationImport)
		next   func() ([]prakerja.NominationEntry, error)
	}{
		{"EmptyInstitution", func(i *prakerja.NominationImport) { i.Institution = "" }, nil},
		{"UpperCase", func(i *prakerja.NominationImport) { i.Institution = "BPJS" }, nil},
		{"Dash", func(i *prakerja.NominationImport) { i.Institution = "bpjs-tk" }, nil},
		{"InstitutionTooLong", func(i *prakerja.NominationImport) { i.Institution = strings.Repeat("a", 41) }, nil},
		{"NoName", func(i *prakerja.NominationImport) { i.Name = "" }, nil},
		{"NameTooLong", func(i *prakerja.NominationImport) { i.Name = strings.Repeat("n", 201) }, nil},
		{"BadDigest", func(i *prakerja.NominationImport) { i.SHA256 = "abc" }, nil},
		{"EmptyIndex", func(*prakerja.NominationImport) {}, entry([]byte{}, prakerja.NominationPHK)},
		{"UnknownCategory", func(*prakerja.NominationImport) {}, entry(Index("nik", 1), "veteran")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp := ok()
			tt.change(imp)
			next := tt.next
			if next == nil {
				next = nominees(0, []int64{1})
			}
			err := s.ImportNominations(context.Background(), imp, next, T0)
			WantCode(t, err, prakerja.CodeInvalid)
		})
	}
	list, err := s.NominationImports(context.Background())
	must(t, err)
	if len(list) != 0 {
		t.Fatalf("%d imports stored by refused calls, want 0", len(list))
	}
	wantTiers(t, s, []int64{1}, nil)
}
