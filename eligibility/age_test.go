package eligibility_test

import (
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/eligibility"
)

func TestAgeOn(t *testing.T) {
	t.Parallel()
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	wib := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, prakerja.WIB)
	}
	born := utc(2002, time.April, 16, 0, 0) // as registrations store it: midnight UTC
	tests := []struct {
		name       string
		birth, ref time.Time
		want       int
	}{
		// 17:00 UTC is 00:00 WIB the next day: on 15 April 17:00 UTC the 18th
		// birthday has come in Jakarta, though not yet in UTC.
		{"BirthdayStartsAtWIBMidnight", born, utc(2020, time.April, 15, 17, 0), 18},
		{"DayBeforeInWIB", born, utc(2020, time.April, 15, 16, 59), 17},
		{"DayAfterInWIB", born, utc(2020, time.April, 16, 17, 0), 18}, // 17 April WIB
		{"BirthdayInWIB", born, wib(2020, time.April, 16, 0, 0), 18},
		{"LastMinuteBeforeBirthdayInWIB", born, wib(2020, time.April, 15, 23, 59), 17},
		{"RefInAnotherZone", born, time.Date(2020, time.April, 16, 12, 0, 0, 0, time.FixedZone("EST", -5*3600)), 18},
		{"RefInAnotherZoneBefore", born, time.Date(2020, time.April, 15, 11, 0, 0, 0, time.FixedZone("EST", -5*3600)), 17},
		// A birth date stored as midnight WIB keeps its civil date.
		{"BirthAtWIBMidnight", wib(2002, time.April, 16, 0, 0), wib(2020, time.April, 16, 0, 0), 18},
		{"BirthAtWIBMidnightDayBefore", wib(2002, time.April, 16, 0, 0), wib(2020, time.April, 15, 23, 59), 17},
		{"LaterMonth", born, wib(2020, time.May, 1, 0, 0), 18},
		{"EarlierMonth", born, wib(2020, time.March, 30, 0, 0), 17},
		// 29 February: a year older on 1 March when the year has no 29th.
		{"LeapDayBornOn28Feb", utc(2004, time.February, 29, 0, 0), wib(2022, time.February, 28, 12, 0), 17},
		{"LeapDayBornOn1Mar", utc(2004, time.February, 29, 0, 0), wib(2022, time.March, 1, 0, 0), 18},
		{"LeapDayBornOnLeapDay", utc(2004, time.February, 29, 0, 0), wib(2024, time.February, 29, 0, 0), 20},
		{"Newborn", born, wib(2002, time.April, 16, 8, 0), 0},
		{"BornAfterRef", utc(2021, time.January, 1, 0, 0), wib(2020, time.April, 16, 0, 0), -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := eligibility.AgeOn(tc.birth, tc.ref); got != tc.want {
				t.Errorf("AgeOn(%s, %s) = %d, want %d", tc.birth, tc.ref, got, tc.want)
			}
		})
	}
}
