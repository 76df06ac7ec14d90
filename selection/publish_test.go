package selection

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// publishSynthetic publishes a small synthetic wave to a new folder.
func publishSynthetic(tb testing.TB, seed Seed) (string, *Snapshot, Quotas) {
	tb.Helper()
	snap, q := mustSynthetic(tb, 3000, 250)
	dir := filepath.Join(tb.TempDir(), "wave")
	if _, _, err := Publish(dir, seed.Commit(), seed, snap, q); err != nil {
		tb.Fatalf("Publish: %s", describe(err))
	}
	return dir, snap, q
}

// readDir returns every file of dir by name.
func readDir(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func TestPublishWritesEveryArtefact(t *testing.T) {
	t.Parallel()
	dir, _, _ := publishSynthetic(t, testSeed(1))
	files := readDir(t, dir)
	if len(files) != len(artefactFiles)+1 {
		t.Fatalf("files %d, want %d", len(files), len(artefactFiles)+1)
	}
	if got := string(files[FileSeed]); got != testSeed(1).String()+"\n" {
		t.Fatalf("seed.txt = %q", got)
	}
	if bytes.Contains(files[FileSnapshot], []byte("\r")) || !bytes.HasPrefix(files[FileResult], []byte(resultHeader+"\n")) {
		t.Fatal("artefacts are not canonical")
	}
}

// TestPublishNeverChanges republishes the same wave (allowed, no change)
// and then with another seed (refused, nothing changed).
func TestPublishNeverChanges(t *testing.T) {
	t.Parallel()
	dir, snap, q := publishSynthetic(t, testSeed(1))
	before := readDir(t, dir)
	if _, _, err := Publish(dir, testSeed(1).Commit(), testSeed(1), snap, q); err != nil {
		t.Fatalf("identical republish: %s", describe(err))
	}
	_, _, err := Publish(dir, testSeed(2).Commit(), testSeed(2), snap, q)
	if errCode(err) != CodePublished || !strings.Contains(err.Error(), FileCommitment) {
		t.Fatalf("other seed: got %s, want %s naming %s", describe(err), CodePublished, FileCommitment)
	}
	after := readDir(t, dir)
	if len(after) != len(before) {
		t.Fatalf("files before %d, after %d (temporary files left?)", len(before), len(after))
	}
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Fatalf("%s changed", name)
		}
	}
}

func TestPublishRefusesWrongSeed(t *testing.T) {
	t.Parallel()
	snap, q := mustSynthetic(t, 100, 10)
	_, _, err := Publish(t.TempDir(), testSeed(1).Commit(), testSeed(2), snap, q)
	if errCode(err) != CodeSeedMismatch {
		t.Fatalf("got %s, want %s", describe(err), CodeSeedMismatch)
	}
}
