package exclusion

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
)

// limits are the bounds a scan enforces; tests shrink them.
type limits struct {
	fileSize int64
	rows     int64
	line     int
}

var defaultLimits = limits{fileSize: FileSizeMax, rows: RowsMax, line: LineMax}

// errTooLarge stops a scan at limits.fileSize or limits.rows.
var errTooLarge = errors.New("exclusion: list over its limit")

// sizeReader fails once more than max bytes have been read.
type sizeReader struct {
	r   io.Reader
	n   int64
	max int64
}

func (s *sizeReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.n += int64(n)
	if s.n > s.max {
		return n, errTooLarge
	}
	return n, err
}

// scanner walks the rows of a list file, one line at a time.
type scanner struct {
	br   *bufio.Reader
	size *sizeReader
	lim  limits
	now  time.Time
	hdr  header
	line int64 // number of the line last read
	rows int64 // NIK rows seen, bad ones included
}

func newScanner(r io.Reader, now time.Time, lim limits) *scanner {
	size := &sizeReader{r: r, max: lim.fileSize}
	return &scanner{br: bufio.NewReaderSize(size, lim.line), size: size, lim: lim, now: now}
}

// readLine returns the next line without its ending. A line longer than
// the limit is consumed to its end and reported as tooLong, its bytes
// dropped. At the end of input it returns io.EOF.
func (s *scanner) readLine() (line []byte, tooLong bool, err error) {
	line, err = s.br.ReadSlice('\n')
	for errors.Is(err, bufio.ErrBufferFull) {
		tooLong = true
		_, err = s.br.ReadSlice('\n')
	}
	if err == io.EOF && (len(line) > 0 || tooLong) {
		err = nil // a last line without a line ending
	}
	if err != nil {
		return nil, false, err
	}
	s.line++
	if tooLong {
		return nil, true, nil
	}
	line = bytes.TrimSuffix(line, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'}), false, nil
}

// header reads up to the first non-blank line and parses it.
func (s *scanner) header() (*LineError, error) {
	for {
		line, tooLong, err := s.readLine()
		switch {
		case err == io.EOF:
			return &LineError{Code: prakerja.CodeRequired, Message: "The file is empty: it needs a header with a nik column and one NIK per line."}, nil
		case err != nil:
			return nil, err
		case tooLong:
			return s.problem(prakerja.CodeTooLong, "The header line is too long."), nil
		}
		if s.line == 1 {
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		h, bad := parseHeader(line)
		if bad != nil {
			bad.Line = s.line
			return bad, nil
		}
		s.hdr = h
		return nil, nil
	}
}

// next returns the NIK of the next row, or the problem of a bad row, or
// io.EOF after the last; errTooLarge when a limit is reached.
func (s *scanner) next() (string, *LineError, error) {
	for {
		line, tooLong, err := s.readLine()
		if err != nil {
			return "", nil, err
		}
		if !tooLong && len(bytes.TrimSpace(line)) == 0 {
			continue // blank lines are skipped
		}
		if s.rows++; s.rows > s.lim.rows {
			return "", nil, errTooLarge
		}
		if tooLong {
			return "", s.problem(prakerja.CodeTooLong, "The line is too long."), nil
		}
		value, found, ok := fieldAt(line, s.hdr.delim, s.hdr.col)
		switch {
		case !ok:
			return "", s.problem(prakerja.CodeBadFormat, "A quoted field is not closed on its line, or text follows its closing quote."), nil
		case !found || value == "":
			return "", s.problem(prakerja.CodeRequired, "The nik column is empty."), nil
		}
		if _, err := nik.Parse(value, s.now); err != nil {
			return "", s.problem(prakerja.ErrorCode(err), prakerja.ErrorMessage(err)), nil
		}
		return value, nil, nil
	}
}

func (s *scanner) problem(code prakerja.Code, msg string) *LineError {
	return &LineError{Line: s.line, Code: code, Message: msg}
}
