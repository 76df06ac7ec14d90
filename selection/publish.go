package selection

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// Publish runs the selection and writes its artefacts to dir: the six
// files of the manifest, then manifest.json last, so a folder with a
// manifest is complete. The seed must match the commitment published
// before the wave closed. A published result never changes: if any
// artefact already in dir differs from what this run would write, Publish
// writes nothing and returns a CodePublished error naming the file;
// rewriting identical content is allowed, so a crashed run can be redone.
// Other errors: CodeSeedMismatch, CodeQuotasInvalid, CodeFileIO.
func Publish(dir, commitment string, seed Seed, snap *Snapshot, q Quotas) (*Result, *Manifest, error) {
	if !CheckReveal(commitment, seed) {
		return nil, nil, errorf(CodeSeedMismatch, FileSeed, "the seed does not match the commitment %s", commitment)
	}
	res, err := Select(snap, seed, q)
	if err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, errorf(CodeFileIO, "", "create %s: %s", dir, err.Error())
	}
	p := &publisher{dir: dir}
	defer p.cleanup()
	m, err := p.writeAll(res, commitment)
	if err != nil {
		return nil, nil, err
	}
	if err := p.commit(); err != nil {
		return nil, nil, err
	}
	return res, m, nil
}

// artefactMode is the permission of every published file.
const artefactMode = 0o644

// publisher holds the temporary files of one Publish.
type publisher struct {
	dir   string
	temps []staged
}

// staged is an artefact written to a temporary file, not yet in place.
type staged struct {
	tmp  string
	info FileInfo
}

// writeAll stages every artefact and the manifest and checks them against
// what dir already holds.
func (p *publisher) writeAll(res *Result, commitment string) (*Manifest, error) {
	q := res.Quotas
	m := &Manifest{Algorithm: Algorithm, Wave: q.Wave, Commitment: commitment, Quotas: q,
		Applicants: len(res.Snapshot.Applicants), Eligible: res.Eligible, Selected: res.Selected()}
	writers := map[string]func(io.Writer) (int64, error){
		FileCommitment: bytesWriter([]byte(commitment + "\n")),
		FileSeed:       bytesWriter([]byte(res.Seed.String() + "\n")),
		FileQuotas:     bytesWriter(q.MarshalCanonical()),
		FileSnapshot:   res.Snapshot.WriteTo,
		FileResult:     res.WriteResult,
		FileSummary:    res.WriteSummary,
	}
	for _, name := range artefactFiles {
		info, err := p.stage(name, writers[name])
		if err != nil {
			return nil, err
		}
		m.Files = append(m.Files, info)
	}
	if _, err := p.stage(FileManifest, bytesWriter(m.MarshalCanonical())); err != nil {
		return nil, err
	}
	return m, nil
}

// bytesWriter returns a write function for a small, prepared file.
func bytesWriter(b []byte) func(io.Writer) (int64, error) {
	return func(w io.Writer) (int64, error) { return bytes.NewReader(b).WriteTo(w) }
}

// stage writes one artefact to a temporary file in dir, hashing as it
// goes, and refuses when dir/name exists with other content.
func (p *publisher) stage(name string, write func(io.Writer) (int64, error)) (FileInfo, error) {
	f, err := os.CreateTemp(p.dir, "."+name+".tmp-*")
	if err != nil {
		return FileInfo{}, errorf(CodeFileIO, name, "create: %s", err.Error())
	}
	p.temps = append(p.temps, staged{tmp: f.Name()})
	h := sha256.New()
	n, err := write(io.MultiWriter(f, h))
	// Published files are for everyone to read; CreateTemp makes them 0600.
	err = errors.Join(err, f.Chmod(artefactMode), f.Sync(), f.Close())
	if err != nil {
		return FileInfo{}, errorf(CodeFileIO, name, "write: %s", err.Error())
	}
	info := FileInfo{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}
	p.temps[len(p.temps)-1].info = info
	old, err := hashFile(p.dir, name)
	var se *Error
	switch {
	case errors.As(err, &se) && se.Code == CodeFileMissing:
		return info, nil
	case err != nil:
		return FileInfo{}, err
	case old != info:
		return FileInfo{}, errorf(CodePublished, name, "already published in %s with other content (SHA-256 %s, this run %s); a published selection never changes", p.dir, old.SHA256, info.SHA256)
	}
	return info, nil
}

// commit moves the staged files into place in manifest order, the
// manifest last, and makes the directory entries durable.
func (p *publisher) commit() error {
	for i := range p.temps {
		s := &p.temps[i]
		if err := os.Rename(s.tmp, filepath.Join(p.dir, s.info.Name)); err != nil {
			return errorf(CodeFileIO, s.info.Name, "rename: %s", err.Error())
		}
		s.tmp = ""
	}
	d, err := os.Open(p.dir)
	if err != nil {
		return errorf(CodeFileIO, "", "open %s: %s", p.dir, err.Error())
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return errorf(CodeFileIO, "", "sync %s: %s", p.dir, err.Error())
	}
	return nil
}

// cleanup removes staged files that were not moved into place.
func (p *publisher) cleanup() {
	for _, s := range p.temps {
		if s.tmp != "" {
			os.Remove(s.tmp)
		}
	}
}
