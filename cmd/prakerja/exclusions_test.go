package main

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

// exclusionsDir returns a migrated SQLite data folder and its environment.
func exclusionsDir(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	environ := map[string]string{"PRAKERJA_DATA": dir}
	if code, _, errOut := runStoreCmd(t, environ, "migrate"); code != 0 {
		t.Fatalf("migrate: exit %d: %s", code, errOut)
	}
	return dir, environ
}

// mustRun runs a command line that must succeed and returns its stdout.
func mustRun(t *testing.T, environ map[string]string, args ...string) string {
	t.Helper()
	code, out, errOut := runStoreCmd(t, environ, args...)
	if code != 0 {
		t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// sampleNIKs reads the NIK column of a sample file.
func sampleNIKs(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 || rows[0][0] != "nik" {
		t.Fatalf("sample %s: %d rows, %v", path, len(rows), err)
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[0])
	}
	return out
}

// TestExclusionsImport drives sample, import and list end to end on a
// SQLite data folder: an import stores the list under the data folder's
// own key (screening finds a listed NIK by the index registration would
// compute), and a second import of the category replaces the first.
func TestExclusionsImport(t *testing.T) {
	t.Parallel()
	dir, environ := exclusionsDir(t)
	first, second := filepath.Join(dir, "asn-1.csv"), filepath.Join(dir, "asn-2.csv")
	mustRun(t, environ, "exclusions", "sample", "--category", "asn", "--population", "5000", "--per-mille", "50", first)
	mustRun(t, environ, "exclusions", "sample", "--category", "asn", "--population", "5000", "--per-mille", "20", "--seed", "7", second)
	niks := sampleNIKs(t, first)

	var got exclusionImportLine
	lastJSON(t, mustRun(t, environ, "exclusions", "import", "--category", "asn", "--source", "BKN test", first, "--json"), &got)
	if got.ID == 0 || got.Category != "asn" || got.Source != "BKN test" || got.Entries != int64(len(niks)) || len(got.SHA256) != 64 {
		t.Fatalf("first import %+v, want %d entries", got, len(niks))
	}
	screenFinds(t, dir, niks[0], "asn")

	var again exclusionImportLine
	lastJSON(t, mustRun(t, environ, "exclusions", "import", "--category", "asn", second, "--json"), &again)
	if again.ID <= got.ID || again.Source != "asn-2.csv" || again.SHA256 == got.SHA256 {
		t.Fatalf("second import %+v after %+v", again, got)
	}
	var list struct{ Imports []exclusionListLine }
	lastJSON(t, mustRun(t, environ, "exclusions", "list", "--json"), &list)
	if len(list.Imports) != 2 || list.Imports[0].ID != again.ID || !list.Imports[0].Current || list.Imports[1].Current {
		t.Fatalf("list %+v, want the second import first and current", list.Imports)
	}
	if out := mustRun(t, environ, "exclusions", "list"); !strings.HasPrefix(out, "* ") {
		t.Fatalf("text list does not mark the current import first:\n%s", out)
	}
}

// screenFinds checks that the store screens nik onto category, with the
// keyring serve would use for dir.
func screenFinds(t *testing.T, dir, nik, category string) {
	t.Helper()
	sf := &storeFlags{Data: dir}
	store, err := sf.Open(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	keys, err := loadKeys(appConfig{DataDir: dir}, newLogger(io.Discard, "error"))
	if err != nil {
		t.Fatal(err)
	}
	idx := keys.Index(prakerja.IndexNIK, nik)
	found, err := store.ScreenExclusions(t.Context(), [][]byte{idx})
	if err != nil {
		t.Fatal(err)
	}
	if cats := found[string(idx)]; len(cats) != 1 || cats[0] != category {
		t.Fatalf("screening found %v, want [%s]", cats, category)
	}
}

// TestExclusionsImportRefusesBadFile checks that a file with a bad line is
// refused with its line number, without the NIK in any output, and that
// nothing is stored.
func TestExclusionsImportRefusesBadFile(t *testing.T) {
	t.Parallel()
	dir, environ := exclusionsDir(t)
	sample := filepath.Join(dir, "pkh.csv")
	mustRun(t, environ, "exclusions", "sample", "--category", "pkh", "--population", "2000", sample)
	niks := sampleNIKs(t, sample)
	bad := filepath.Join(dir, "bad.csv")
	body := "nama;nik\nA;" + niks[0] + "\nB;" + niks[1][:15] + "\nC;" + niks[2] + "\n"
	if err := os.WriteFile(bad, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runStoreCmd(t, environ, "exclusions", "import", "--category", "pkh", bad, "--json")
	if code != 1 || !strings.Contains(errOut, "bad.csv:3: nik_format:") || !strings.Contains(errOut, "nothing stored") {
		t.Fatalf("exit %d, stderr %q; want exit 1 naming line 3", code, errOut)
	}
	var refused exclusionRefusedLine
	lastJSON(t, out, &refused)
	if refused.Error != prakerja.CodeInvalid || refused.Total != 1 || refused.BadLines[0].Line != 3 {
		t.Fatalf("JSON %+v", refused)
	}
	if d := regexp.MustCompile(`[0-9]{15}`); d.MatchString(out) || d.MatchString(errOut) {
		t.Fatalf("output holds NIK digits:\n%s\n%s", out, errOut)
	}
	var list struct{ Imports []exclusionListLine }
	lastJSON(t, mustRun(t, environ, "exclusions", "list", "--json"), &list)
	if len(list.Imports) != 0 {
		t.Fatalf("a refused file left imports %+v", list.Imports)
	}
}

// TestExclusionsUsage checks the command lines refused before any work,
// with exit status 2, and that an unknown category lists the known ones.
func TestExclusionsUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"ErrNoSubcommand", []string{"exclusions"}, "usage:"},
		{"ErrUnknownSubcommand", []string{"exclusions", "delete"}, "unknown subcommand"},
		{"ErrUnknownCategory", []string{"exclusions", "import", "--category", "pns", "x.csv"}, "past_participant"},
		{"ErrNoCategory", []string{"exclusions", "import", "x.csv"}, "known: "},
		{"ErrNoFile", []string{"exclusions", "import", "--category", "asn"}, "usage:"},
		{"ErrTwoFiles", []string{"exclusions", "import", "--category", "asn", "a.csv", "b.csv"}, "usage:"},
		{"ErrSampleUnknownCategory", []string{"exclusions", "sample", "--category", "bansos", "x.csv"}, "dtks"},
		{"ErrSamplePerMille", []string{"exclusions", "sample", "--category", "asn", "--per-mille", "1001", "x.csv"}, "--per-mille"},
		{"ErrListArgument", []string{"exclusions", "list", "all"}, "usage:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			code, _, errOut := runStoreCmd(t, map[string]string{"PRAKERJA_DATA": dir}, tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.stderr) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.stderr)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Fatalf("a refused command line touched the data folder: %v", entries)
			}
		})
	}
}
