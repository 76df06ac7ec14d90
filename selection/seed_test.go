package selection

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

func TestCommitAndReveal(t *testing.T) {
	t.Parallel()
	s, err := NewSeed()
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(s[:])
	if got, want := s.Commit(), hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("Commit = %s, want %s", got, want)
	}
	if !CheckReveal(s.Commit(), s) {
		t.Fatal("CheckReveal refused the committed seed")
	}
	other := s
	other[0] ^= 1
	if CheckReveal(s.Commit(), other) {
		t.Fatal("CheckReveal accepted another seed")
	}
	back, err := ParseSeed(s.String())
	if err != nil || back != s {
		t.Fatalf("ParseSeed(String) = %v, %v", back, err)
	}
}

func TestParseSeed(t *testing.T) {
	t.Parallel()
	for name, in := range map[string]string{
		"Short":     "00",
		"Uppercase": "AA" + testSeed(0).String()[2:],
		"NotHex":    "zz" + testSeed(0).String()[2:],
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := ParseSeed(in); errCode(err) != CodeSeedFormat {
				t.Fatalf("got %s, want %s", describe(err), CodeSeedFormat)
			}
		})
	}
}

// TestRankSpec pins the rank to its definition in doc.go with an
// independent computation, so an auditor's re-implementation can be
// checked against the same vector.
func TestRankSpec(t *testing.T) {
	t.Parallel()
	seed := testSeed(7)
	p := pn(42)
	got := Rank(seed, p)
	want := hmacHex(seed[:], []byte(p.String()))
	if hex.EncodeToString(got[:]) != want {
		t.Fatalf("Rank = %x, want %s", got, want)
	}
}
