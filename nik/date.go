package nik

import "time"

// wib is Western Indonesia Time, where Dukcapil's "today" is. Asia/Jakarta
// has been UTC+7 without daylight saving since 1964, so a fixed zone gives
// the same answers without needing a time-zone database on disk.
var wib = time.FixedZone("WIB", 7*60*60)

// ymd is a calendar date without time or zone.
type ymd struct{ y, m, d int }

func (a ymd) after(b ymd) bool {
	if a.y != b.y {
		return a.y > b.y
	}
	if a.m != b.m {
		return a.m > b.m
	}
	return a.d > b.d
}

func (a ymd) time() time.Time {
	return time.Date(a.y, time.Month(a.m), a.d, 0, 0, 0, 0, time.UTC)
}

// today is now's calendar date in Jakarta.
func today(now time.Time) ymd {
	y, m, d := now.In(wib).Date()
	return ymd{y, int(m), d}
}

// resolveCentury picks the most recent year ending in yy whose month and day
// are not after today: a person cannot be born, nor a family registered, in
// the future. With today 2026-06-01, 05 is 2005, 30 is 1930, and 26 is 2026
// for a date up to 1 June but 1926 for a later one.
func resolveCentury(yy, mm, dd int, t ymd) int {
	y := t.y - t.y%100 + yy
	if (ymd{y, mm, dd}).after(t) {
		y -= 100
	}
	return y
}

// daysIn returns the number of days of month m (1–12) in year y of the
// proleptic Gregorian calendar.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
