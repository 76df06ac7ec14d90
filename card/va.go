package card

import (
	"strings"

	"github.com/prakerja/prakerja"
)

// Virtual account limits.
const (
	VALen             = 16 // digits; the common length of Indonesian bank VAs (BCA, BNI, Mandiri, BRI)
	CompanyCodeLenMin = 3  // e.g. BNI's 3-digit "988" before a client code
	CompanyCodeLenMax = VALen - AccountLen
)

// VA returns the virtual account number of the card number: the company code
// the bank assigned to the programme, zeros, then the card's 9-digit account
// part, VALen digits in all.
//
// Why this shape: in 2020 the Rp 3,550,000 of each participant was credited
// to a per-participant virtual account (DOMAIN §0, §2.5 item 14). An
// Indonesian VA is the bank's company (biller) code followed by a customer
// number the company chooses, 16 digits in total. Using the account part as
// the customer number makes the VA unique per participant (the account part
// is unique under one prefix), derivable from the card without a lookup, and
// as unguessable as the card; it leaves out the card prefix, which is the same
// for every participant, and the Luhn digit, which banks do not check.
// Returns CodeInvalid on "company_code" (not CompanyCodeLenMin to
// CompanyCodeLenMax digits) or on "card_number" (see Valid).
func VA(companyCode, cardNumber string) (string, error) {
	if n := len(companyCode); n < CompanyCodeLenMin || n > CompanyCodeLenMax || !allDigits(companyCode) {
		return "", fieldError("company_code", prakerja.CodeBadFormat,
			"the bank company code must be 3 to 7 digits")
	}
	if err := Valid(cardNumber); err != nil {
		return "", err
	}
	pad := VALen - len(companyCode) - AccountLen
	return companyCode + strings.Repeat("0", pad) + cardNumber[PrefixLen:checkDigitPos], nil
}
