package nik

import "time"

// numberLen is the length of both a NIK and a KK number.
const numberLen = 16

// fields are the parts shared by a NIK and a KK number: PP KK CC DDMMYY SSSS.
type fields struct {
	key        [8]byte // digits 1–6 as a dotted district code "PP.KK.CC"
	dd, mm, yy int     // digits 7–12
	serial     string  // digits 13–16, a slice of the input (no copy)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// two reads the two digits at s[i:i+2].
func two(s string, i int) int { return int(s[i]-'0')*10 + int(s[i+1]-'0') }

// split cuts s into fields if it is exactly 16 ASCII digits. Unicode digits
// such as "١" or full-width "１" are rejected: Dukcapil numbers are ASCII.
func split(s string) (fields, bool) {
	if len(s) != numberLen {
		return fields{}, false
	}
	for i := 0; i < numberLen; i++ {
		if !isDigit(s[i]) {
			return fields{}, false
		}
	}
	return fields{
		key:    [8]byte{s[0], s[1], '.', s[2], s[3], '.', s[4], s[5]},
		dd:     two(s, 6),
		mm:     two(s, 8),
		yy:     two(s, 10),
		serial: s[12:],
	}, true
}

// dateProblem says what is wrong with a DDMMYY date, so NIK and KK can each
// word it their own way.
type dateProblem int

const (
	dateOK    dateProblem = iota
	badDay                // day digits outside 01–31
	badMonth              // month digits outside 01–12
	noSuchDay             // e.g. 31 April, or 29 February of a common year
)

// date validates day dd (already without the +40) and month mm, and gives
// yy the century that makes the date the most recent one not after today
// in Jakarta.
func date(dd, mm, yy int, now time.Time) (ymd, dateProblem) {
	if dd < 1 || dd > 31 {
		return ymd{}, badDay
	}
	if mm < 1 || mm > 12 {
		return ymd{}, badMonth
	}
	y := resolveCentury(yy, mm, dd, today(now))
	if dd > daysIn(y, mm) {
		return ymd{}, noSuchDay
	}
	return ymd{y, mm, dd}, dateOK
}
