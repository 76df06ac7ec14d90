package selection

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// readBufferSize is the read buffer for a streamed snapshot.
const readBufferSize = 1 << 20

// snapshotFields is the number of comma-separated fields per line.
const snapshotFields = 6

// ReadSnapshot parses a canonical snapshot.csv as a stream and refuses
// anything not byte-identical to what WriteTo would write for the same
// applicants: the exact header, LF endings, strictly ascending pseudonyms,
// no blank lines. The first fault is reported with its line number, as
// CodeSnapshotLine (a malformed line), CodeSnapshotOrder (a pseudonym out
// of order or repeated) or CodeFileIO (the reader failed).
func ReadSnapshot(r io.Reader) (*Snapshot, error) { return readSnapshot(r, 0) }

// snapshotLineMin is the shortest applicant line: two pseudonyms, a
// province, a tier, the eligible flag, five commas and the LF.
const snapshotLineMin = 2*2*PseudonymSize + 2 + 1 + 1 + 5 + 1

// readSnapshot is ReadSnapshot with the file size, if known, so the
// applicant slice is allocated once instead of grown by copying.
func readSnapshot(r io.Reader, size int64) (*Snapshot, error) {
	br := bufio.NewReaderSize(r, readBufferSize)
	p := snapshotParser{intern: map[string]string{}}
	p.apps = make([]Applicant, 0, min(size/snapshotLineMin+1, ApplicantsMax))
	for line := int64(1); ; line++ {
		b, err := br.ReadSlice('\n')
		if len(b) == 0 && err == io.EOF {
			if line == 1 {
				return nil, lineErrorf(CodeSnapshotLine, FileSnapshot, 1, "the file is empty; the first line must be %q", snapshotHeader)
			}
			return &Snapshot{Applicants: p.apps}, nil
		}
		if e := p.lineFault(b, err, line); e != nil {
			return nil, e
		}
		if line == 1 {
			if string(b[:len(b)-1]) != snapshotHeader {
				return nil, lineErrorf(CodeSnapshotLine, FileSnapshot, 1, "the header must be %q", snapshotHeader)
			}
			continue
		}
		if e := p.parseLine(b[:len(b)-1], line); e != nil {
			return nil, e
		}
	}
}

// snapshotParser holds the state of one ReadSnapshot.
type snapshotParser struct {
	apps []Applicant
	// intern shares the few distinct region and reason strings among two
	// million applicants instead of allocating one each.
	intern map[string]string
}

// lineFault checks what ReadSlice returned: a whole line within
// SnapshotLineMax that ends in LF.
func (p *snapshotParser) lineFault(b []byte, err error, line int64) *Error {
	switch {
	case errors.Is(err, bufio.ErrBufferFull) || len(b) > SnapshotLineMax:
		return lineErrorf(CodeSnapshotLine, FileSnapshot, line, "the line is longer than %d bytes", SnapshotLineMax)
	case err == io.EOF:
		return lineErrorf(CodeSnapshotLine, FileSnapshot, line, "the last line does not end with LF")
	case err != nil:
		return lineErrorf(CodeFileIO, FileSnapshot, line, "read: %s", err.Error())
	case len(p.apps) >= ApplicantsMax:
		return lineErrorf(CodeSnapshotLine, FileSnapshot, line, "more than %d applicants", ApplicantsMax)
	}
	return nil
}

// parseLine parses one applicant line (LF removed) and appends it.
func (p *snapshotParser) parseLine(b []byte, line int64) *Error {
	var f [snapshotFields][]byte
	n := 0
	for n < snapshotFields-1 {
		i := bytes.IndexByte(b, ',')
		if i < 0 {
			break
		}
		f[n], b, n = b[:i], b[i+1:], n+1
	}
	f[n] = b
	if n != snapshotFields-1 || bytes.IndexByte(b, ',') >= 0 {
		return lineErrorf(CodeSnapshotLine, FileSnapshot, line, "want %d comma-separated fields", snapshotFields)
	}
	a, msg := p.applicant(f)
	if msg == "" {
		msg = a.check()
	}
	if msg != "" {
		return lineErrorf(CodeSnapshotLine, FileSnapshot, line, "%s", msg)
	}
	if k := len(p.apps); k > 0 && bytes.Compare(p.apps[k-1].Pseudonym[:], a.Pseudonym[:]) >= 0 {
		return lineErrorf(CodeSnapshotOrder, FileSnapshot, line, "pseudonym %s is not greater than the one on the line before", a.Pseudonym)
	}
	p.apps = append(p.apps, a)
	return nil
}

// applicant decodes the fields of one line; the message says what is
// wrong, "" when nothing is.
func (p *snapshotParser) applicant(f [snapshotFields][]byte) (Applicant, string) {
	var a Applicant
	var ok bool
	if a.Pseudonym, ok = decodePseudonym(f[0]); !ok {
		return a, "pseudonym must be 32 lowercase hex digits"
	}
	if a.Family, ok = decodePseudonym(f[1]); !ok {
		return a, "family must be 32 lowercase hex digits"
	}
	// TierMax is a single digit, so a tier is exactly one character.
	if len(f[3]) != 1 || f[3][0] < '0' || f[3][0] > '0'+TierMax {
		return a, "tier must be one digit 0..9"
	}
	a.Tier = f[3][0] - '0'
	switch string(f[4]) {
	case "1":
		a.Eligible = true
	case "0":
	default:
		return a, "eligible must be 1 or 0"
	}
	a.Region, a.Reasons = p.interned(f[2]), p.interned(f[5])
	return a, ""
}

// interned returns b as a shared string.
func (p *snapshotParser) interned(b []byte) string {
	if s, ok := p.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	p.intern[s] = s
	return s
}
