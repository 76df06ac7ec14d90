package iso20022

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Patterns of identifiers. IDs keep to the SEPA-safe subset so they
// survive every partner's file format; BIC is the XSD's BICFI pattern.
// They are checked byte by byte (the regular expressions in the comments
// say what each accepts); a byte outside ASCII never matches.

// isID is ^[A-Za-z0-9/-]{1,35}$.
func isID(s string) bool { return charsOK(s, 1, 35, &idChars) }

// isAccount is ^[A-Za-z0-9+./-]{1,34}$.
func isAccount(s string) bool { return charsOK(s, 1, 34, &accountChars) }

// isProvider is ^[A-Z0-9_]{1,35}$.
func isProvider(s string) bool { return charsOK(s, 1, 35, &providerChars) }

// isBIC is ^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$.
func isBIC(s string) bool {
	if len(s) != 8 && len(s) != 11 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || (i < 4 || i >= 6) && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// isCode is ^[A-Z0-9]{4}$.
func isCode(s string) bool { return charsOK(s, 4, 4, &codeChars) }

// Character classes of the patterns, indexed by byte.
var idChars, accountChars, providerChars, codeChars [256]bool

func init() {
	for c := 0; c < 256; c++ {
		upper, lower, digit := 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9'
		idChars[c] = upper || lower || digit || c == '/' || c == '-'
		accountChars[c] = idChars[c] || c == '+' || c == '.'
		providerChars[c] = upper || digit || c == '_'
		codeChars[c] = upper || digit
	}
}

func charsOK(s string, min, max int, class *[256]bool) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !class[s[i]] {
			return false
		}
	}
	return true
}

// checkID checks an ISO Max35Text identifier restricted to [A-Za-z0-9-/].
func checkID(field, s string) error {
	if !isID(s) {
		return fmt.Errorf("%s must be 1-35 characters of A-Z, a-z, 0-9, '-' or '/'", field)
	}
	return nil
}

// checkText checks free text: valid UTF-8, no control characters (they
// do not survive XML and CSV unchanged) and at most max characters. The
// text itself never appears in the error.
func checkText(field, s string, max int, required bool) error {
	if s == "" {
		if required {
			return fmt.Errorf("%s is required", field)
		}
		return nil
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s is not valid UTF-8", field)
	}
	if utf8.RuneCountInString(s) > max {
		return fmt.Errorf("%s is longer than %d characters", field, max)
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("%s holds a control character", field)
		}
	}
	return nil
}

// checkPattern checks s against a pattern without echoing s.
func checkPattern(field, s string, ok func(string) bool, what string) error {
	if !ok(s) {
		return fmt.Errorf("%s must be %s", field, what)
	}
	return nil
}

// checkAmount checks one payment amount.
func checkAmount(field string, a int64) error {
	if a <= 0 || a > MaxAmount {
		return fmt.Errorf("%s must be 1 to %d rupiah", field, int64(MaxAmount))
	}
	return nil
}

// checkMoment checks a timestamp or date is set and plausible; the year
// bound also keeps every value inside the XSD's four-digit years.
func checkMoment(field string, t time.Time) error {
	if y := t.Year(); y < 2000 || y > 2999 {
		return fmt.Errorf("%s must be a date in the years 2000-2999", field)
	}
	return nil
}

// formatAmount writes whole rupiah as a plain integer, which
// ActiveOrHistoricCurrencyAndAmount (xs:decimal) accepts.
func formatAmount(a int64) string { return strconv.FormatInt(a, 10) }

// parseAmount reads an xs:decimal that must be whole rupiah: "600000",
// "600000.0" and "600000.00" are accepted; a non-zero fraction, a sign,
// an exponent or more than 18 integer digits are refused, so the value
// always fits int64 exactly.
func parseAmount(s string) (int64, error) {
	s = strings.Trim(s, " \t\r\n")
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || len(intPart) > 18 || !allDigits(intPart) {
		return 0, errors.New("amount must be a whole number of rupiah of at most 18 digits")
	}
	if hasDot && (frac == "" || len(frac) > 5 || strings.Trim(frac, "0") != "") {
		return 0, errors.New("amount must be whole rupiah (no non-zero fraction)")
	}
	return strconv.ParseInt(intPart, 10, 64)
}

// parseCount reads a Max15NumericText count.
func parseCount(s string) (int, error) {
	s = strings.Trim(s, " \t\r\n")
	if s == "" || len(s) > 15 || !allDigits(s) {
		return 0, errors.New("must be 1-15 digits")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > MaxFileBytes {
		return 0, errors.New("count out of range")
	}
	return int(n), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dateTimeLayout writes ISODateTime with the value's own offset and only
// the fraction digits needed.
const dateTimeLayout = "2006-01-02T15:04:05.999999999Z07:00"

func formatDateTime(t time.Time) string { return t.Format(dateTimeLayout) }

// parseDateTime reads an xs:dateTime. A value without an offset is taken
// as WIB, the zone every Indonesian partner means.
func parseDateTime(s string) (time.Time, error) {
	s = strings.Trim(s, " \t\r\n")
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, wib)
	if err != nil {
		return time.Time{}, errors.New("must be an ISO date-time such as 2026-11-27T10:00:00+07:00")
	}
	return t, nil
}

func formatDate(t time.Time) string { return t.In(wib).Format(time.DateOnly) }

// parseDate reads an ISODate as midnight WIB.
func parseDate(s string) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, strings.Trim(s, " \t\r\n"), wib)
	if err != nil {
		return time.Time{}, errors.New("must be an ISO date YYYY-MM-DD")
	}
	return t, nil
}

// readBounded reads at most MaxFileBytes from r.
func readBounded(r io.Reader, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: read: %w", what, err)
	}
	if len(b) > MaxFileBytes {
		return nil, fmt.Errorf("%s: %w (%d bytes)", what, ErrTooLarge, MaxFileBytes)
	}
	return b, nil
}

// decodeErr maps an XML decoding error to one without the input text.
func decodeErr(what string, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%s: line %d: %w", what, se.Line, ErrMalformed)
	}
	var ue xml.UnmarshalError
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w: %s", what, ErrMalformed, string(ue))
	}
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w: empty or truncated document", what, ErrMalformed)
	}
	return fmt.Errorf("%s: %w: unexpected document structure", what, ErrMalformed)
}

// bomless drops a UTF-8 byte order mark, which spreadsheet exports add.
func bomless(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) }
