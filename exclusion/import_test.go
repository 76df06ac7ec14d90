package exclusion_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/exclusion"
)

// TestImport stores a clean file and checks what reached the store: one
// blind index per distinct NIK, the very index registration computes
// (trimmed NIK, field nik), the file's digest, and the hooks' counts.
func TestImport(t *testing.T) {
	t.Parallel()
	keys := mustKeyring(t)
	n := niks()
	lines := []string{"nama;nik"}
	for i := range 25_000 { // more than two batches, with duplicates
		lines = append(lines, "Orang;  "+n[i%len(n)]+" ")
	}
	input := csvOf(lines...)
	store := &memStore{}
	imp := &prakerja.ExclusionImport{Category: "asn", Source: "bkn-2020.csv"}
	var checked exclusion.Summary
	stored := 0
	sum, err := exclusion.Import(t.Context(), store, keys, opener(input), imp, now, exclusion.Hooks{
		Checked: func(s exclusion.Summary) { checked = s },
		Stored:  func(rows int) { stored += rows },
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows != 25_000 || checked != sum || stored != 25_000 || imp.SHA256 != sum.SHA256 {
		t.Fatalf("summary %+v, checked %+v, stored %d, import %+v", sum, checked, stored, imp)
	}
	if imp.ID == 0 || imp.Entries != int64(len(n)) || store.batchMax > exclusion.BatchMax {
		t.Fatalf("import %+v, largest batch %d", imp, store.batchMax)
	}
	for _, v := range n {
		sealed, err := keys.Seal(prakerja.IndexNIK, v)
		if err != nil {
			t.Fatal(err)
		}
		if !containsIndex(store.current["asn"], sealed.Index) {
			t.Fatal("a NIK's registration index is not on the stored list")
		}
	}
}

// TestImportRefuses checks what Import refuses before the store sees a
// single batch, and that nothing is stored then.
func TestImportRefuses(t *testing.T) {
	t.Parallel()
	n := niks()
	good := csvOf("nik", n[0], n[1])
	tests := []struct {
		name     string
		category string
		source   string
		open     exclusion.Opener
		code     prakerja.Code
		calls    int // ImportExclusions calls
	}{
		{"ErrUnknownCategory", "asnn", "", opener(good), prakerja.CodeInvalid, 0},
		{"ErrSourceTooLong", "asn", strings.Repeat("s", exclusion.SourceMax+1), opener(good), prakerja.CodeInvalid, 0},
		{"ErrBadFile", "pkh", "", opener(csvOf("nik", n[0], n[1][:15])), prakerja.CodeInvalid, 0},
		{"ErrFileChanged", "pkh", "", opener(good, csvOf("nik", n[0], n[2])), prakerja.CodeConflict, 1},
		{"ErrFileGrew", "pkh", "", opener(good, good+n[3]+"\n"), prakerja.CodeConflict, 1},
		{"ErrFileBrokenInSecondPass", "pkh", "", opener(good, csvOf("nik", n[0], "x")), prakerja.CodeConflict, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			store := &memStore{}
			imp := &prakerja.ExclusionImport{Category: tt.category, Source: tt.source}
			_, err := exclusion.Import(t.Context(), store, mustKeyring(t), tt.open, imp, now, exclusion.Hooks{})
			if prakerja.ErrorCode(err) != tt.code {
				t.Fatalf("got %v, want code %s", err, tt.code)
			}
			if store.calls != tt.calls || len(store.imports) != 0 {
				t.Fatalf("%d store calls and %d imports, want %d and none", store.calls, len(store.imports), tt.calls)
			}
		})
	}
}

// TestImportUnknownCategoryListsKnown checks that the refusal names the
// categories an operator may use.
func TestImportUnknownCategoryListsKnown(t *testing.T) {
	t.Parallel()
	err := exclusion.CheckCategory("PKH")
	if err == nil || !strings.Contains(prakerja.ErrorMessage(err), "pkh") || !strings.Contains(prakerja.ErrorMessage(err), "past_participant") {
		t.Fatalf("got %v", err)
	}
	if err := exclusion.CheckCategory("pkh"); err != nil {
		t.Fatal(err)
	}
}

// TestImportStoreFailure checks that a store error comes back as is.
func TestImportStoreFailure(t *testing.T) {
	t.Parallel()
	boom := errors.New("disk full")
	store := &memStore{failWith: boom}
	imp := &prakerja.ExclusionImport{Category: "bsu"}
	_, err := exclusion.Import(t.Context(), store, mustKeyring(t), opener(csvOf("nik", niks()[0])), imp, now, exclusion.Hooks{})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the store's error", err)
	}
}
