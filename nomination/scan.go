package nomination

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
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
var errTooLarge = errors.New("nomination: list over its limit")

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

// row is one good line: the clear NIK (kept in memory only) and its
// category.
type row struct {
	nik      string
	category prakerja.NominationCategory
}

// scanner walks the rows of a list file, one line at a time.
type scanner struct {
	br   *bufio.Reader
	size *sizeReader
	lim  limits
	now  time.Time
	hdr  header
	line int64 // number of the line last read
	rows int64 // rows seen, bad ones included
}

func newScanner(r io.Reader, now time.Time, lim limits) *scanner {
	size := &sizeReader{r: r, max: lim.fileSize}
	return &scanner{br: bufio.NewReaderSize(size, lim.line), size: size, lim: lim, now: now}
}

// readLine returns the next line without its ending; an over-long line is
// consumed and reported as tooLong. At the end of input it returns io.EOF.
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
			return &LineError{Code: prakerja.CodeRequired, Message: "The file is empty: it needs a header with a nik and a category column."}, nil
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

// next returns the next row, or the problem of a bad row, or io.EOF after
// the last; errTooLarge when a limit is reached.
func (s *scanner) next() (row, *LineError, error) {
	for {
		line, tooLong, err := s.readLine()
		if err != nil {
			return row{}, nil, err
		}
		if !tooLong && len(bytes.TrimSpace(line)) == 0 {
			continue // blank lines are skipped
		}
		if s.rows++; s.rows > s.lim.rows {
			return row{}, nil, errTooLarge
		}
		if tooLong {
			return row{}, s.problem(prakerja.CodeTooLong, "The line is too long."), nil
		}
		return s.parseRow(line)
	}
}

// parseRow checks one non-blank line.
func (s *scanner) parseRow(line []byte) (row, *LineError, error) {
	value, category, ok := fields(line, s.hdr.delim, s.hdr.nik, s.hdr.category)
	switch {
	case !ok:
		return row{}, s.problem(prakerja.CodeBadFormat, "A quoted field is not closed on its line, or text follows its closing quote."), nil
	case value == "":
		return row{}, s.problem(prakerja.CodeRequired, "The nik column is empty."), nil
	case category == "":
		return row{}, s.problem(prakerja.CodeRequired, "The category column is empty."), nil
	}
	if _, err := nik.Parse(value, s.now); err != nil {
		return row{}, s.problem(prakerja.ErrorCode(err), prakerja.ErrorMessage(err)), nil
	}
	c := prakerja.NominationCategory(strings.ToLower(category))
	if _, known := c.Tier(); !known {
		// The value is not quoted: a shifted column could put a NIK here.
		return row{}, s.problem(prakerja.CodeBadValue, categoryMessage), nil
	}
	return row{nik: value, category: c}, nil, nil
}

// categoryMessage names the accepted categories.
var categoryMessage = fmt.Sprintf("The category is not one of %s.", categoryNames())

func categoryNames() string {
	names := make([]string, 0, len(prakerja.NominationCategories()))
	for _, c := range prakerja.NominationCategories() {
		names = append(names, string(c))
	}
	return strings.Join(names, ", ")
}

func (s *scanner) problem(code prakerja.Code, msg string) *LineError {
	return &LineError{Line: s.line, Code: code, Message: msg}
}
