package selection

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
)

// Report is what Verify confirmed.
type Report struct {
	Wave           string `json:"wave"`
	Commitment     string `json:"commitment"`
	SnapshotSHA256 string `json:"snapshot_sha256"`
	ManifestSHA256 string `json:"manifest_sha256"` // identifies the publication
	Applicants     int    `json:"applicants"`
	Eligible       int    `json:"eligible"`
	Selected       int    `json:"selected"`
}

// Verify recomputes a published selection from the files in dir alone and
// returns nil only when every artefact is exactly what the algorithm
// yields. The checks run in this order, and the first failure is returned
// as an *Error naming the file: manifest.json is canonical and names this
// algorithm and the six artefacts; each artefact has the size and SHA-256
// the manifest lists; commitment.txt is the manifest's commitment; the
// seed in seed.txt hashes to it; quotas.json is canonical and equals the
// manifest's quotas;
// snapshot.csv parses; result.csv and summary.csv equal the recomputed
// ones line for line; the manifest's counts equal the recomputed ones.
func Verify(dir string) (*Report, error) {
	m, manifestSHA, err := verifyManifest(dir)
	if err != nil {
		return nil, err
	}
	seed, q, err := verifyInputs(dir, m)
	if err != nil {
		return nil, err
	}
	snap, err := readSnapshotFile(dir)
	if err != nil {
		return nil, err
	}
	res, err := Select(snap, seed, q)
	if err != nil {
		return nil, err
	}
	if err := verifyOutputs(dir, res, m); err != nil {
		return nil, err
	}
	return &Report{Wave: m.Wave, Commitment: m.Commitment, SnapshotSHA256: m.Files[3].SHA256, ManifestSHA256: manifestSHA,
		Applicants: m.Applicants, Eligible: m.Eligible, Selected: m.Selected}, nil
}

// verifyManifest reads the manifest and checks every file against it; it
// returns the manifest and its SHA-256.
func verifyManifest(dir string) (*Manifest, string, error) {
	b, err := readSmall(dir, FileManifest, JSONFileMax)
	if err != nil {
		return nil, "", err
	}
	m, err := ParseManifest(b)
	if err != nil {
		return nil, "", err
	}
	names := make([]string, len(m.Files))
	for i, f := range m.Files {
		names[i] = f.Name
	}
	if !slices.Equal(names, artefactFiles[:]) {
		return nil, "", errorf(CodeManifestInvalid, FileManifest, "files must list %v in that order", artefactFiles)
	}
	for _, want := range m.Files {
		got, err := hashFile(dir, want.Name)
		switch {
		case err != nil:
			return nil, "", err
		case got.Size != want.Size:
			return nil, "", errorf(CodeSizeMismatch, want.Name, "size is %d bytes, %s lists %d", got.Size, FileManifest, want.Size)
		case got.SHA256 != want.SHA256:
			return nil, "", errorf(CodeDigestMismatch, want.Name, "SHA-256 %s differs from %s in %s", got.SHA256, want.SHA256, FileManifest)
		}
	}
	sum := sha256.Sum256(b)
	return m, hex.EncodeToString(sum[:]), nil
}

// verifyInputs checks the commitment, the revealed seed and the quotas.
func verifyInputs(dir string, m *Manifest) (Seed, Quotas, error) {
	var seed Seed
	commitment, err := readHexFile(dir, FileCommitment, CodeCommitmentFormat)
	if err != nil {
		return seed, Quotas{}, err
	}
	if commitment != m.Commitment {
		return seed, Quotas{}, errorf(CodeCommitmentDiffer, FileCommitment, "commitment %s differs from %s in %s", commitment, m.Commitment, FileManifest)
	}
	hexSeed, err := readHexFile(dir, FileSeed, CodeSeedFormat)
	if err != nil {
		return seed, Quotas{}, err
	}
	if seed, err = ParseSeed(hexSeed); err != nil {
		return seed, Quotas{}, err
	}
	if !CheckReveal(commitment, seed) {
		return seed, Quotas{}, errorf(CodeSeedMismatch, FileSeed, "the seed does not match the commitment in %s: its SHA-256 is %s", FileCommitment, seed.Commit())
	}
	q, err := verifyQuotas(dir, m)
	return seed, q, err
}

// readHexFile reads a file that must be 64 lowercase hex digits and LF.
func readHexFile(dir, name string, code Code) (string, error) {
	b, err := readSmall(dir, name, 2*SeedSize+1)
	if err != nil {
		return "", err
	}
	s, ok := parseHexLine(b, 2*SeedSize)
	if !ok {
		return "", errorf(code, name, "must be %d lowercase hex digits and one LF", 2*SeedSize)
	}
	return s, nil
}

// verifyQuotas parses quotas.json and checks the manifest's copy.
func verifyQuotas(dir string, m *Manifest) (Quotas, error) {
	b, err := readSmall(dir, FileQuotas, JSONFileMax)
	if err != nil {
		return Quotas{}, err
	}
	q, err := ParseQuotas(b)
	if err != nil {
		return Quotas{}, err
	}
	if c := q.MarshalCanonical(); !bytes.Equal(c, b) {
		return Quotas{}, errorf(CodeQuotasInvalid, FileQuotas, "not in canonical form: first difference at byte %d", firstDiff(c, b)+1)
	}
	if !bytes.Equal(q.MarshalCanonical(), m.Quotas.MarshalCanonical()) {
		return Quotas{}, errorf(CodeQuotasDiffer, FileQuotas, "the quotas differ from those in %s", FileManifest)
	}
	if m.Wave != q.Wave {
		return Quotas{}, errorf(CodeQuotasDiffer, FileManifest, "wave %q differs from %q in %s", m.Wave, q.Wave, FileQuotas)
	}
	return q, nil
}

// readSnapshotFile parses dir/snapshot.csv as a stream.
func readSnapshotFile(dir string) (*Snapshot, error) {
	f, err := os.Open(filepath.Join(dir, FileSnapshot))
	if err != nil {
		return nil, openError(FileSnapshot, err)
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	return readSnapshot(f, size)
}

// verifyOutputs compares result.csv, summary.csv and the manifest's counts
// with the recomputation.
func verifyOutputs(dir string, res *Result, m *Manifest) error {
	var want bytes.Buffer
	res.WriteResult(&want)
	if err := compareFile(dir, FileResult, want.Bytes(), CodeResultDiffers, "result"); err != nil {
		return err
	}
	want.Reset()
	res.WriteSummary(&want)
	if err := compareFile(dir, FileSummary, want.Bytes(), CodeSummaryDiffers, "summary"); err != nil {
		return err
	}
	got := [3]int{m.Applicants, m.Eligible, m.Selected}
	if recomputed := [3]int{len(res.Snapshot.Applicants), res.Eligible, res.Selected()}; got != recomputed {
		return errorf(CodeCountsDiffer, FileManifest, "applicants, eligible, selected are %v; recomputed %v", got, recomputed)
	}
	return nil
}

// compareFile names the first line of dir/name that differs from want.
func compareFile(dir, name string, want []byte, code Code, what string) error {
	got, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return openError(name, err)
	}
	if line := compareLines(want, got); line > 0 {
		return lineErrorf(code, name, line, "differs from the recomputed %s", what)
	}
	return nil
}
