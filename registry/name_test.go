package registry_test

import (
	"testing"

	"github.com/prakerja/prakerja/registry"
)

func TestNamesMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"OKApostropheAndCase", "Siti Nur'aini", "SITI NURAINI", true},
		{"OKTypographicApostrophe", "Siti Nur’aini", "siti nuraini", true},
		{"OKDiacritics", "Dewi Sartika Mahéndra", "DEWI SARTIKA MAHENDRA", true},
		{"OKDiaeresis", "Zoë Renée", "ZOE RENEE", true},
		{"OKDecomposedInput", "Mahe\u0301ndra", "Mahéndra", true},
		{"OKDotsAndHyphens", "Muh. Al-Fatih", "MUH ALFATIH", true},
		{"OKSpacesInside", "Nur Aini", "Nuraini", true},
		{"OKExtraWhitespace", "  Budi   Santoso ", "Budi Santoso", true},
		{"OKFullWidth", "ＢＵＤＩ", "Budi", true},
		{"ErrMissingWord", "Budi", "Budi Santoso", false},
		{"ErrOneLetter", "Budi Santoso", "Budi Susanto", false},
		{"ErrDigitForLetter", "Budi", "Bud1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := registry.NamesMatch(tt.a, tt.b); got != tt.want {
				t.Fatalf("NamesMatch(%q, %q) = %v, want %v (keys %q, %q)", tt.a, tt.b, got, tt.want, registry.NameKey(tt.a), registry.NameKey(tt.b))
			}
		})
	}
}

func TestNameScore(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"Same", "Siti Nur'aini", "SITI NURAINI", 100},
		{"OneLetter", "Budi Santoso", "Budi Santosa", 96},
		{"MissingWord", "Budi", "Budi Santoso", 70},
		{"Unrelated", "Agus", "Wayan", 48},
		{"Disjoint", "Agus", "Wiwin", 0},
		{"BothEmpty", "", "", 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := registry.NameScore(tt.a, tt.b); got != tt.want {
				t.Fatalf("NameScore(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
