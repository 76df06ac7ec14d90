package selection

import (
	"bytes"
	"encoding/json"
)

// Manifest is manifest.json: what was published and the digest of every
// other artefact. Every field is either checked against a recomputation or
// a copy of another file's content, so changing any byte of it fails
// Verify.
type Manifest struct {
	Algorithm  string     `json:"algorithm"`
	Wave       string     `json:"wave"`
	Commitment string     `json:"commitment"`
	Quotas     Quotas     `json:"quotas"`
	Applicants int        `json:"applicants"`
	Eligible   int        `json:"eligible"`
	Selected   int        `json:"selected"`
	Files      []FileInfo `json:"files"`
}

// FileInfo is one artefact's entry in the manifest.
type FileInfo struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// MarshalCanonical returns the manifest as two-space indented JSON with one
// final LF; Verify refuses a manifest.json in any other form.
func (m *Manifest) MarshalCanonical() []byte {
	c := *m
	if c.Quotas.Regions == nil {
		c.Quotas.Regions = map[string]int{}
	}
	b, _ := json.MarshalIndent(&c, "", "  ") // cannot fail: strings and ints only
	return append(b, '\n')
}

// ParseManifest reads a canonical manifest.json. It returns
// CodeAlgorithm for another algorithm and CodeManifestInvalid for anything
// else that is not exactly what MarshalCanonical writes.
func ParseManifest(b []byte) (*Manifest, error) {
	if len(b) > JSONFileMax {
		return nil, errorf(CodeManifestInvalid, FileManifest, "larger than %d bytes", JSONFileMax)
	}
	var m Manifest
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&m); err != nil {
		return nil, errorf(CodeManifestInvalid, FileManifest, "not valid JSON: %s", err.Error())
	}
	if m.Algorithm != Algorithm {
		return nil, errorf(CodeAlgorithm, FileManifest, "algorithm %q is not %q, the one this program implements", m.Algorithm, Algorithm)
	}
	if c := m.MarshalCanonical(); !bytes.Equal(c, b) {
		return nil, errorf(CodeManifestInvalid, FileManifest, "not in canonical form: first difference at byte %d", firstDiff(c, b)+1)
	}
	return &m, nil
}

// firstDiff returns the index of the first byte where a and b differ.
func firstDiff(a, b []byte) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}
