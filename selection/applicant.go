package selection

import (
	"encoding/hex"
	"fmt"
)

// PseudonymSize is the length of a pseudonym and of a family key in bytes.
const PseudonymSize = 16

// Pseudonym is an applicant's published identity: 128 bits the caller
// derives from the registration with a keyed hash, so that it reveals
// nothing without the key yet lets a registrant find themselves in the
// result. A family key is the same kind of value derived from the family
// card (KK). Both are kept as fixed arrays so that two million of them cost
// no allocations.
type Pseudonym [PseudonymSize]byte

// String returns the 32 lowercase hex digits used in every file.
func (p Pseudonym) String() string { return hex.EncodeToString(p[:]) }

// appendHex appends the 32 hex digits of p to b.
func (p Pseudonym) appendHex(b []byte) []byte { return hex.AppendEncode(b, p[:]) }

// ParsePseudonym reads 32 lowercase hex digits.
func ParsePseudonym(s string) (Pseudonym, error) {
	p, ok := decodePseudonym([]byte(s))
	if !ok {
		return p, fmt.Errorf("a pseudonym must be %d lowercase hex digits", 2*PseudonymSize)
	}
	return p, nil
}

// decodePseudonym decodes 32 lowercase hex digits without allocating.
func decodePseudonym(b []byte) (Pseudonym, bool) {
	var p Pseudonym
	if len(b) != 2*PseudonymSize {
		return p, false
	}
	for i := range p {
		hi, ok1 := hexNibble(b[2*i])
		lo, ok2 := hexNibble(b[2*i+1])
		if !ok1 || !ok2 {
			return p, false
		}
		p[i] = hi<<4 | lo
	}
	return p, true
}

// hexNibble decodes one lowercase hex digit.
func hexNibble(c byte) (byte, bool) {
	v := hexValue[c]
	return v, v != notHex
}

// notHex marks a byte that is no lowercase hex digit in hexValue.
const notHex = 0xff

// hexValue maps each byte to its value as a lowercase hex digit: a table,
// because decoding two million pseudonyms twice is a hot path of Verify.
var hexValue = func() (t [256]byte) {
	for i := range t {
		t[i] = notHex
	}
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c - '0'
	}
	for c := byte('a'); c <= 'f'; c++ {
		t[c] = c - 'a' + 10
	}
	return t
}()

// Applicant is one line of the frozen snapshot: only what the selection
// needs, and no personal data.
type Applicant struct {
	Pseudonym Pseudonym
	// Family is the family-card key; applicants sharing it count together
	// against the per-KK limit.
	Family Pseudonym
	// Region is the Kemendagri code of the applicant's domicile, a province
	// ("31") or finer ("31.71", "31.71.01", "31.71.01.1001").
	Region string
	// Tier is the priority tier, 0 (highest, e.g. nominated) to TierMax.
	Tier uint8
	// Eligible says whether the applicant passed verification and
	// eligibility; only eligible applicants are ranked.
	Eligible bool
	// Reasons holds, for an ineligible applicant, its reason codes joined
	// by ';' (e.g. "age_below_minimum;excluded_group"); empty otherwise.
	Reasons string
}

// validRegion reports whether s is a dotted Kemendagri code: 2 digits, then
// optionally .2 digits, .2 digits and .4 digits.
func validRegion(s string) bool {
	parts := [...]int{2, 2, 2, 4}
	i := 0
	for k, n := range parts {
		if k > 0 {
			if i == len(s) {
				return true
			}
			if s[i] != '.' {
				return false
			}
			i++
		}
		if i+n > len(s) || !allDigits(s[i:i+n]) {
			return false
		}
		i += n
	}
	return i == len(s)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// validReasons reports whether s is one or more codes of [a-z0-9_]
// separated by single ';'.
func validReasons(s string) bool {
	if s == "" || len(s) > ReasonsMax || s[0] == ';' || s[len(s)-1] == ';' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_':
		case c == ';' && s[i-1] != ';':
		default:
			return false
		}
	}
	return true
}

// check returns what is wrong with a, or "".
func (a *Applicant) check() string {
	switch {
	case !validRegion(a.Region):
		return "region must be a Kemendagri code such as 31 or 31.71"
	case a.Tier > TierMax:
		return fmt.Sprintf("tier must be 0..%d", TierMax)
	case a.Eligible && a.Reasons != "":
		return "an eligible applicant has no reasons"
	case !a.Eligible && !validReasons(a.Reasons):
		return "an ineligible applicant needs reason codes of [a-z0-9_] separated by ';'"
	}
	return ""
}
