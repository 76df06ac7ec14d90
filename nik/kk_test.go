package nik

import (
	"testing"

	"github.com/prakerja/prakerja"
)

func TestParseKK(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want KK
		code prakerja.Code
	}{
		{"Gambir 2015", num("317101", 12, 3, 15, "0007"),
			KK{Province: "31", Regency: "31.71", District: "31.71.01", IssuedOn: day(2015, 3, 12), Serial: "0007"}, ""},
		{"registered today", num("317101", 15, 6, 26, "0007"),
			KK{Province: "31", Regency: "31.71", District: "31.71.01", IssuedOn: day(2026, 6, 15), Serial: "0007"}, ""},
		{"tomorrow's date is read as last century", num("317101", 16, 6, 26, "0007"),
			KK{Province: "31", Regency: "31.71", District: "31.71.01", IssuedOn: day(1926, 6, 16), Serial: "0007"}, ""},
		{"29 February 2024", num("317101", 29, 2, 24, "0007"),
			KK{Province: "31", Regency: "31.71", District: "31.71.01", IssuedOn: day(2024, 2, 29), Serial: "0007"}, ""},
		{"Merauke before 2023 is retired", num("910101", 1, 2, 10, "0001"),
			KK{Province: "91", Regency: "91.01", District: "91.01.01", IssuedOn: day(2010, 2, 1), Serial: "0001", Retired: true}, ""},

		{"15 digits", "317101120315000", KK{}, prakerja.CodeKKFormat},
		{"letter", "31710112031500O7", KK{}, prakerja.CodeKKFormat},
		{"unknown province", num("990101", 12, 3, 15, "0007"), KK{}, prakerja.CodeKKRegionUnknown},
		{"unknown district", num("317199", 12, 3, 15, "0007"), KK{}, prakerja.CodeKKRegionUnknown},
		{"no +40 rule for KK", num("317101", 52, 3, 15, "0007"), KK{}, prakerja.CodeKKDateInvalid},
		{"day 00", num("317101", 0, 3, 15, "0007"), KK{}, prakerja.CodeKKDateInvalid},
		{"month 13", num("317101", 12, 13, 15, "0007"), KK{}, prakerja.CodeKKDateInvalid},
		{"29 February 2025", num("317101", 29, 2, 25, "0007"), KK{}, prakerja.CodeKKDateInvalid},
		{"31 June", num("317101", 31, 6, 15, "0007"), KK{}, prakerja.CodeKKDateInvalid},
		{"serial 0000", num("317101", 12, 3, 15, "0000"), KK{}, prakerja.CodeKKSerialZero},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseKK(tt.in, testNow)
			if code := codeOf(t, err); code != tt.code {
				t.Fatalf("ParseKK error code = %q (%v), want %q", code, err, tt.code)
			}
			if got != tt.want {
				t.Errorf("ParseKK = %+v, want %+v", got, tt.want)
			}
		})
	}
}
