// Package export writes tables as CSV or XLSX files for staff to open in a
// spreadsheet, with every cell neutralised against formula injection (OWASP
// ASVS 5.0 1.2.10): a spreadsheet runs a cell that starts with = + - or @
// as a formula, so such a cell (also after leading spaces, and one that
// starts with a tab, carriage return or NUL) gets a leading apostrophe and
// is shown as text. XLSX cells are always written as strings, never as
// formulas or numbers.
package export

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/prakerja/prakerja"
)

// Format is a file format.
type Format string

const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// Limits.
const (
	// ColumnsMax bounds a row.
	ColumnsMax = 64
	// CellMax bounds one cell, in bytes (a spreadsheet shows 32,767 characters).
	CellMax = 32_767
	// XLSXRowsMax is the rows of one sheet, header included.
	XLSXRowsMax = 1_048_576
)

// ParseFormat reads "csv" or "xlsx". Returns CodeInvalid.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case CSV, XLSX:
		return f, nil
	}
	return "", prakerja.Errorf(prakerja.CodeInvalid, "Format must be csv or xlsx.")
}

// ContentType is the media type of a file of format f.
func (f Format) ContentType() string {
	if f == XLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// Writer writes rows of one table. Close finishes the file; nothing may
// be written after it.
type Writer interface {
	WriteRow(cells []string) error
	Close() error
}

// New returns a Writer of format f onto w.
func New(f Format, w io.Writer) (Writer, error) {
	switch f {
	case CSV:
		return newCSV(w), nil
	case XLSX:
		return newXLSX(w)
	}
	return nil, fmt.Errorf("export: unknown format %q", f)
}

// Neutralize returns cell as a spreadsheet shows it as text: with a
// leading apostrophe when it starts, or starts after whitespace, with a
// character that makes it a formula (= + - @, and their full-width forms),
// or with a tab, carriage return or NUL, which some spreadsheets skip
// before looking for a formula.
func Neutralize(cell string) string {
	for _, r := range cell {
		switch r {
		case '=', '+', '-', '@', '\t', '\r', 0, '＝', '＋', '－', '＠':
			return "'" + cell
		}
		if !unicode.IsSpace(r) {
			return cell
		}
	}
	return cell
}

// checkRow bounds a row before it is written.
func checkRow(cells []string) error {
	if len(cells) > ColumnsMax {
		return fmt.Errorf("export: row of %d cells, more than %d", len(cells), ColumnsMax)
	}
	for _, c := range cells {
		if len(c) > CellMax {
			return errors.New("export: cell longer than the spreadsheet limit")
		}
	}
	return nil
}
