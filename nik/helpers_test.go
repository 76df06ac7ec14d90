package nik

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testNow is a fixed clock: 15 June 2026, 17:00 in Jakarta.
var testNow = time.Date(2026, time.June, 15, 10, 0, 0, 0, time.UTC)

// num builds a synthetic 16-digit number from its parts; none of the
// numbers in these tests belongs to a real person.
func num(district string, dd, mm, yy int, serial string) string {
	return fmt.Sprintf("%s%02d%02d%02d%s", district, dd, mm, yy, serial)
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// codeOf returns the prakerja code of err, failing if err is another type.
func codeOf(t *testing.T, err error) prakerja.Code {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *prakerja.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is %T, want *prakerja.Error", err, err)
	}
	if leaksDigits(e.Message) {
		t.Errorf("message %q has 3 or more digits in a row, want digit positions only", e.Message)
	}
	return e.Code
}

// leaksDigits reports whether msg holds three digits in a row. Messages
// name positions ("7–12", at most two digits each), so a longer run would
// be a fragment of the number itself.
func leaksDigits(msg string) bool {
	run := 0
	for i := 0; i < len(msg); i++ {
		if isDigit(msg[i]) {
			run++
			if run >= 3 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
