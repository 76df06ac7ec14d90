package otp

import "testing"

func TestNew(t *testing.T) {
	t.Parallel()
	const draws = 20000
	var seen [6][10]int
	for range draws {
		code := New(6)
		if len(code) != 6 {
			t.Fatalf("code %q is not 6 digits", code)
		}
		for i, c := range []byte(code) {
			if c < '0' || c > '9' {
				t.Fatalf("code %q has a non-digit", code)
			}
			seen[i][c-'0']++
		}
	}
	// Each digit should appear about draws/10 = 2000 times at each position;
	// 1600–2400 is more than 9 standard deviations wide.
	for pos, counts := range seen {
		for d, n := range counts {
			if n < 1600 || n > 2400 {
				t.Errorf("digit %d at position %d drawn %d times of %d", d, pos, n, draws)
			}
		}
	}
}

func TestClean(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"123456", "123456"},
		{"123 456", "123456"},
		{"123-456", "123456"},
		{"12345", ""},
		{"1234567", ""},
		{"12345a", ""},
		{"１２３４５６", ""}, // full-width digits
		{"                              123456", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, ok := Clean(tt.in, 6)
			if ok != (tt.want != "") || got != tt.want {
				t.Fatalf("Clean(%q) = %q, %v", tt.in, got, ok)
			}
		})
	}
}
