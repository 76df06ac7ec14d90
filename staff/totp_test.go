package staff

import (
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
)

// TestMatchStep accepts the code of the current step and one step either
// side, and nothing further or malformed.
func TestMatchStep(t *testing.T) {
	t.Parallel()
	secret, err := newSecret("vera")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2020, 4, 16, 3, 0, 15, 0, time.UTC)
	step := now.Unix() / totpPeriod
	tests := []struct {
		name   string
		offset time.Duration
		want   int64
	}{
		{"Now", 0, step},
		{"PreviousStep", -30 * time.Second, step - 1},
		{"NextStep", 30 * time.Second, step + 1},
		{"TwoStepsOld", -60 * time.Second, 0},
		{"TwoStepsAhead", 60 * time.Second, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, err := Code(secret, now.Add(tt.offset))
			if err != nil {
				t.Fatal(err)
			}
			if got := matchStep(secret, code, now); got != tt.want {
				t.Errorf("matchStep = %d, want %d", got, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef"} {
		if got := matchStep(secret, bad, now); got != 0 {
			t.Errorf("matchStep(%q) = %d", bad, got)
		}
	}
}

// TestEnrolmentURI carries the secret, issuer and account, and a PNG QR.
func TestEnrolmentURI(t *testing.T) {
	t.Parallel()
	e := enrolment("vera", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
	for _, want := range []string{"otpauth://totp/Kartu%20Prakerja:vera?", "secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
		"issuer=Kartu+Prakerja", "digits=6", "period=30"} {
		if !strings.Contains(e.URI, want) {
			t.Errorf("URI %s lacks %s", e.URI, want)
		}
	}
	if !strings.HasPrefix(string(e.QRPNG), "\x89PNG") {
		t.Error("no PNG QR code")
	}
}

// TestGeneratePassword draws from the unambiguous alphabet in groups of
// four, differently each time.
func TestGeneratePassword(t *testing.T) {
	t.Parallel()
	a, b := GeneratePassword(), GeneratePassword()
	if a == b || len(a) != GeneratedPasswordLen+GeneratedPasswordLen/4-1 {
		t.Fatalf("passwords %q, %q", a, b)
	}
	for i, c := range a {
		if (i+1)%5 == 0 {
			if c != '-' {
				t.Fatalf("%q: no dash at %d", a, i)
			}
		} else if !strings.ContainsRune(passwordAlphabet, c) {
			t.Fatalf("%q: %q not in the alphabet", a, c)
		}
	}
}

// TestDummyHash is well-formed, so comparing against it costs a full hash,
// and matches nothing.
func TestDummyHash(t *testing.T) {
	t.Parallel()
	p := &argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}
	ok, err := argon2id.ComparePasswordAndHash("anything", dummyHash(p))
	if err != nil || ok {
		t.Fatalf("compare with the dummy hash: %v, %v", ok, err)
	}
}
