package selection

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"
)

// testSeed returns a fixed seed whose bytes are all b.
func testSeed(b byte) Seed {
	var s Seed
	for i := range s {
		s[i] = b
	}
	return s
}

// pn returns the pseudonym whose last bytes hold n, so tests can name
// applicants by number.
func pn(n int) Pseudonym {
	var p Pseudonym
	p[0] = 0xa0
	for i := 0; i < 8; i++ {
		p[PseudonymSize-1-i] = byte(n >> (8 * i))
	}
	return p
}

// app returns an eligible applicant n of family fam in region.
func app(n, fam int, region string, tier uint8) Applicant {
	return Applicant{Pseudonym: pn(n), Family: pn(1_000_000 + fam), Region: region, Tier: tier, Eligible: true}
}

// mustSnapshot freezes apps or fails the test.
func mustSnapshot(tb testing.TB, apps ...Applicant) *Snapshot {
	tb.Helper()
	s, err := NewSnapshot(apps)
	if err != nil {
		tb.Fatalf("NewSnapshot: %v", err)
	}
	return s
}

// mustSelect runs Select or fails the test.
func mustSelect(tb testing.TB, s *Snapshot, seed Seed, q Quotas) *Result {
	tb.Helper()
	r, err := Select(s, seed, q)
	if err != nil {
		tb.Fatalf("Select: %v", err)
	}
	return r
}

// mustSynthetic returns a small synthetic wave.
func mustSynthetic(tb testing.TB, joiners, seats int) (*Snapshot, Quotas) {
	tb.Helper()
	s, q, err := Synthetic(joiners, seats, 1)
	if err != nil {
		tb.Fatalf("Synthetic: %v", err)
	}
	return s, q
}

// resultBytes renders result.csv and summary.csv.
func resultBytes(tb testing.TB, r *Result) []byte {
	tb.Helper()
	var b bytes.Buffer
	if _, err := r.WriteResult(&b); err != nil {
		tb.Fatal(err)
	}
	if _, err := r.WriteSummary(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// winnerSet returns the winners' pseudonyms with their rounds.
func winnerSet(r *Result) map[Pseudonym]Round {
	m := map[Pseudonym]Round{}
	for _, w := range r.Winners {
		m[r.Snapshot.Applicants[w.Applicant].Pseudonym] = w.Round
	}
	return m
}

// errCode returns the selection code of err, or "" if it has none.
func errCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// describe formats an error for a failure message.
func describe(err error) string { return fmt.Sprintf("%v (code %q)", err, errCode(err)) }

// sha256Hex is the hex SHA-256 of b.
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
