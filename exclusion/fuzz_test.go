package exclusion_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/exclusion"
)

// FuzzCheck checks that Check never panics, that it either accepts a file
// with at least one row or refuses it with a FileError whose lines are in
// order, carry a code, and never quote 16 digits of the input.
func FuzzCheck(f *testing.F) {
	n := "3171010501900001"
	for _, s := range []string{
		"", "nik\n", "nik\n" + n + "\n", "\ufeffNIK;nama\r\n" + n + ";Budi\r\n",
		`"nama","nik"` + "\n" + `"A ""B""","` + n + `"` + "\n", "nik\n\"" + n + "\n",
		"a,b\n1,2\n", "nik,nik\n", "nik\n" + n[:15] + "\n\n" + n + "0\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sum, err := exclusion.Check(t.Context(), strings.NewReader(s), now)
		if err == nil {
			if sum.Rows < 1 || sum.Bytes != int64(len(s)) {
				t.Fatalf("accepted with %+v", sum)
			}
			return
		}
		var fe *exclusion.FileError
		if !errors.As(err, &fe) || len(fe.Lines) == 0 || fe.Total < int64(len(fe.Lines)) {
			t.Fatalf("got %v, want a FileError", err)
		}
		last := int64(-1)
		for _, l := range fe.Lines {
			if l.Line < last || l.Code == "" || l.Message == "" {
				t.Fatalf("bad line error %+v after line %d", l, last)
			}
			last = l.Line
			if nikRun.MatchString(l.Message) {
				t.Fatalf("message quotes digits: %s", l.Message)
			}
		}
		if prakerja.ErrorCode(err) != prakerja.CodeInvalid {
			t.Fatalf("code %s", prakerja.ErrorCode(err))
		}
	})
}
