package export

import (
	"encoding/csv"
	"fmt"
	"io"
)

// csvWriter writes RFC 4180 CSV (quoted as needed, CRLF line ends).
type csvWriter struct {
	w   *csv.Writer
	row []string
}

func newCSV(w io.Writer) *csvWriter {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &csvWriter{w: cw}
}

// WriteRow writes one neutralised row.
func (c *csvWriter) WriteRow(cells []string) error {
	if err := checkRow(cells); err != nil {
		return err
	}
	c.row = c.row[:0]
	for _, cell := range cells {
		c.row = append(c.row, Neutralize(cell))
	}
	if err := c.w.Write(c.row); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// Close flushes the rows.
func (c *csvWriter) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}
