package selection

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// snapshotHeader is the first line of snapshot.csv.
const snapshotHeader = "pseudonym,family,region,tier,eligible,reasons"

// writeBufferSize is the buffer of every streamed artefact: large enough
// that writing two million lines makes few system calls.
const writeBufferSize = 1 << 20

// Snapshot is the frozen applicant set of a wave, in canonical order
// (pseudonyms strictly ascending by their bytes, which is also the order of
// their hex form).
type Snapshot struct {
	Applicants []Applicant
}

// NewSnapshot checks every applicant and freezes them into canonical
// order. It takes ownership of apps and sorts it in place. Errors are
// CodeSnapshotLine (a bad field) or CodeSnapshotOrder (a pseudonym twice),
// with the line the applicant would have in snapshot.csv.
func NewSnapshot(apps []Applicant) (*Snapshot, error) {
	if len(apps) > ApplicantsMax {
		return nil, errorf(CodeSnapshotLine, FileSnapshot, "%d applicants; at most %d", len(apps), ApplicantsMax)
	}
	slices.SortFunc(apps, func(a, b Applicant) int { return bytes.Compare(a.Pseudonym[:], b.Pseudonym[:]) })
	for i := range apps {
		line := int64(i) + 2 // the header is line 1
		if msg := apps[i].check(); msg != "" {
			return nil, lineErrorf(CodeSnapshotLine, FileSnapshot, line, "%s", msg)
		}
		if i > 0 && apps[i].Pseudonym == apps[i-1].Pseudonym {
			return nil, lineErrorf(CodeSnapshotOrder, FileSnapshot, line, "pseudonym %s appears twice", apps[i].Pseudonym)
		}
	}
	return &Snapshot{Applicants: apps}, nil
}

// WriteTo writes the canonical snapshot.csv: the header, then one line per
// applicant, LF line endings, no quoting (no field can hold ',' or '"').
func (s *Snapshot) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, writeBufferSize)
	bw.WriteString(snapshotHeader + "\n")
	line := make([]byte, 0, SnapshotLineMax)
	for i := range s.Applicants {
		line = appendSnapshotLine(line[:0], &s.Applicants[i])
		bw.Write(line)
	}
	err := bw.Flush()
	return cw.n, err
}

// appendSnapshotLine appends one applicant's line, LF included.
func appendSnapshotLine(b []byte, a *Applicant) []byte {
	b = a.Pseudonym.appendHex(b)
	b = append(b, ',')
	b = a.Family.appendHex(b)
	b = append(b, ',')
	b = append(b, a.Region...)
	b = append(b, ',')
	b = strconv.AppendUint(b, uint64(a.Tier), 10)
	if a.Eligible {
		b = append(b, ",1,"...)
	} else {
		b = append(b, ",0,"...)
	}
	b = append(b, a.Reasons...)
	return append(b, '\n')
}

// Digest returns the SHA-256 (hex) and size of the canonical snapshot.csv,
// the values published when the wave closes.
func (s *Snapshot) Digest() (string, int64) {
	h := sha256.New()
	n, _ := s.WriteTo(h) // a hash never fails to write
	return hex.EncodeToString(h.Sum(nil)), n
}

// Eligible counts the eligible applicants.
func (s *Snapshot) Eligible() int {
	n := 0
	for i := range s.Applicants {
		if s.Applicants[i].Eligible {
			n++
		}
	}
	return n
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil {
		return n, fmt.Errorf("write: %w", err)
	}
	return n, nil
}
