package nik

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// FuzzParse checks that Parse never panics, that errors are *prakerja.Error
// with a NIK code and no digits of the input, and that a valid result
// encodes back to exactly the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		num("317101", 45, 1, 90, "0001"),
		num("910101", 69, 2, 0, "0042"),
		num("317101", 29, 2, 25, "0001"),
		num("317101", 5, 1, 90, "0000"),
		"", "3171", "31710105019000011", "317101050190000１",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s, testNow)
		if err != nil {
			checkFuzzError(t, err, prakerja.CodeNIKFormat, prakerja.CodeNIKRegionUnknown,
				prakerja.CodeNIKBirthDateInvalid, prakerja.CodeNIKSerialZero)
			return
		}
		if got := encodeNIK(n); got != s {
			t.Errorf("Parse(%q) = %+v, encodes back to %q", s, n, got)
		}
		checkFuzzRegion(t, n.Province, n.Regency, n.District, n.Retired)
		if n.BirthDate.Location() != time.UTC || n.BirthDate.After(testNow) {
			t.Errorf("birth date %v: want UTC midnight, not after now", n.BirthDate)
		}
	})
}

// FuzzParseKK is FuzzParse for family-card numbers.
func FuzzParseKK(f *testing.F) {
	for _, s := range []string{num("317101", 12, 3, 15, "0007"), num("317101", 52, 3, 15, "0007"), "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseKK(s, testNow)
		if err != nil {
			checkFuzzError(t, err, prakerja.CodeKKFormat, prakerja.CodeKKRegionUnknown,
				prakerja.CodeKKDateInvalid, prakerja.CodeKKSerialZero)
			return
		}
		d := k.IssuedOn
		got := fmt.Sprintf("%s%02d%02d%02d%s", strings.ReplaceAll(k.District, ".", ""), d.Day(), d.Month(), d.Year()%100, k.Serial)
		if got != s {
			t.Errorf("ParseKK(%q) = %+v, encodes back to %q", s, k, got)
		}
		checkFuzzRegion(t, k.Province, k.Regency, k.District, k.Retired)
	})
}

// encodeNIK writes n back as 16 digits, adding 40 to the day for women.
func encodeNIK(n NIK) string {
	dd := n.BirthDate.Day()
	if n.Sex == "F" {
		dd += 40
	} else if n.Sex != "M" {
		return "bad sex " + n.Sex
	}
	return fmt.Sprintf("%s%02d%02d%02d%s", strings.ReplaceAll(n.District, ".", ""),
		dd, n.BirthDate.Month(), n.BirthDate.Year()%100, n.Serial)
}

func checkFuzzError(t *testing.T, err error, codes ...prakerja.Code) {
	t.Helper()
	var e *prakerja.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is %T, want *prakerja.Error", err, err)
	}
	ok := false
	for _, c := range codes {
		ok = ok || e.Code == c
	}
	if !ok {
		t.Errorf("code = %q, want one of %v", e.Code, codes)
	}
	if leaksDigits(e.Message) {
		t.Errorf("message %q has 3 or more digits in a row", e.Message)
	}
}

func checkFuzzRegion(t *testing.T, province, regency, district string, retired bool) {
	t.Helper()
	if province != district[:2] || regency != district[:5] {
		t.Errorf("province %q, regency %q: want prefixes of district %q", province, regency, district)
	}
	if r, ok := LookupDistrict(district); !ok || r.Retired != retired {
		t.Errorf("district %q: lookup = %+v, %t; want known with retired %t", district, r, ok, retired)
	}
}
