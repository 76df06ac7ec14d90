package onlinetest

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	mrand "math/rand/v2"

	"github.com/prakerja/prakerja"
)

// Seed is the secret random input of one attempt's draw. The server makes it
// with NewSeed and stores it with the attempt, so that it can recompute the
// questions and their order at any time; it is secret so that a client cannot
// predict which questions come next.
type Seed [32]byte

// NewSeed returns a random seed.
func NewSeed() Seed {
	var s Seed
	rand.Read(s[:]) // never returns an error (crypto/rand, Go ≥ 1.24)
	return s
}

// drawLabel versions the derivation: changing how attempts are drawn needs a
// new label, or stored attempts would no longer recompute.
const drawLabel = "prakerja/onlinetest/draw/v1"

// rng is a deterministic generator for one attempt. It uses ChaCha8, whose
// output is fixed by its specification, and draws bounded integers itself
// rather than through math/rand methods, whose algorithms are not promised
// to stay the same across Go releases.
type rng struct {
	src *mrand.ChaCha8
}

// newRNG derives the generator of one attempt from the bank, the
// registration, the attempt number and the seed, so that two attempts never
// share a draw even under the same seed.
func newRNG(b *Bank, registrationID string, attemptNo int, seed Seed) *rng {
	h := sha256.New()
	var n [8]byte
	for _, part := range []string{drawLabel, b.Name, registrationID} {
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		h.Write([]byte(part))
	}
	binary.BigEndian.PutUint64(n[:], uint64(b.Version))
	h.Write(n[:])
	binary.BigEndian.PutUint64(n[:], uint64(attemptNo))
	h.Write(n[:])
	h.Write(seed[:])
	var key [32]byte
	copy(key[:], h.Sum(nil))
	return &rng{src: mrand.NewChaCha8(key)}
}

// intN returns a uniform integer in [0, n), n > 0, by rejection sampling.
func (r *rng) intN(n int) int {
	bound := uint64(n)
	limit := -bound % bound // 2^64 mod n: values below it would bias the result
	for {
		v := r.src.Uint64()
		if v >= limit {
			return int(v % bound)
		}
	}
}

// shuffle permutes s in place (Fisher–Yates).
func shuffle[T any](r *rng, s []T) {
	for i := len(s) - 1; i > 0; i-- {
		j := r.intN(i + 1)
		s[i], s[j] = s[j], s[i]
	}
}

// MarshalText writes the seed as 64 hexadecimal digits, for storage.
func (s Seed) MarshalText() ([]byte, error) {
	return []byte(hex.EncodeToString(s[:])), nil
}

// UnmarshalText reads a seed written by MarshalText.
func (s *Seed) UnmarshalText(text []byte) error {
	if hex.DecodedLen(len(text)) != len(s) {
		return prakerja.Errorf(prakerja.CodeBadFormat, "a seed is %d hexadecimal digits", 2*len(s))
	}
	_, err := hex.Decode(s[:], text)
	if err != nil {
		return prakerja.Errorf(prakerja.CodeBadFormat, "a seed is %d hexadecimal digits", 2*len(s))
	}
	return nil
}
