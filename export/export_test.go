package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/prakerja/prakerja/export"
)

// neutralCases are cells and what a spreadsheet must be given for them.
var neutralCases = []struct {
	name, in, want string
}{
	{"Plain", "Siti Rahayu", "Siti Rahayu"},
	{"Empty", "", ""},
	{"Number", "31.71", "31.71"},
	{"Equals", "=1+1", "'=1+1"},
	{"Plus", "+6281234567890", "'+6281234567890"},
	{"Minus", "-2+3", "'-2+3"},
	{"At", "@SUM(A1)", "'@SUM(A1)"},
	{"Tab", "\t=1", "'\t=1"},
	{"CR", "\r=1", "'\r=1"},
	{"NUL", "\x00=1", "'\x00=1"},
	{"SpaceThenEquals", "   =HYPERLINK(\"http://x\")", "'   =HYPERLINK(\"http://x\")"},
	{"NBSPThenPlus", "\u00a0+1", "'\u00a0+1"},
	{"NewlineThenAt", "\n@x", "'\n@x"},
	{"FullWidthEquals", "＝1+1", "'＝1+1"},
	{"DDE", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
	{"EqualsInside", "a=b", "a=b"},
	{"Apostrophe", "'quoted", "'quoted"},
	{"OnlySpaces", "   ", "   "},
	{"MinusInside", "Jawa-Barat", "Jawa-Barat"},
}

func TestNeutralize(t *testing.T) {
	t.Parallel()
	for _, tc := range neutralCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := export.Neutralize(tc.in); got != tc.want {
				t.Errorf("Neutralize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestNeutralizeFuzzish checks every dangerous leading character after
// every mix of up to two leading blanks: the result never starts, after
// blanks, with a formula character.
func TestNeutralizeFuzzish(t *testing.T) {
	t.Parallel()
	blanks := []string{"", " ", "  ", "\u3000", " \u00a0", "\v", "\f"}
	for _, b := range blanks {
		for _, c := range []string{"=", "+", "-", "@", "\t", "\r", "\x00"} {
			in := b + c + "HYPERLINK(1)"
			got := export.Neutralize(in)
			if !strings.HasPrefix(got, "'") || got[1:] != in {
				t.Errorf("Neutralize(%q) = %q, want an apostrophe before it", in, got)
			}
		}
	}
}

func cells() [][]string {
	rows := [][]string{{"name", "value"}}
	for _, tc := range neutralCases {
		rows = append(rows, []string{tc.name, tc.in})
	}
	return rows
}

func write(t *testing.T, f export.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := export.New(f, &buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cells() {
		if err := w.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCSV(t *testing.T) {
	t.Parallel()
	data := write(t, export.CSV)
	got, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if len(got) != len(neutralCases)+1 {
		t.Fatalf("%d rows, want %d", len(got), len(neutralCases)+1)
	}
	for i, tc := range neutralCases {
		// encoding/csv with CRLF line ends drops a lone carriage return
		// inside a field; the cell stays neutralised.
		if got, want := got[i+1][1], strings.ReplaceAll(tc.want, "\r", ""); got != want {
			t.Errorf("%s: cell %q, want %q", tc.name, got, want)
		}
	}
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Error("CSV lines do not end in CRLF (RFC 4180)")
	}
}

func TestXLSX(t *testing.T) {
	t.Parallel()
	data := write(t, export.XLSX)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open back: %v", err)
	}
	defer f.Close()
	for i, tc := range neutralCases {
		cell, _ := excelize.CoordinatesToCellName(2, i+2)
		formula, err := f.GetCellFormula("Sheet1", cell)
		if err != nil || formula != "" {
			t.Errorf("%s: %s has formula %q (%v), want none", tc.name, cell, formula, err)
		}
		typ, err := f.GetCellType("Sheet1", cell)
		if err != nil {
			t.Fatal(err)
		}
		if tc.in != "" && typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s: %s has type %v, want a string", tc.name, cell, typ)
		}
		got, err := f.GetCellValue("Sheet1", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		// XLSX (XML 1.0) cannot hold NUL; excelize writes U+FFFD instead.
		want := strings.ReplaceAll(tc.want, "\x00", "\uFFFD")
		if got != want {
			t.Errorf("%s: %s = %q, want %q", tc.name, cell, got, want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]export.Format{"csv": export.CSV, " XLSX ": export.XLSX} {
		if got, err := export.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := export.ParseFormat("xls"); err == nil {
		t.Error("ParseFormat(xls) accepted")
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	w, err := export.New(export.CSV, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteRow(make([]string, export.ColumnsMax+1)); err == nil {
		t.Error("row over ColumnsMax accepted")
	}
	if err := w.WriteRow([]string{strings.Repeat("x", export.CellMax+1)}); err == nil {
		t.Error("cell over CellMax accepted")
	}
}
