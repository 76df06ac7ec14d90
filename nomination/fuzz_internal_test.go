package nomination

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// fuzzNow settles the NIKs' century, as in the package's other tests.
var fuzzNow = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// fuzzLimits are small so that the fuzzer reaches every limit.
var fuzzLimits = limits{fileSize: 2048, rows: 8, line: 96}

// digitRun finds what could be a NIK, a KK or a phone number in a message.
var digitRun = regexp.MustCompile(`[0-9]{10,}`)

const fuzzNIK = "3171011708900001"

// checkFileError checks a refusal: a FileError whose listed lines are in
// order, at most LineErrorsMax, each with a code and a message that
// quotes nothing of the row, coded too_large exactly when a limit stopped
// the read.
func checkFileError(t *testing.T, err error) *FileError {
	t.Helper()
	var fe *FileError
	if !errors.As(err, &fe) || len(fe.Lines) == 0 || len(fe.Lines) > LineErrorsMax || fe.Total < int64(len(fe.Lines)) {
		t.Fatalf("got %v, want a FileError", err)
	}
	last := int64(-1)
	for _, l := range fe.Lines {
		if l.Line < last || l.Code == "" || l.Message == "" || digitRun.MatchString(l.Message) {
			t.Fatalf("bad line error %+v after line %d", l, last)
		}
		last = l.Line
	}
	want := prakerja.CodeInvalid
	if fe.TooLarge {
		want = prakerja.CodeTooLarge
	}
	if got := prakerja.ErrorCode(err); got != want || digitRun.MatchString(err.Error()) {
		t.Fatalf("code %s, want %s; %v", got, want, err)
	}
	return fe
}

// FuzzCheck reads any file under small limits: it is accepted with
// between 1 and the row limit of rows and its exact size, or refused with
// a well-formed FileError; a file over the size limit is always refused.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"nik,category\n" + fuzzNIK + ",phk\n", "\ufeffNama;NIK;Category\r\nA;" + fuzzNIK + ";Warga_Binaan\r\n",
		"nik\n" + fuzzNIK + "\n", "", "nik,category\n\n", "nik,category\n" + fuzzNIK + "," + fuzzNIK + "\n",
		"nik,category\n\"" + fuzzNIK + "\",\"p\"\"mi\"\n", "nik,category,nik\n", "nik,category\n" + strings.Repeat(fuzzNIK+",pmi\n", 9),
		"nik,category\n" + fuzzNIK + "," + strings.Repeat("x", 100) + "\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sum, err := check(t.Context(), bytes.NewReader(data), fuzzNow, fuzzLimits)
		if err != nil {
			fe := checkFileError(t, err)
			if fe.TooLarge != (fe.Lines[len(fe.Lines)-1].Code == prakerja.CodeTooLarge) {
				t.Fatalf("too large %v with last line %+v", fe.TooLarge, fe.Lines[len(fe.Lines)-1])
			}
			return
		}
		if sum.Rows < 1 || sum.Rows > fuzzLimits.rows || sum.Bytes != int64(len(data)) || int64(len(data)) > fuzzLimits.fileSize {
			t.Fatalf("accepted %d bytes with %+v", len(data), sum)
		}
	})
}

// FuzzRowsCSV checks the JSON form of a list: rows written by RowsCSV
// read back as the same NIKs and categories (trimmed, category lower
// case), and a list is refused only when one of its rows alone is.
func FuzzRowsCSV(f *testing.F) {
	for _, s := range [][2]string{
		{fuzzNIK, "phk"}, {" " + fuzzNIK + " ", "PMI"}, {fuzzNIK, `ph"k`}, {fuzzNIK + ",x", "phk"},
		{fuzzNIK[:15], "phk"}, {"", "phk"}, {fuzzNIK, "a\nb"}, {`"` + fuzzNIK, "phk"}, {fuzzNIK, "phk;pmi"},
	} {
		f.Add(s[0], s[1], fuzzNIK, "pmi")
	}
	f.Fuzz(func(t *testing.T, nik1, cat1, nik2, cat2 string) {
		rows := []Row{{NIK: nik1, Category: cat1}, {NIK: nik2, Category: cat2}}
		got, err := readRows(t, RowsCSV(rows))
		if err != nil {
			checkFileError(t, err)
			if alone(t, rows[0]) && alone(t, rows[1]) {
				t.Fatalf("%q refused, though each row alone passes: %v", rows, err)
			}
			return
		}
		for i, r := range rows {
			if got[i].nik != strings.TrimSpace(r.NIK) || string(got[i].category) != strings.ToLower(strings.TrimSpace(r.Category)) {
				t.Fatalf("row %d: %+v read back as %+v", i, r, got[i])
			}
		}
	})
}

// alone reports whether a list of the one row is accepted.
func alone(t *testing.T, r Row) bool {
	_, err := readRows(t, RowsCSV([]Row{r}))
	return err == nil
}

// readRows checks a list and returns its rows when it is accepted.
func readRows(t *testing.T, list []byte) ([]row, error) {
	t.Helper()
	if _, err := check(t.Context(), bytes.NewReader(list), fuzzNow, defaultLimits); err != nil {
		return nil, err
	}
	s := newScanner(bytes.NewReader(list), fuzzNow, defaultLimits)
	if bad, err := s.header(); bad != nil || err != nil {
		t.Fatalf("header of an accepted list: %v %v", bad, err)
	}
	var out []row
	for {
		r, bad, err := s.next()
		if err != nil {
			return out, nil
		}
		if bad != nil {
			t.Fatalf("bad row %+v in an accepted list", bad)
		}
		out = append(out, r)
	}
}
