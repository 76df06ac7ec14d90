package main

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

// nominationNIKs returns valid NIKs of the demo's population, drawn
// through `exclusions sample` so no NIK is written by hand.
func nominationNIKs(t *testing.T, dir string, environ map[string]string) []string {
	t.Helper()
	sample := filepath.Join(dir, "people.csv")
	mustRun(t, environ, "exclusions", "sample", "--category", "asn", "--population", "3000", "--per-mille", "50", sample)
	niks := sampleNIKs(t, sample)
	if len(niks) < 4 {
		t.Fatalf("sample holds %d NIKs, want 4 or more", len(niks))
	}
	return niks
}

// writeList writes a nomination list file.
func writeList(t *testing.T, path, body string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// nominationTiers looks NIKs up with the keyring serve would use for dir
// and returns the tier of each one found, by NIK position.
func nominationTiers(t *testing.T, dir string, niks ...string) map[int]int {
	t.Helper()
	store, err := (&storeFlags{Data: dir}).Open(t.Context())
	must(t, err)
	defer store.Close()
	keys, err := loadKeys(appConfig{DataDir: dir}, newLogger(io.Discard, "error"))
	must(t, err)
	indexes := make([][]byte, len(niks))
	for i, n := range niks {
		indexes[i] = keys.Index(prakerja.IndexNIK, n)
	}
	found, err := store.NominationTiers(t.Context(), indexes)
	must(t, err)
	out := map[int]int{}
	for i, idx := range indexes {
		if tier, ok := found[string(idx)]; ok {
			out[i] = tier
		}
	}
	return out
}

// TestNominationsImport imports a list under the data folder's own key
// (the tier lookup finds a listed NIK by the index registration would
// compute), then a second version of the institution, which replaces the
// first while another institution's list stays current.
func TestNominationsImport(t *testing.T) {
	t.Parallel()
	dir, environ := exclusionsDir(t)
	niks := nominationNIKs(t, dir, environ)
	first := writeList(t, filepath.Join(dir, "bpjs-1.csv"),
		"\ufeffNIK;Nama;Category\r\n"+niks[0]+";A;phk\r\n"+niks[1]+";B;PHK\r\n"+niks[0]+";A;phk\r\n")
	var got nominationImportLine
	lastJSON(t, mustRun(t, environ, "nominations", "import", "--institution", "bpjs_tk",
		"--name", "BPJS Ketenagakerjaan", first, "--json"), &got)
	if got.ID == 0 || got.Institution != "bpjs_tk" || got.Rows != 3 || got.Entries != 2 || len(got.SHA256) != 64 {
		t.Fatalf("first import %+v, want 3 rows, 2 entries", got)
	}
	diffTiers(t, nominationTiers(t, dir, niks[0], niks[1], niks[2]), map[int]int{0: 0, 1: 0})

	other := writeList(t, filepath.Join(dir, "lapas.csv"), "nik,category\n"+niks[3]+",warga_binaan\n")
	mustRun(t, environ, "nominations", "import", "--institution", "ditjenpas", "--name", "Ditjen Pemasyarakatan", other)
	second := writeList(t, filepath.Join(dir, "bpjs-2.csv"), "nik,category\n"+niks[2]+",phk\n")
	var again nominationImportLine
	lastJSON(t, mustRun(t, environ, "nominations", "import", "--institution", "bpjs_tk",
		"--name", "BPJS Ketenagakerjaan", second, "--json"), &again)
	if again.ID <= got.ID || again.Entries != 1 || again.SHA256 == got.SHA256 {
		t.Fatalf("second import %+v after %+v", again, got)
	}
	diffTiers(t, nominationTiers(t, dir, niks[0], niks[1], niks[2], niks[3]), map[int]int{2: 0, 3: 0})

	var list struct{ Imports []nominationListLine }
	lastJSON(t, mustRun(t, environ, "nominations", "list", "--json"), &list)
	if len(list.Imports) != 3 || list.Imports[0].ID != again.ID || !list.Imports[0].Current ||
		!list.Imports[1].Current || list.Imports[2].ID != got.ID || list.Imports[2].Current {
		t.Fatalf("list %+v, want the second bpjs_tk import and ditjenpas current, the first kept", list.Imports)
	}
	if out := mustRun(t, environ, "nominations", "list"); !strings.HasPrefix(out, "* ") {
		t.Fatalf("text list does not mark the current import first:\n%s", out)
	}
}

func diffTiers(t *testing.T, got, want map[int]int) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("tiers %v, want %v", got, want)
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Fatalf("tiers %v, want %v", got, want)
		}
	}
}

// TestNominationsImportRefusesBadFile checks that a file with bad lines
// (a short NIK, an unknown category) is refused with their line numbers,
// without a NIK in any output, and that nothing is stored — not even the
// good lines, and not over an earlier version.
func TestNominationsImportRefusesBadFile(t *testing.T) {
	t.Parallel()
	dir, environ := exclusionsDir(t)
	niks := nominationNIKs(t, dir, environ)
	good := writeList(t, filepath.Join(dir, "good.csv"), "nik,category\n"+niks[0]+",umkm\n")
	mustRun(t, environ, "nominations", "import", "--institution", "pemprov_jatim", "--name", "Pemprov Jawa Timur", good)
	bad := writeList(t, filepath.Join(dir, "bad.csv"),
		"nik,category\n"+niks[1]+",umkm\n"+niks[2][:15]+",umkm\n"+niks[3]+","+niks[3]+"\n")
	code, out, errOut := runStoreCmd(t, environ, "nominations", "import", "--institution", "pemprov_jatim",
		"--name", "Pemprov Jawa Timur", bad, "--json")
	if code != 1 || !strings.Contains(errOut, "bad.csv:3: nik_format:") ||
		!strings.Contains(errOut, "bad.csv:4: bad_value:") || !strings.Contains(errOut, "nothing stored") {
		t.Fatalf("exit %d, stderr %q; want exit 1 naming lines 3 and 4", code, errOut)
	}
	var refused nominationRefusedLine
	lastJSON(t, out, &refused)
	if refused.Error != prakerja.CodeInvalid || refused.Total != 2 || refused.BadLines[0].Line != 3 || refused.BadLines[1].Line != 4 {
		t.Fatalf("JSON %+v", refused)
	}
	if d := regexp.MustCompile(`[0-9]{15}`); d.MatchString(out) || d.MatchString(errOut) {
		t.Fatalf("output holds NIK digits:\n%s\n%s", out, errOut)
	}
	var list struct{ Imports []nominationListLine }
	lastJSON(t, mustRun(t, environ, "nominations", "list", "--json"), &list)
	if len(list.Imports) != 1 || !list.Imports[0].Current {
		t.Fatalf("a refused file changed the imports: %+v", list.Imports)
	}
	diffTiers(t, nominationTiers(t, dir, niks[0], niks[1]), map[int]int{0: 0})
}

// TestNominationsUsage checks the command lines refused before any work,
// with exit status 2.
func TestNominationsUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"ErrNoSubcommand", []string{"nominations"}, "warga_binaan"},
		{"ErrUnknownSubcommand", []string{"nominations", "delete"}, "unknown subcommand"},
		{"ErrNoInstitution", []string{"nominations", "import", "--name", "BPJS", "x.csv"}, "usage:"},
		{"ErrNoName", []string{"nominations", "import", "--institution", "bpjs_tk", "x.csv"}, "usage:"},
		{"ErrNameTooLong", []string{"nominations", "import", "--institution", "bpjs_tk", "--name", strings.Repeat("n", 201), "x.csv"}, "at most 200"},
		{"ErrInstitutionCode", []string{"nominations", "import", "--institution", "BPJS-TK", "--name", "BPJS", "x.csv"}, "snake_case"},
		{"ErrNoFile", []string{"nominations", "import", "--institution", "bpjs_tk", "--name", "BPJS"}, "usage:"},
		{"ErrListArgument", []string{"nominations", "list", "all"}, "usage:"},
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
