package nik

import (
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want NIK
		code prakerja.Code
	}{
		{"man Jakarta Gambir", num("317101", 5, 1, 90, "0001"),
			NIK{Province: "31", Regency: "31.71", District: "31.71.01", BirthDate: day(1990, 1, 5), Sex: "M", Serial: "0001"}, ""},
		{"woman day 45 is the 5th", num("317101", 45, 1, 90, "0001"),
			NIK{Province: "31", Regency: "31.71", District: "31.71.01", BirthDate: day(1990, 1, 5), Sex: "F", Serial: "0001"}, ""},
		{"serial 9999", num("317101", 31, 12, 99, "9999"),
			NIK{Province: "31", Regency: "31.71", District: "31.71.01", BirthDate: day(1999, 12, 31), Sex: "M", Serial: "9999"}, ""},
		{"Papua 91.01 Merauke before 2023 is retired", num("910101", 12, 3, 85, "0042"),
			NIK{Province: "91", Regency: "91.01", District: "91.01.01", BirthDate: day(1985, 3, 12), Sex: "M", Serial: "0042", Retired: true}, ""},
		{"Merauke now 93.01 is current", num("930101", 52, 3, 5, "0042"),
			NIK{Province: "93", Regency: "93.01", District: "93.01.01", BirthDate: day(2005, 3, 12), Sex: "F", Serial: "0042"}, ""},
		{"Papua Barat 92.01 before 96 is retired", num("920101", 1, 7, 80, "0003"),
			NIK{Province: "92", Regency: "92.01", District: "92.01.01", BirthDate: day(1980, 7, 1), Sex: "M", Serial: "0003", Retired: true}, ""},

		{"empty", "", NIK{}, prakerja.CodeNIKFormat},
		{"15 digits", "317101050190000", NIK{}, prakerja.CodeNIKFormat},
		{"17 digits", "31710105019000011", NIK{}, prakerja.CodeNIKFormat},
		{"letter", "3171010501900a01", NIK{}, prakerja.CodeNIKFormat},
		{"space", "317101 050190001", NIK{}, prakerja.CodeNIKFormat},
		{"dots", "31.71.01.050190.1", NIK{}, prakerja.CodeNIKFormat},
		{"full-width digit", "317101050190000１", NIK{}, prakerja.CodeNIKFormat},
		{"Arabic-Indic digit", "317101050190000١", NIK{}, prakerja.CodeNIKFormat},

		{"unknown province 99", num("990101", 5, 1, 90, "0001"), NIK{}, prakerja.CodeNIKRegionUnknown},
		{"unknown province 00", num("000101", 5, 1, 90, "0001"), NIK{}, prakerja.CodeNIKRegionUnknown},
		{"unknown regency 31.99", num("319901", 5, 1, 90, "0001"), NIK{}, prakerja.CodeNIKRegionUnknown},
		{"unknown district 31.71.99", num("317199", 5, 1, 90, "0001"), NIK{}, prakerja.CodeNIKRegionUnknown},
		{"unknown regency 94.99 in Papua Tengah", num("949901", 5, 1, 90, "0001"), NIK{}, prakerja.CodeNIKRegionUnknown},

		{"day 00", num("317101", 0, 1, 90, "0001"), NIK{}, prakerja.CodeNIKBirthDateInvalid},
		{"day 32", num("317101", 32, 1, 90, "0001"), NIK{}, prakerja.CodeNIKBirthDateInvalid},
		{"day 40", num("317101", 40, 1, 90, "0001"), NIK{}, prakerja.CodeNIKBirthDateInvalid},
		{"day 72", num("317101", 72, 1, 90, "0001"), NIK{}, prakerja.CodeNIKBirthDateInvalid},
		{"month 00", num("317101", 5, 0, 90, "0001"), NIK{}, prakerja.CodeNIKBirthDateInvalid},
		{"month 13", num("317101", 5, 13, 90, "0001"), NIK{}, prakerja.CodeNIKBirthDateInvalid},
		{"31 April", num("317101", 31, 4, 90, "0001"), NIK{}, prakerja.CodeNIKBirthDateInvalid},
		{"woman 31 April", num("317101", 71, 4, 90, "0001"), NIK{}, prakerja.CodeNIKBirthDateInvalid},

		{"serial 0000", num("317101", 5, 1, 90, "0000"), NIK{}, prakerja.CodeNIKSerialZero},
		{"serial 0000 after bad date reports the date", num("317101", 5, 13, 90, "0000"), NIK{}, prakerja.CodeNIKBirthDateInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Parse(tt.in, testNow)
			if code := codeOf(t, err); code != tt.code {
				t.Fatalf("Parse error code = %q (%v), want %q", code, err, tt.code)
			}
			if got != tt.want {
				t.Errorf("Parse = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// Women add 40 to the day, so every day from 41 to 71 is day 1 to 31.
func TestParseWomenDays(t *testing.T) {
	t.Parallel()
	for dd := 41; dd <= 71; dd++ {
		n, err := Parse(num("317101", dd, 1, 90, "0001"), testNow)
		if err != nil {
			t.Fatalf("day %d: Parse error %v, want nil", dd, err)
		}
		if got, want := n.Sex, "F"; got != want {
			t.Errorf("day %d: sex = %q, want %q", dd, got, want)
		}
		if got, want := n.BirthDate, day(1990, 1, dd-40); !got.Equal(want) {
			t.Errorf("day %d: birth date = %v, want %v", dd, got, want)
		}
	}
}

func TestParseLeapDay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		dd   int
		yy   int
		want time.Time // zero: invalid
	}{
		{"2000 is a leap year (divisible by 400)", 29, 0, day(2000, 2, 29)},
		{"woman 2000", 69, 0, day(2000, 2, 29)},
		{"2024 leap", 29, 24, day(2024, 2, 29)},
		{"1996 leap", 29, 96, day(1996, 2, 29)},
		{"2025 common", 29, 25, time.Time{}},
		{"1999 common", 29, 99, time.Time{}},
		{"28 resolves to 1928, a leap year", 29, 28, day(1928, 2, 29)},
		{"27 resolves to 1927, common", 29, 27, time.Time{}},
		{"30 February never", 30, 24, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n, err := Parse(num("317101", tt.dd, 2, tt.yy, "0001"), testNow)
			if tt.want.IsZero() {
				if got, want := codeOf(t, err), prakerja.CodeNIKBirthDateInvalid; got != want {
					t.Fatalf("code = %q, want %q", got, want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse error %v, want nil", err)
			}
			if !n.BirthDate.Equal(tt.want) {
				t.Errorf("birth date = %v, want %v", n.BirthDate, tt.want)
			}
		})
	}
}

// Two-digit years take the most recent century that is not in the future,
// judged by the calendar in Jakarta (UTC+7).
func TestParseCentury(t *testing.T) {
	t.Parallel()
	wibMidnight := time.Date(2026, time.June, 14, 17, 0, 0, 0, time.UTC) // 15 June 00:00 WIB
	tests := []struct {
		name   string
		dd, mm int
		yy     int
		now    time.Time
		want   int
	}{
		{"05 is 2005", 5, 1, 5, testNow, 2005},
		{"30 is 1930", 5, 1, 30, testNow, 1930},
		{"00 is 2000", 5, 1, 0, testNow, 2000},
		{"99 is 1999", 5, 1, 99, testNow, 1999},
		{"26 earlier this year is 2026", 1, 1, 26, testNow, 2026},
		{"26 today is 2026", 15, 6, 26, testNow, 2026},
		{"26 tomorrow is 1926", 16, 6, 26, testNow, 1926},
		{"today in Jakarta while still yesterday in UTC", 15, 6, 26, wibMidnight, 2026},
		{"a minute earlier it is still 14 June in Jakarta", 15, 6, 26, wibMidnight.Add(-time.Minute), 1926},
		{"now in 2101: 99 is 2099", 5, 1, 99, time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC), 2099},
		{"now in 2101: 01 is 2101", 1, 1, 1, time.Date(2101, 1, 2, 0, 0, 0, 0, time.UTC), 2101},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n, err := Parse(num("317101", tt.dd, tt.mm, tt.yy, "0001"), tt.now)
			if err != nil {
				t.Fatalf("Parse error %v, want nil", err)
			}
			if got := n.BirthDate.Year(); got != tt.want {
				t.Errorf("year = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	woman := num("317101", 45, 1, 90, "0001") // 5 Jan 1990, F
	old := num("317101", 5, 1, 25, "0001")    // decodes as 2025
	tests := []struct {
		name      string
		in        string
		birthDate time.Time
		sex       string
		code      prakerja.Code
		wantBirth time.Time
	}{
		{"nothing stated", woman, time.Time{}, "", "", day(1990, 1, 5)},
		{"both match", woman, day(1990, 1, 5), "F", "", day(1990, 1, 5)},
		{"birth date in another zone compares by calendar date", woman,
			time.Date(1990, 1, 5, 0, 0, 0, 0, time.FixedZone("WIT", 9*3600)), "", "", day(1990, 1, 5)},
		{"day differs", woman, day(1990, 1, 6), "", prakerja.CodeNIKBirthDateMismatch, time.Time{}},
		{"month differs", woman, day(1990, 2, 5), "", prakerja.CodeNIKBirthDateMismatch, time.Time{}},
		{"year differs", woman, day(1991, 1, 5), "", prakerja.CodeNIKBirthDateMismatch, time.Time{}},
		{"stated century settles the year", old, day(1925, 1, 5), "M", "", day(1925, 1, 5)},
		{"stated date in the future", woman, day(2090, 1, 5), "", prakerja.CodeNIKBirthDateFuture, time.Time{}},
		{"sex differs", woman, time.Time{}, "M", prakerja.CodeNIKSexMismatch, time.Time{}},
		{"sex not M or F", woman, time.Time{}, "X", prakerja.CodeInvalid, time.Time{}},
		{"parse error comes first", num("317101", 45, 1, 90, "0000"), day(1990, 1, 6), "M", prakerja.CodeNIKSerialZero, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n, err := Check(tt.in, tt.birthDate, tt.sex, testNow)
			if got := codeOf(t, err); got != tt.code {
				t.Fatalf("Check error code = %q (%v), want %q", got, err, tt.code)
			}
			if !n.BirthDate.Equal(tt.wantBirth) {
				t.Errorf("birth date = %v, want %v", n.BirthDate, tt.wantBirth)
			}
		})
	}
}

// Messages are shown to users and logged: they must not echo the number.
func TestErrorMessagesHideTheNumber(t *testing.T) {
	t.Parallel()
	inputs := []string{
		"31710105019",
		"3171010501900a01",
		num("990101", 5, 1, 90, "0001"),
		num("319901", 5, 1, 90, "0001"),
		num("317199", 5, 1, 90, "0001"),
		num("317101", 35, 1, 90, "0001"),
		num("317101", 5, 13, 90, "0001"),
		num("317101", 31, 4, 90, "0001"),
		num("317101", 5, 1, 90, "0000"),
	}
	for _, in := range inputs {
		_, err := Parse(in, testNow)
		if err == nil {
			t.Fatalf("Parse accepted a bad NIK, want an error")
		}
		_ = codeOf(t, err) // checks the type and digit runs
		for _, part := range []string{in, in[:6], in[len(in)-4:]} {
			if strings.Contains(err.Error(), part) && len(part) > 2 {
				t.Errorf("message %q quotes part of the input, want positions only", err.Error())
			}
		}
	}
}

// Not parallel: AllocsPerRun counts the whole process's allocations, and
// parallel tests only resume after the sequential ones have finished.
func TestParseDoesNotAllocate(t *testing.T) {
	s := num("317101", 45, 1, 90, "0001")
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := Parse(s, testNow); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Parse allocations = %v, want 0", allocs)
	}
}

// The message says which of digits 1–6 are wrong, so a registrant can fix
// a typo without the message quoting the number.
func TestRegionUnknownNamesTheLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"province", num("990101", 5, 1, 90, "0001"), "Digits 1–2 "},
		{"regency", num("319901", 5, 1, 90, "0001"), "Digits 3–4 "},
		{"district", num("317199", 5, 1, 90, "0001"), "Digits 5–6 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse(tt.in, testNow)
			if got := prakerja.ErrorMessage(err); !strings.HasPrefix(got, tt.want) {
				t.Errorf("message = %q, want it to start with %q", got, tt.want)
			}
		})
	}
}
