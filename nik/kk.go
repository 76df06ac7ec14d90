package nik

import (
	"time"

	"github.com/prakerja/prakerja"
)

// KK is a parsed Nomor Kartu Keluarga (family-card number). A KK number is
// renumbered when a family moves district, splits or loses its head, so
// unlike a NIK it is not a lifelong key.
type KK struct {
	Province string    // "31"
	Regency  string    // "31.71"
	District string    // "31.71.01": the issuing district
	IssuedOn time.Time // registration date, UTC midnight
	Serial   string    // digits 13–16, "0001"–"9999"
	Retired  bool      // the district code is no longer current
}

// ParseKK checks that s is a plausible KK number and decodes it: 16 ASCII
// digits (CodeKKFormat); digits 1–6 a known district, current or historical
// (CodeKKRegionUnknown); digits 7–12 a real registration date DDMMYY, with
// no +40 rule (CodeKKDateInvalid); digits 13–16 not 0000 (CodeKKSerialZero).
// The two-digit year resolves as in Parse, so the date is never in the
// future relative to now.
func ParseKK(s string, now time.Time) (KK, error) {
	f, ok := split(s)
	if !ok {
		return KK{}, formatError(prakerja.CodeKKFormat, "KK number", s)
	}
	r, ok := district(f.key)
	if !ok {
		return KK{}, regionError(prakerja.CodeKKRegionUnknown, "KK number", string(f.key[:]))
	}
	issued, problem := date(f.dd, f.mm, f.yy, now)
	if problem != dateOK {
		return KK{}, kkDateError(problem)
	}
	if f.serial == "0000" {
		return KK{}, newError(prakerja.CodeKKSerialZero, "Digits 13–16 of the KK number (serial number) cannot be all zeros.")
	}
	return KK{
		Province: r.code[:2],
		Regency:  r.code[:5],
		District: r.code,
		IssuedOn: issued.time(),
		Serial:   f.serial,
		Retired:  r.retired,
	}, nil
}

func kkDateError(p dateProblem) error {
	const code = prakerja.CodeKKDateInvalid
	switch p {
	case badDay:
		return newError(code, "Digits 7–8 of the KK number (day of registration) must be 01–31.")
	case badMonth:
		return newError(code, "Digits 9–10 of the KK number (month of registration) must be 01–12.")
	default:
		return newError(code, "Digits 7–12 of the KK number are not a real registration date: that month has no such day.")
	}
}
