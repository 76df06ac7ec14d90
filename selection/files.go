package selection

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// hashFile returns the size and SHA-256 (hex) of dir/name; a missing file
// is a CodeFileMissing error.
func hashFile(dir, name string) (FileInfo, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return FileInfo{}, openError(name, err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return FileInfo{}, errorf(CodeFileIO, name, "read: %s", err.Error())
	}
	return FileInfo{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// readSmall reads dir/name whole, refusing more than limit bytes.
func readSmall(dir, name string, limit int64) ([]byte, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return nil, openError(name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, errorf(CodeFileIO, name, "read: %s", err.Error())
	}
	if int64(len(b)) > limit {
		return nil, errorf(CodeFileIO, name, "larger than %d bytes", limit)
	}
	return b, nil
}

// openError describes a failed open of an artefact.
func openError(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errorf(CodeFileMissing, name, "the file is missing")
	}
	return errorf(CodeFileIO, name, "open: %s", err.Error())
}

// compareLines compares a recomputed file with the published one and
// returns the first line (1-based) that differs, or 0 when they are equal.
func compareLines(want, got []byte) int64 {
	if bytes.Equal(want, got) {
		return 0
	}
	for line := int64(1); ; line++ {
		w, wrest, wlf := bytes.Cut(want, []byte{'\n'})
		g, grest, glf := bytes.Cut(got, []byte{'\n'})
		if !bytes.Equal(w, g) || wlf != glf {
			return line
		}
		want, got = wrest, grest
	}
}
