// Package iso20022 reads and writes the payment files the programme
// exchanges with its banks and e-wallets: ISO 20022 pain.001.001.09 credit
// transfer initiations, pain.002.001.10 status reports, camt.054.001.09
// debit notifications, and an e-wallet partner's batch CSV.
//
// The types are hand-written for encoding/xml because the generated Go
// libraries carry amounts as float64; here every amount is int64 whole
// rupiah, written as a plain integer ("600000"). For speed (a payout run
// reads and writes some 170,000 payments) the writers write the XML text
// directly, byte for byte what encoding/xml would marshal, and the readers
// try a reflection-free scanner first that fills the same structs; it
// leaves any file outside the plain XML subset the programme and its
// partners write to encoding/xml, whose results and errors stay the
// reference (see fastXML; tests and fuzz targets compare both paths).
// Readers and writers apply
// the same validation, so whatever a reader accepts can be written again
// and read back to the same value (the fuzz targets check this). Errors
// name the file element, the item index and its InstrID, never an account
// number or a name: those are personal data.
package iso20022

import (
	"errors"
	"time"
)

// Limits of one file. MaxPaymentsPerFile is the largest batch partners
// take (Xendit's batch template allows 10,000 rows); MaxFileBytes bounds
// what a reader consumes, far above 10,000 items of a few hundred bytes.
const (
	MaxPaymentsPerFile = 10_000
	MaxFileBytes       = 64 << 20
	MaxAmount          = 999_999_999_999 // per payment, 12 digits of rupiah
)

// XML namespaces of the three message versions.
const (
	NamespacePain001 = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
	NamespacePain002 = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"
	NamespaceCamt054 = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.09"
	MsgNamePain001   = "pain.001.001.09"
)

// Schemes of a creditor account (Othr/SchmeNm/Prtry).
const (
	SchemeBank    = "BANK"
	SchemeEwallet = "EWALLET"
)

// Currency is the only currency the programme pays in.
const Currency = "IDR"

// ErrMalformed is wrapped by reader errors for input that is not
// well-formed XML or CSV; the message gives only a line number, since the
// offending text could be personal data.
var ErrMalformed = errors.New("malformed file")

// ErrTooLarge is wrapped by reader errors for input over MaxFileBytes.
var ErrTooLarge = errors.New("file larger than the limit")

// wib is Asia/Jakarta: UTC+7 all year, no daylight saving, so a fixed zone
// needs no tzdata on the host.
var wib = time.FixedZone("WIB", 7*60*60)

// WIB returns the zone execution and booking dates are expressed in.
func WIB() *time.Location { return wib }
