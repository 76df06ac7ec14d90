package selection

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVerifyGoodFolder(t *testing.T) {
	t.Parallel()
	dir, snap, q := publishSynthetic(t, testSeed(4))
	rep, err := Verify(dir)
	if err != nil {
		t.Fatalf("Verify: %s", describe(err))
	}
	digest, _ := snap.Digest()
	if rep.Selected != q.Total || rep.Applicants != len(snap.Applicants) || rep.SnapshotSHA256 != digest {
		t.Fatalf("report %+v", rep)
	}
}

// TestVerifyFlippedByte flips one byte at the start, middle and end of each
// artefact in turn and wants Verify to fail naming that file.
func TestVerifyFlippedByte(t *testing.T) {
	t.Parallel()
	files := append(artefactFiles[:], FileManifest)
	for _, name := range files {
		for _, where := range []string{"first", "middle", "last"} {
			t.Run(name+"/"+where, func(t *testing.T) {
				t.Parallel()
				dir, _, _ := publishSynthetic(t, testSeed(4))
				path := filepath.Join(dir, name)
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				i := map[string]int{"first": 0, "middle": len(b) / 2, "last": len(b) - 1}[where]
				b[i] ^= 0x01
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
				_, err = Verify(dir)
				if err == nil || !strings.Contains(err.Error(), name) {
					t.Fatalf("got %v, want an error naming %s", err, name)
				}
			})
		}
	}
}

// reseal rewrites the manifest's digests after a forgery, so the checks
// behind the digests are reached.
func reseal(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, FileManifest))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseManifest(b)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range m.Files {
		if m.Files[i], err = hashFile(dir, f.Name); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, FileManifest), m.MarshalCanonical(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyForgeries edits an artefact consistently with the manifest and
// wants the specific check behind the digests to fail.
func TestVerifyForgeries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(files map[string][]byte)
		code Code
		text string
	}{
		{"OtherSeed", func(f map[string][]byte) { f[FileSeed] = []byte(testSeed(5).String() + "\n") },
			CodeSeedMismatch, "seed.txt: the seed does not match the commitment"},
		{"ResultLine", func(f map[string][]byte) { f[FileResult] = swapLines(f[FileResult], 3, 4) },
			CodeResultDiffers, "result.csv line 3: differs from the recomputed result"},
		{"SummaryLine", func(f map[string][]byte) {
			f[FileSummary] = []byte(strings.Replace(string(f[FileSummary]), "\n31,", "\n31,9", 1))
		}, CodeSummaryDiffers, "summary.csv line "},
		{"SnapshotEligibility", func(f map[string][]byte) {
			f[FileSnapshot] = []byte(strings.Replace(string(f[FileSnapshot]), ",1,1,\n", ",1,0,excluded_group\n", 50))
		}, CodeResultDiffers, "result.csv line "},
		{"SnapshotUnsorted", func(f map[string][]byte) { f[FileSnapshot] = swapLines(f[FileSnapshot], 10, 11) },
			CodeSnapshotOrder, "snapshot.csv line 11"},
		{"QuotasTotal", func(f map[string][]byte) {
			f[FileQuotas] = []byte(strings.Replace(string(f[FileQuotas]), `"total": 250`, `"total": 251`, 1))
		}, CodeQuotasDiffer, "quotas.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir, _, _ := publishSynthetic(t, testSeed(4))
			files := readDir(t, dir)
			tc.edit(files)
			for name, b := range files {
				if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			reseal(t, dir)
			_, err := Verify(dir)
			if errCode(err) != tc.code || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("got %s, want %s with %q", describe(err), tc.code, tc.text)
			}
		})
	}
}

// swapLines swaps lines i and j (1-based) of b.
func swapLines(b []byte, i, j int) []byte {
	lines := strings.Split(string(b), "\n")
	lines[i-1], lines[j-1] = lines[j-1], lines[i-1]
	return []byte(strings.Join(lines, "\n"))
}

func TestVerifyMissingFile(t *testing.T) {
	t.Parallel()
	dir, _, _ := publishSynthetic(t, testSeed(4))
	os.Remove(filepath.Join(dir, FileSummary))
	if _, err := Verify(dir); errCode(err) != CodeFileMissing || !strings.Contains(err.Error(), FileSummary) {
		t.Fatalf("got %s", describe(err))
	}
}

// TestVerifyManifestFields changes one field of a canonical manifest at a
// time and wants Verify to notice, naming manifest.json.
func TestVerifyManifestFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(m *Manifest)
		code Code
	}{
		{"Algorithm", func(m *Manifest) { m.Algorithm = "prakerja-selection-v2" }, CodeAlgorithm},
		{"Wave", func(m *Manifest) { m.Wave = "other" }, CodeQuotasDiffer},
		{"Commitment", func(m *Manifest) { m.Commitment = testSeed(9).Commit() }, CodeCommitmentDiffer},
		{"Quotas", func(m *Manifest) { m.Quotas.PerKK++ }, CodeQuotasDiffer},
		{"Selected", func(m *Manifest) { m.Selected++ }, CodeCountsDiffer},
		{"FileOrder", func(m *Manifest) { m.Files[0], m.Files[1] = m.Files[1], m.Files[0] }, CodeManifestInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir, _, _ := publishSynthetic(t, testSeed(4))
			path := filepath.Join(dir, FileManifest)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m, err := ParseManifest(b)
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(m)
			if err := os.WriteFile(path, m.MarshalCanonical(), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = Verify(dir)
			if errCode(err) != tc.code || !strings.Contains(err.Error(), FileManifest) {
				t.Fatalf("got %s, want %s naming %s", describe(err), tc.code, FileManifest)
			}
		})
	}
}
