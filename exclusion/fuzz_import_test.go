package exclusion_test

import (
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/exclusion"
)

// FuzzImport imports any file into an in-memory store: Import accepts
// exactly what Check accepts, with the same summary, and then stores only
// the blind indexes of 16-digit NIKs that are written in the file, at
// most one per row; a refused file stores nothing.
func FuzzImport(f *testing.F) {
	n := "3171010501900001"
	for _, s := range []string{
		"nik\n" + n + "\n", "nik;nama\r\n" + n + ";Budi\r\n" + n + ";Budi\r\n", `"nama","nik"` + "\n" + `"A","` + n + `"` + "\n",
		"nik\n " + n + " \n", "nik\n" + n + "1\n", "", "nik\n",
	} {
		f.Add(s)
	}
	keys := mustKeyring(f)
	f.Fuzz(func(t *testing.T, s string) {
		want, checkErr := exclusion.Check(t.Context(), strings.NewReader(s), now)
		store := &memStore{}
		imp := &prakerja.ExclusionImport{Category: "asn", Source: "fuzz.csv"}
		got, err := exclusion.Import(t.Context(), store, keys, opener(s), imp, now, exclusion.Hooks{})
		if (err == nil) != (checkErr == nil) || prakerja.ErrorCode(err) != prakerja.ErrorCode(checkErr) {
			t.Fatalf("Import = %v, Check = %v", err, checkErr)
		}
		if err != nil {
			if len(store.imports) != 0 {
				t.Fatalf("a refused file stored %+v", store.imports)
			}
			return
		}
		if got != want || imp.SHA256 != want.SHA256 || imp.Entries < 1 || imp.Entries > want.Rows {
			t.Fatalf("Import %+v (%d entries), Check %+v", got, imp.Entries, want)
		}
		written := map[string]bool{}
		for i := 0; i+16 <= len(s); i++ {
			if w := s[i : i+16]; strings.Trim(w, "0123456789") == "" {
				written[string(keys.Index(prakerja.IndexNIK, w))] = true
			}
		}
		for ix := range store.current["asn"] {
			if !written[ix] {
				t.Fatalf("stored an index of no NIK in the file")
			}
		}
	})
}
