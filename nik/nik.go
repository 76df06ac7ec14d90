package nik

import (
	"time"

	"github.com/prakerja/prakerja"
)

// NIK is a parsed Nomor Induk Kependudukan. Region codes are dotted, as
// Kemendagri writes them, so they can be passed to the Lookup functions.
type NIK struct {
	Province  string    // "31"
	Regency   string    // "31.71"
	District  string    // "31.71.01": where the NIK was issued, not the domicile
	BirthDate time.Time // UTC midnight
	Sex       string    // "M" or "F"
	Serial    string    // digits 13–16, "0001"–"9999"
	Retired   bool      // the district code is no longer current (region split or renumbered)
}

// Parse checks that s is a plausible NIK and decodes it. It checks, in
// order: 16 ASCII digits (CodeNIKFormat); digits 1–6 are a known district,
// current or historical (CodeNIKRegionUnknown); digits 7–12 are a real
// date after taking 40 off the day for women (CodeNIKBirthDateInvalid);
// digits 13–16 are not 0000 (CodeNIKSerialZero).
//
// The year has two digits, so now picks the century: the most recent year
// that puts the birth date on or before today in Jakarta. With now in 2026,
// YY=05 is 2005 and YY=30 is 1930. Someone born more than a century ago
// therefore decodes a century late; Check fixes that when the birth date is
// known. A valid NIK only means the number is well formed: there is no
// check digit, so confirm the identity with Dukcapil.
func Parse(s string, now time.Time) (NIK, error) {
	f, ok := split(s)
	if !ok {
		return NIK{}, formatError(prakerja.CodeNIKFormat, "NIK", s)
	}
	r, ok := district(f.key)
	if !ok {
		return NIK{}, regionError(prakerja.CodeNIKRegionUnknown, "NIK", string(f.key[:]))
	}
	sex, day := "M", f.dd
	if day > 40 {
		sex, day = "F", day-40
	}
	birth, problem := date(day, f.mm, f.yy, now)
	if problem != dateOK {
		return NIK{}, nikDateError(problem)
	}
	if f.serial == "0000" {
		return NIK{}, newError(prakerja.CodeNIKSerialZero, "Digits 13–16 of the NIK (serial number) cannot be all zeros.")
	}
	return NIK{
		Province:  r.code[:2],
		Regency:   r.code[:5],
		District:  r.code,
		BirthDate: birth.time(),
		Sex:       sex,
		Serial:    f.serial,
		Retired:   r.retired,
	}, nil
}

func nikDateError(p dateProblem) error {
	const code = prakerja.CodeNIKBirthDateInvalid
	switch p {
	case badDay:
		return newError(code, "Digits 7–8 of the NIK (day of birth) must be 01–31 for men or 41–71 for women.")
	case badMonth:
		return newError(code, "Digits 9–10 of the NIK (month of birth) must be 01–12.")
	default:
		return newError(code, "Digits 7–12 of the NIK are not a real date of birth: that month has no such day.")
	}
}

// Check parses s like Parse and then compares it with what the registrant
// stated. A non-zero birthDate (its calendar date in its own location) must
// not be in the future (CodeNIKBirthDateFuture) and must match digits 7–12
// (CodeNIKBirthDateMismatch). Because the NIK holds only two year digits,
// a stated date that matches in day, month and last two year digits
// settles the century and becomes the returned BirthDate. A non-empty sex
// must be "M" or "F" (CodeInvalid) and match the NIK (CodeNIKSexMismatch).
// On any error the returned NIK is the zero value.
func Check(s string, birthDate time.Time, sex string, now time.Time) (NIK, error) {
	n, err := Parse(s, now)
	if err != nil {
		return NIK{}, err
	}
	if !birthDate.IsZero() {
		if n.BirthDate, err = matchBirthDate(n.BirthDate, birthDate, now); err != nil {
			return NIK{}, err
		}
	}
	if sex != "" {
		if err := matchSex(n.Sex, sex); err != nil {
			return NIK{}, err
		}
	}
	return n, nil
}

// matchBirthDate compares the decoded date with the stated one and returns
// the stated one when they agree up to the century.
func matchBirthDate(decoded, stated time.Time, now time.Time) (time.Time, error) {
	y, m, d := stated.Date()
	want := ymd{y, int(m), d}
	if want.after(today(now)) {
		return time.Time{}, newError(prakerja.CodeNIKBirthDateFuture, "The stated birth date is in the future.")
	}
	got := ymd{decoded.Year(), int(decoded.Month()), decoded.Day()}
	if got.d != want.d || got.m != want.m || got.y%100 != (want.y%100+100)%100 {
		return time.Time{}, newError(prakerja.CodeNIKBirthDateMismatch,
			"The stated birth date differs from the one in digits 7–12 of the NIK.")
	}
	return want.time(), nil
}

func matchSex(decoded, stated string) error {
	if stated != "M" && stated != "F" {
		return newError(prakerja.CodeInvalid, "Sex must be M or F.")
	}
	if stated != decoded {
		return newError(prakerja.CodeNIKSexMismatch,
			"The stated sex differs from the one in digits 7–8 of the NIK (40 is added to the day for women).")
	}
	return nil
}
