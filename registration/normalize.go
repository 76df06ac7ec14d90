package registration

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/prakerja/prakerja"
)

// NormalizeName returns a full name in NFC with runs of white space collapsed
// to one space and no space at either end, and whether its characters are
// all allowed: letters of any script with their combining marks, spaces,
// apostrophes (' and ’), '.' and '-', as in "Muh. Al-Fatih" or "Ni Luh
// Putu Ayu". At least one letter is required. Digits and other symbols are
// refused because no name on a KTP has them.
func NormalizeName(s string) (string, bool) {
	s = strings.Join(strings.Fields(norm.NFC.String(s)), " ")
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.Is(unicode.M, r), r == ' ', r == '\'', r == '’', r == '.', r == '-':
		default:
			return s, false
		}
	}
	return s, letters > 0
}

// NormalizeEmail returns an e-mail address lower-cased, and whether it is one
// bare address (no display name, no comments) with a dotted domain. Lower
// case makes "Siti@Mail.com" and "siti@mail.com" one account; providers in
// practice ignore the local part's case.
func NormalizeEmail(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > prakerja.EmailMax || !utf8.ValidString(s) {
		return "", false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "", false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	if at < 1 || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		return "", false
	}
	return strings.ToLower(s), true
}

// Indonesian mobile numbers, after the trunk prefix 0 or the country code
// 62, are "8" then the operator code and subscriber digits: 9 to 12 digits
// in all (0811-234-567 is the shortest old Telkomsel form, 0812-3456-78901
// the longest current one). 080x is toll-free, not mobile.
const (
	phoneNationalMin = 9
	phoneNationalMax = 12
	phoneInputMax    = 32 // characters, before separators are removed
)

// NormalizePhone returns an Indonesian mobile number in E.164 ("+628…"),
// and whether it is one. It accepts 08…, 628… and +628…, with spaces and
// dashes anywhere.
func NormalizePhone(s string) (string, bool) {
	if len(s) > phoneInputMax {
		return "", false
	}
	s = strings.TrimSpace(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '-':
		case c >= '0' && c <= '9', c == '+' && b.Len() == 0:
			b.WriteByte(c)
		default:
			return "", false
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "+62"):
		d = d[3:]
	case strings.HasPrefix(d, "62"):
		d = d[2:]
	case strings.HasPrefix(d, "0"):
		d = d[1:]
	default:
		return "", false
	}
	if len(d) < phoneNationalMin || len(d) > phoneNationalMax || d[0] != '8' || d[1] == '0' {
		return "", false
	}
	return "+62" + d, true
}

// normalizeDistrict accepts a district code dotted ("31.71.01") or as six
// digits ("317101") and returns it dotted, as the region tables key it.
func normalizeDistrict(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 6 && strings.Trim(s, "0123456789") == "" {
		return s[:2] + "." + s[2:4] + "." + s[4:]
	}
	return s
}
