package selection

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
)

// SeedSize is the seed length in bytes: 256 bits, the HMAC-SHA256 key size,
// so that guessing the seed before it is revealed is hopeless.
const SeedSize = 32

// Seed is the operator's secret. Its commitment is published before the
// wave closes and the seed itself after the snapshot is frozen, so neither
// the operator (bound by the commitment) nor anyone else (who cannot know
// the seed) can steer the ranking once the applicant set is known.
type Seed [SeedSize]byte

// NewSeed draws a seed from the operating system's CSPRNG.
func NewSeed() (Seed, error) {
	var s Seed
	_, err := rand.Read(s[:])
	return s, err
}

// Commit returns the commitment to s: the SHA-256 of its 32 bytes, as 64
// lowercase hex digits.
func (s Seed) Commit() string {
	sum := sha256.Sum256(s[:])
	return hex.EncodeToString(sum[:])
}

// String returns the seed as 64 lowercase hex digits, the form of seed.txt.
func (s Seed) String() string { return hex.EncodeToString(s[:]) }

// CheckReveal reports whether seed is the one committed to; it compares in
// constant time although both values are public by then, out of habit.
func CheckReveal(commitment string, seed Seed) bool {
	return subtle.ConstantTimeCompare([]byte(commitment), []byte(seed.Commit())) == 1
}

// ParseSeed reads 64 lowercase hex digits.
func ParseSeed(s string) (Seed, error) {
	var seed Seed
	if !isLowerHex(s, 2*SeedSize) {
		return seed, errorf(CodeSeedFormat, FileSeed, "the seed must be %d lowercase hex digits", 2*SeedSize)
	}
	hex.Decode(seed[:], []byte(s))
	return seed, nil
}

// parseHexLine reads a file body that is exactly n lowercase hex digits and
// one LF, the form of seed.txt and commitment.txt.
func parseHexLine(b []byte, n int) (string, bool) {
	s, ok := bytes.CutSuffix(b, []byte{'\n'})
	if !ok || !isLowerHex(string(s), n) {
		return "", false
	}
	return string(s), true
}

// isLowerHex reports whether s is exactly n characters of [0-9a-f].
func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
