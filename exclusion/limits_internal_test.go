package exclusion

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// validNIK is a well-formed NIK of Jakarta Pusat (31.71.01), born 5 January
// 1990; it exists only in this test.
const validNIK = "3171010501900001"

// TestCheckLimits shrinks the limits and checks each one: a line too long
// is one bad line and checking goes on; too many rows or bytes stop the
// check with code too_large.
func TestCheckLimits(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	row := validNIK + "\n"
	tests := []struct {
		name     string
		lim      limits
		input    string
		code     prakerja.Code
		line     int64
		tooLarge bool
	}{
		{"ErrLineTooLong", limits{fileSize: 1 << 20, rows: 10, line: 64},
			"nik,nama\n" + row + validNIK + "," + strings.Repeat("x", 100) + "\n" + row, prakerja.CodeTooLong, 3, false},
		{"ErrHeaderTooLong", limits{fileSize: 1 << 20, rows: 10, line: 64},
			"nik," + strings.Repeat("x", 100) + "\n" + row, prakerja.CodeTooLong, 1, false},
		{"ErrTooManyRows", limits{fileSize: 1 << 20, rows: 2, line: 64},
			"nik\n" + row + row + row + row, prakerja.CodeTooLarge, 4, true},
		{"ErrFileTooLarge", limits{fileSize: 60, rows: 10, line: 64},
			"nik\n" + row + row + row + row + row, prakerja.CodeTooLarge, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := check(t.Context(), strings.NewReader(tt.input), at, tt.lim)
			var fe *FileError
			if !errors.As(err, &fe) || fe.TooLarge != tt.tooLarge {
				t.Fatalf("got %v, want a FileError (too large %v)", err, tt.tooLarge)
			}
			got := fe.Lines[len(fe.Lines)-1]
			if got.Code != tt.code || tt.line != 0 && got.Line != tt.line {
				t.Fatalf("got %+v, want code %s at line %d", got, tt.code, tt.line)
			}
			if tt.tooLarge && prakerja.ErrorCode(err) != prakerja.CodeTooLarge {
				t.Fatalf("code %s, want %s", prakerja.ErrorCode(err), prakerja.CodeTooLarge)
			}
		})
	}
}

// TestCheckAtLimits checks that a file exactly at every limit passes.
func TestCheckAtLimits(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	input := "nik\n" + validNIK + "\n" + validNIK + "\n"
	lim := limits{fileSize: int64(len(input)), rows: 2, line: len(validNIK) + 1}
	sum, err := check(t.Context(), strings.NewReader(input), at, lim)
	if err != nil || sum.Rows != 2 {
		t.Fatalf("got %+v, %v", sum, err)
	}
}
