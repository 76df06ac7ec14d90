package marketplace

import (
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/otp"
)

// TestVoucherCode draws many codes: each is valid and none repeats (60
// random bits make a repeat in 10,000 draws about 1 in 10^10).
func TestVoucherCode(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 10_000 {
		c := newVoucherCode()
		if !prakerja.ValidVoucherCode(c) || seen[c] {
			t.Fatalf("code %q: valid %v, repeated %v", c, prakerja.ValidVoucherCode(c), seen[c])
		}
		seen[c] = true
	}
}

// TestNormalizeVoucher accepts what people type and keeps what is wrong
// wrong.
func TestNormalizeVoucher(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"abcd-efgh-jkmn", "ABCDEFGHJKMN"},
		{"O1IL 0000 0000", "011100000000"},
		{"", ""},
		{string(make([]byte, 100)), ""},
	}
	for _, tt := range tests {
		if got := normalizeVoucher(tt.in); got != tt.want {
			t.Errorf("normalizeVoucher(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if prakerja.ValidVoucherCode("ABCDEFGHJKMU") {
		t.Error("U is not in Crockford's alphabet")
	}
}

// TestCleanOTP strips separators and refuses anything not n digits.
func TestCleanOTP(t *testing.T) {
	t.Parallel()
	for in, ok := range map[string]bool{"123456": true, "123 456": true, "123-456": true, "12345": false,
		"12345a": false, "1234567": false} {
		if _, got := otp.Clean(in, 6); got != ok {
			t.Errorf("otp.Clean(%q) ok = %v, want %v", in, got, ok)
		}
	}
}
