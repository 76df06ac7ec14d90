// Package card issues the two numbers a selected Kartu Prakerja participant
// receives (DOMAIN §2.5 items 13–14, requirement 16): the 16-digit card
// number shown on the dashboard and used to pay on partner platforms, and the
// virtual account number into which the scheme total is credited.
//
// A card number is PPPPPP AAAAAAAAA C: a 6-digit issuer prefix (an IIN-like
// programme prefix), a 9-digit account part and a Luhn check digit, the same
// check payment cards use, so that a mistyped digit or a swap of two
// neighbouring digits is caught before any lookup. The account part is a
// keyed permutation of the participant's sequence number, so numbers are
// unique by construction, yet neither reveal how many cards exist nor let one
// guess the card issued after one's own; the key holder can invert it for
// audits. The package stores nothing: the caller keeps the sequence counter.
package card
