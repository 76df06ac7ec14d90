package export

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxSheet is the one sheet's name.
const xlsxSheet = "Sheet1"

// xlsxWriter streams rows into one sheet (excelize keeps them in a
// temporary file, not in memory) and writes the workbook on Close.
type xlsxWriter struct {
	out  io.Writer
	f    *excelize.File
	sw   *excelize.StreamWriter
	rows int
	row  []any
}

func newXLSX(w io.Writer) (*xlsxWriter, error) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter(xlsxSheet)
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("export xlsx: %w", err)
	}
	return &xlsxWriter{out: w, f: f, sw: sw}, nil
}

// WriteRow writes one row of neutralised strings: a string cell is never
// read as a formula or a number.
func (x *xlsxWriter) WriteRow(cells []string) error {
	if err := checkRow(cells); err != nil {
		return err
	}
	if x.rows >= XLSXRowsMax {
		return errors.New("export xlsx: more rows than one sheet holds")
	}
	x.rows++
	x.row = x.row[:0]
	for _, c := range cells {
		x.row = append(x.row, Neutralize(c))
	}
	cell, err := excelize.CoordinatesToCellName(1, x.rows)
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	if err := x.sw.SetRow(cell, x.row); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

// Close finishes the sheet, writes the workbook and removes the
// temporary files.
func (x *xlsxWriter) Close() error {
	err := x.sw.Flush()
	if err == nil {
		_, err = x.f.WriteTo(x.out)
	}
	if cerr := x.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}
