package nik

import (
	"strconv"

	"github.com/prakerja/prakerja"
)

// Messages name the number ("NIK" or "KK number") and digit positions only:
// never the digits, which are personal data. They are built only on failure,
// so the success path stays free of allocations.

func newError(code prakerja.Code, msg string) error {
	return &prakerja.Error{Code: code, Message: msg}
}

// formatError explains why s is not 16 ASCII digits without quoting s.
func formatError(code prakerja.Code, what, s string) error {
	if len(s) != numberLen {
		return newError(code, "The "+what+" must be exactly 16 digits.")
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return newError(code, "The "+what+" must be exactly 16 digits; character "+
				strconv.Itoa(i+1)+" is not a digit 0–9.")
		}
	}
	return newError(code, "The "+what+" must be exactly 16 digits.")
}

// regionError says which level of digits 1–6 is unknown. key is the dotted
// district code built from those digits.
func regionError(code prakerja.Code, what string, key string) error {
	const tail = " is not a Kemendagri code, current or historical."
	switch {
	case !found(provinceTable[:], key[:2]):
		return newError(code, "Digits 1–2 of the "+what+" (province)"+tail)
	case !found(regencyTable[:], key[:5]):
		return newError(code, "Digits 3–4 of the "+what+" (regency or city within its province)"+tail)
	default:
		return newError(code, "Digits 5–6 of the "+what+" (district within its regency or city)"+tail)
	}
}
