package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// batches returns a next function yielding the given batches of NIK
// indexes (by number), then the end; failAfter > 0 makes it fail instead
// of yielding batch number failAfter.
func batches(failAfter int, nums ...[]int64) func() ([][]byte, error) {
	i := 0
	return func() ([][]byte, error) {
		if i == failAfter-1 {
			return nil, errNextFailed
		}
		if i == len(nums) {
			return nil, nil
		}
		out := make([][]byte, len(nums[i]))
		for j, n := range nums[i] {
			out[j] = Index("nik", n)
		}
		i++
		return out, nil
	}
}

var errNextFailed = errors.New("list file truncated")

// mustImport imports a category and returns the import.
func mustImport(t *testing.T, s prakerja.Store, category string, at time.Time, nums ...[]int64) *prakerja.ExclusionImport {
	t.Helper()
	imp := &prakerja.ExclusionImport{Category: category, Source: "bkn-2025-04.csv", SHA256: strings.Repeat("ab", 32)}
	must(t, s.ImportExclusions(context.Background(), imp, batches(0, nums...), at))
	return imp
}

// wantScreen screens the indexes of nums and compares by number.
func wantScreen(t *testing.T, s prakerja.Store, nums []int64, want map[int64][]string) {
	t.Helper()
	indexes := make([][]byte, len(nums))
	for i, n := range nums {
		indexes[i] = Index("nik", n)
	}
	got, err := s.ScreenExclusions(context.Background(), indexes)
	must(t, err)
	wantKeyed := map[string][]string{}
	for n, cats := range want {
		wantKeyed[string(Index("nik", n))] = cats
	}
	diff(t, "screening", got, wantKeyed)
}

// testExclusions covers importing, versions, atomicity and screening.
func testExclusions(t *testing.T, open Opener) {
	ctx := context.Background()
	t.Run("ImportDuplicatesOnce", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		imp := mustImport(t, s, "asn", T0, []int64{1, 2}, []int64{2, 3, 3})
		if imp.ID == 0 || imp.Entries != 3 || !imp.ImportedAt.Equal(T0) || !imp.Current {
			t.Fatalf("import = %+v; want an ID, 3 entries, at T0, current", imp)
		}
		list, err := s.ExclusionImports(ctx)
		must(t, err)
		diff(t, "imports", list, []prakerja.ExclusionImport{*imp})
		wantScreen(t, s, []int64{1, 3, 4}, map[int64][]string{1: {"asn"}, 3: {"asn"}})
	})
	t.Run("NewVersionReplaces", func(t *testing.T) {
		t.Parallel()
		s := open(t)
		old := mustImport(t, s, "asn", T0, []int64{1, 2})
		other := mustImport(t, s, "pkh", T0.Add(time.Minute), []int64{2, 5})
		latest := mustImport(t, s, "asn", T0.Add(time.Hour), []int64{2, 4})
		wantScreen(t, s, []int64{1, 2, 4, 5}, map[int64][]string{2: {"asn", "pkh"}, 4: {"asn"}, 5: {"pkh"}})
		list, err := s.ExclusionImports(ctx)
		must(t, err)
		old.Current = false
		diff(t, "imports", list, []prakerja.ExclusionImport{*latest, *other, *old})
	})
	t.Run("AtomicOnFailure", func(t *testing.T) { t.Parallel(); testImportAtomic(t, open(t)) })
	t.Run("ErrInvalid", func(t *testing.T) { t.Parallel(); testImportInvalid(t, open(t)) })
	t.Run("ErrScreenTooMany", func(t *testing.T) {
		t.Parallel()
		_, err := open(t).ScreenExclusions(ctx, make([][]byte, prakerja.ExclusionScreenMax+1))
		WantCode(t, err, prakerja.CodeInvalid)
	})
}

// testImportAtomic fails imports midway (next errs, ctx ends) and checks
// that the old version is still the only one, and current.
func testImportAtomic(t *testing.T, s prakerja.Store) {
	ctx := context.Background()
	old := mustImport(t, s, "asn", T0, []int64{1})
	imp := &prakerja.ExclusionImport{Category: "asn", Source: "broken.csv"}
	err := s.ImportExclusions(ctx, imp, batches(2, []int64{7, 8}, []int64{9}), T0.Add(time.Hour))
	if !errors.Is(err, errNextFailed) {
		t.Fatalf("ImportExclusions = %v, want next's error", err)
	}
	canceled, cancel := context.WithCancel(ctx)
	next := batches(0, []int64{7}, []int64{8})
	err = s.ImportExclusions(canceled, &prakerja.ExclusionImport{Category: "asn"}, func() ([][]byte, error) {
		cancel()
		return next()
	}, T0.Add(time.Hour))
	if err == nil {
		t.Fatal("ImportExclusions succeeded after its context ended")
	}
	list, err := s.ExclusionImports(ctx)
	must(t, err)
	diff(t, "imports", list, []prakerja.ExclusionImport{*old})
	wantScreen(t, s, []int64{1, 7, 8, 9}, map[int64][]string{1: {"asn"}})
}

// testImportInvalid checks refused imports store nothing.
func testImportInvalid(t *testing.T, s prakerja.Store) {
	ok := func() *prakerja.ExclusionImport { return &prakerja.ExclusionImport{Category: "asn", Source: "x.csv"} }
	tests := []struct {
		name   string
		change func(imp *prakerja.ExclusionImport)
		next   func() ([][]byte, error)
	}{
		{"EmptyCategory", func(i *prakerja.ExclusionImport) { i.Category = "" }, nil},
		{"UpperCase", func(i *prakerja.ExclusionImport) { i.Category = "ASN" }, nil},
		{"Dash", func(i *prakerja.ExclusionImport) { i.Category = "tni-polri" }, nil},
		{"DoubleUnderscore", func(i *prakerja.ExclusionImport) { i.Category = "tni__polri" }, nil},
		{"CategoryTooLong", func(i *prakerja.ExclusionImport) { i.Category = strings.Repeat("a", 41) }, nil},
		{"SourceTooLong", func(i *prakerja.ExclusionImport) { i.Source = strings.Repeat("s", 201) }, nil},
		{"BadDigest", func(i *prakerja.ExclusionImport) { i.SHA256 = "abc" }, nil},
		{"EmptyIndex", func(*prakerja.ExclusionImport) {}, func() ([][]byte, error) { return [][]byte{{}}, nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp := ok()
			tt.change(imp)
			next := tt.next
			if next == nil {
				next = batches(0, []int64{1})
			}
			err := s.ImportExclusions(context.Background(), imp, next, T0)
			WantCode(t, err, prakerja.CodeInvalid)
		})
	}
	list, err := s.ExclusionImports(context.Background())
	must(t, err)
	if len(list) != 0 {
		t.Fatalf("%d imports stored by refused calls, want 0", len(list))
	}
	wantScreen(t, s, []int64{1}, nil)
}
