package nomination_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja/nomination"
)

// now settles the NIKs' century; the fixture NIK is a 1990 birth in
// DKI Jakarta (31.71.01), sequence 0001.
var now = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

const goodNIK = "3171011708900001"

// TestCheck covers the header rules, the category set and the line
// numbers of bad rows, and that no message quotes a NIK.
func TestCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		body  string
		lines []int64 // bad lines; nil = accepted
	}{
		{"OK", "nik,category\n" + goodNIK + ",phk\n", nil},
		{"OKSemicolonCaseBOM", "\ufeffNama;NIK;Category\r\nA;" + goodNIK + ";Warga_Binaan\r\n", nil},
		{"ErrNoCategoryColumn", "nik\n" + goodNIK + "\n", []int64{1}},
		{"ErrEmpty", "", []int64{0}},
		{"ErrNoRows", "nik,category\n\n", []int64{0}},
		{"ErrUnknownCategory", "nik,category\n" + goodNIK + ",veteran\n" + goodNIK + "," + goodNIK + "\n", []int64{2, 3}},
		{"ErrEmptyCategory", "nik,category\n" + goodNIK + ",\n", []int64{2}},
		{"ErrShortNIK", "nik,category\n\n" + goodNIK[:15] + ",pmi\n", []int64{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := nomination.Check(context.Background(), strings.NewReader(tt.body), now)
			if tt.lines == nil {
				if err != nil {
					t.Fatalf("Check = %v, want nil", err)
				}
				return
			}
			var fe *nomination.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Check = %v, want a *FileError", err)
			}
			if int(fe.Total) != len(tt.lines) {
				t.Fatalf("%d bad lines %+v, want %v", fe.Total, fe.Lines, tt.lines)
			}
			for i, l := range fe.Lines {
				if l.Line != tt.lines[i] || strings.Contains(l.Message, goodNIK[:15]) {
					t.Fatalf("bad line %+v, want line %d without the NIK", l, tt.lines[i])
				}
			}
		})
	}
}
