package card

import (
	"github.com/prakerja/prakerja"
)

// Card number layout and limits.
const (
	NumberLen    = 16 // digits in a card number, as on the real Nomor Kartu Prakerja
	PrefixLen    = 6  // issuer prefix digits, the length of a payment-card IIN
	AccountLen   = 9  // account-part digits
	AccountSpace = 1_000_000_000
	SeqMax       = AccountSpace - 1 // the last sequence number an issuer can number
	KeyLenMin    = 16               // bytes; a shorter key is guessable
	KeyLenMax    = 1024             // bytes; bounds the HMAC input
)

const (
	numberField   = "card_number" // field name in errors, as the HTTP form will call it
	prefixField   = "prefix"
	checkDigitPos = NumberLen - 1
)

// Issuer numbers cards for one programme prefix with one secret key. Its
// round tables take 640 KiB; build one per process and share it: it is safe
// for concurrent use because it is read-only after NewIssuer.
type Issuer struct {
	prefix [PrefixLen]byte
	perm   *feistel
}

// NewIssuer returns an Issuer for prefix (exactly PrefixLen ASCII digits, not
// starting with 0 so that the number never loses a digit when a spreadsheet
// reads it as an integer) and key (KeyLenMin to KeyLenMax bytes of secret).
// Returns CodeInvalid with a field error on "prefix" or "key".
func NewIssuer(prefix string, key []byte) (*Issuer, error) {
	if len(prefix) != PrefixLen || !allDigits(prefix) || prefix[0] == '0' {
		return nil, fieldError(prefixField, prakerja.CodeBadFormat,
			"the issuer prefix must be 6 digits not starting with 0")
	}
	if len(key) < KeyLenMin || len(key) > KeyLenMax {
		return nil, fieldError("key", prakerja.CodeBadValue,
			"the issuer key must be 16 to 1024 bytes")
	}
	iss := &Issuer{perm: newFeistel(key)}
	copy(iss.prefix[:], prefix)
	return iss, nil
}

// Prefix returns the issuer prefix.
func (iss *Issuer) Prefix() string { return string(iss.prefix[:]) }

// Number returns the card number of sequence number seq (0 to SeqMax). The
// same seq always gives the same number and different seqs give different
// numbers. Returns CodeInvalid when seq is over SeqMax: the prefix is then
// exhausted and the programme needs a new one.
func (iss *Issuer) Number(seq uint64) (string, error) {
	if seq > SeqMax {
		return "", prakerja.Errorf(prakerja.CodeInvalid,
			"card sequence number %d is over the maximum %d for one prefix", seq, uint64(SeqMax))
	}
	var b [NumberLen]byte
	copy(b[:], iss.prefix[:])
	putDigits(b[PrefixLen:checkDigitPos], iss.perm.permute(uint32(seq)))
	b[checkDigitPos] = luhnDigit(b[:checkDigitPos])
	return string(b[:]), nil
}

// Seq returns the sequence number a card number was issued for, for audits
// and to find a card's record from the number alone. Returns CodeInvalid
// when number is not a valid card number (see Valid) or has another prefix.
func (iss *Issuer) Seq(number string) (uint64, error) {
	if err := Valid(number); err != nil {
		return 0, err
	}
	if number[:PrefixLen] != iss.Prefix() {
		return 0, fieldError(numberField, prakerja.CodeBadValue,
			"the card number was not issued under this prefix")
	}
	return uint64(iss.perm.unpermute(Account(number))), nil
}

// Valid checks that number is NumberLen ASCII digits ending in a correct Luhn
// check digit. It does not say the card exists. Returns CodeInvalid with a
// field error on "card_number": CodeBadFormat for a wrong length or a
// non-digit, CodeBadValue for a wrong check digit (a typo).
func Valid(number string) error {
	if len(number) != NumberLen || !allDigits(number) {
		return fieldError(numberField, prakerja.CodeBadFormat, "a card number is 16 digits")
	}
	if !luhnValid([]byte(number)) {
		return fieldError(numberField, prakerja.CodeBadValue,
			"the card number has a typo: its check digit does not match")
	}
	return nil
}

// Account returns the account part of a card number that passed Valid, as
// an integer.
func Account(number string) uint32 {
	var n uint32
	for i := PrefixLen; i < checkDigitPos; i++ {
		n = n*10 + uint32(number[i]-'0')
	}
	return n
}

// putDigits writes n into dst as zero-padded decimal, filling dst.
func putDigits(dst []byte, n uint32) {
	for i := len(dst) - 1; i >= 0; i-- {
		dst[i] = byte('0' + n%10)
		n /= 10
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// fieldError returns a CodeInvalid error naming one field, the shape the
// HTTP layer already renders for form fields.
func fieldError(field string, code prakerja.Code, msg string) error {
	return &prakerja.Error{
		Code:    prakerja.CodeInvalid,
		Message: msg,
		Fields:  []prakerja.FieldError{{Field: field, Code: code, Message: msg}},
	}
}
