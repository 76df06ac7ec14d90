package eligibility

import (
	"time"

	"github.com/prakerja/prakerja"
)

// AgeOn returns the age in whole years, on the instant ref, of a person born
// on birth.
//
// birth is a civil date: its own year, month and day are used, in whatever
// location it carries (registrations store midnight UTC of the date), so it
// is never shifted by a time-zone conversion. ref is an instant, read as a
// calendar date in WIB, the programme's time: 2020-04-16 17:00 UTC is already
// 17 April in Jakarta. A person born on 29 February turns a year older on
// 1 March in years without one. The result is negative when birth is after
// ref, which fails any minimum-age rule.
func AgeOn(birth, ref time.Time) int {
	by, bm, bd := birth.Date()
	ry, rm, rd := ref.In(prakerja.WIB).Date()
	age := ry - by
	if rm < bm || (rm == bm && rd < bd) {
		age--
	}
	return age
}
