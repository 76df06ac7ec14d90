package staff

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/alexedwards/argon2id"

	"github.com/prakerja/prakerja"
)

// hash computes an argon2id hash, waiting for a free slot first.
func (s *Service) hash(ctx context.Context, password string) (string, error) {
	if err := s.acquire(ctx); err != nil {
		return "", err
	}
	defer func() { <-s.hashSlots }()
	h, err := argon2id.CreateHash(password, s.params)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return h, nil
}

// matches reports whether password matches hash (constant time inside
// argon2id). A malformed stored hash never matches.
func (s *Service) matches(ctx context.Context, password, hash string) (bool, error) {
	if err := s.acquire(ctx); err != nil {
		return false, err
	}
	defer func() { <-s.hashSlots }()
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	if err != nil {
		s.log.ErrorContext(ctx, "staff password hash unreadable", "err", err)
		return false, nil
	}
	return ok, nil
}

func (s *Service) acquire(ctx context.Context) error {
	select {
	case s.hashSlots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait to hash: %w", ctx.Err())
	}
}

// checkPassword checks a new password's length for field.
func checkPassword(field, password string) error {
	code := prakerja.Code("")
	switch {
	case password == "":
		code = prakerja.CodeRequired
	case len(password) < prakerja.StaffPasswordMin:
		code = prakerja.CodeBadFormat
	case len(password) > prakerja.StaffPasswordMax:
		code = prakerja.CodeTooLong
	default:
		return nil
	}
	return &prakerja.Error{Code: prakerja.CodeInvalid, Message: "The password is not acceptable.",
		Fields: []prakerja.FieldError{{Field: field, Code: code,
			Message: fmt.Sprintf("Use %d to %d characters.", prakerja.StaffPasswordMin, prakerja.StaffPasswordMax)}}}
}

// passwordAlphabet leaves out look-alikes (0/O, 1/l/I) so a password read
// off a screen is typed right.
const passwordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratedPasswordLen characters of a 57-letter alphabet are about 117
// bits: beyond guessing even with the hash in hand.
const GeneratedPasswordLen = 20

// GeneratePassword returns a random password, grouped in fours for
// reading aloud ("abcd-efgh-…"); the dashes are part of it.
func GeneratePassword() string {
	b := make([]byte, 0, GeneratedPasswordLen+GeneratedPasswordLen/4)
	for i := range GeneratedPasswordLen {
		if i > 0 && i%4 == 0 {
			b = append(b, '-')
		}
		b = append(b, passwordAlphabet[randIndex(len(passwordAlphabet))])
	}
	return string(b)
}

// randIndex is a uniform random index below n, by rejection sampling.
func randIndex(n int) int {
	limit := 256 - 256%n
	var c [1]byte
	for {
		_, _ = rand.Read(c[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
		if int(c[0]) < limit {
			return int(c[0]) % n
		}
	}
}
