package registration_test

import (
	"testing"

	"github.com/prakerja/prakerja/registration"
)

func TestNormalizePhone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string // want "" = rejected
	}{
		{"081234567890", "+6281234567890"},
		{"0812-3456-7890", "+6281234567890"},
		{"+62 812 3456 7890", "+6281234567890"},
		{"6281234567890", "+6281234567890"},
		{"0811234567", "+62811234567"},       // shortest: 9 national digits
		{"0812345678901", "+62812345678901"}, // longest: 12
		{"081123456", ""},                    // 8 national digits
		{"08123456789012", ""},               // 13
		{"0212345678", ""},                   // Jakarta landline
		{"0800123456", ""},                   // toll free
		{"+6181234567890", ""},               // Australia
		{"0812+34567890", ""},
		{"(0812) 3456 7890", ""},
		{"", ""},
		{"0812 3456 7890 0812 3456 7890 0812", ""}, // over the input bound
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, ok := registration.NormalizePhone(tt.in)
			if ok != (tt.want != "") || got != tt.want {
				t.Fatalf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestNormalizeEmail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"Siti.Aminah@Example.CO.ID", "siti.aminah@example.co.id"},
		{" budi+prakerja@mail.id ", "budi+prakerja@mail.id"},
		{"budi@mail", ""},
		{"budi@.mail.id", ""},
		{"budi@mail.id.", ""},
		{"Budi <budi@mail.id>", ""},
		{"budi@mail.id (kantor)", ""},
		{"@mail.id", ""},
		{"budi mail.id", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, ok := registration.NormalizeEmail(tt.in)
			if ok != (tt.want != "") || got != tt.want {
				t.Fatalf("NormalizeEmail(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}
