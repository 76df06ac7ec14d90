package marketplace

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
)

// API keys are 32 random bytes, base64url: guessing is hopeless, so the
// stored SHA-256 needs no salt or slow hash.
const (
	apiKeySize    = 32
	apiKeyTextMax = 128 // bytes of a key as received, before hashing
)

// newAPIKey returns a fresh key and its hash.
func newAPIKey() (string, []byte) {
	b := make([]byte, apiKeySize)
	_, _ = rand.Read(b) // never fails (crypto/rand since Go 1.24)
	key := base64.RawURLEncoding.EncodeToString(b)
	return key, HashAPIKey(key)
}

// HashAPIKey is how a platform's or provider's key is stored and found.
func HashAPIKey(key string) []byte {
	sum := sha256.Sum256([]byte(key))
	return sum[:]
}

// RegisterPlatform stores a platform and returns its API key, shown once.
// Returns CodeInvalid or CodeConflict.
func (s *Service) RegisterPlatform(ctx context.Context, slug, name string) (*prakerja.Platform, string, error) {
	key, hash := newAPIKey()
	p := &prakerja.Platform{Slug: slug, Name: name, KeyHash: hash}
	if err := s.store.CreatePlatform(ctx, p, s.now()); err != nil {
		return nil, "", err
	}
	return p, key, nil
}

// RegisterProvider stores a provider with the platforms that own it and
// opens its payable account, which purchases credit. Returns CodeInvalid,
// CodeConflict or CodeNotFound (an unknown owner).
func (s *Service) RegisterProvider(ctx context.Context, slug, name string, owners []int64) (*prakerja.Provider, string, error) {
	key, hash := newAPIKey()
	p := &prakerja.Provider{Slug: slug, Name: name, KeyHash: hash, Owners: owners}
	now := s.now()
	if err := s.store.CreateProvider(ctx, p, now); err != nil {
		return nil, "", err
	}
	if err := s.OpenPayable(ctx, p); err != nil {
		return nil, "", err
	}
	return p, key, nil
}

// OpenPayable creates a provider's payable account; creating it again is a
// no-op, so a provider stored before a crash can be completed by a retry.
func (s *Service) OpenPayable(ctx context.Context, p *prakerja.Provider) error {
	// The ledger's bounds for the code: a refund cannot take back more
	// than was paid.
	a := ledger.SystemAccount(prakerja.SystemAccountID(prakerja.AccountProviderPayable, p.ID, 0),
		prakerja.AccountProviderPayable, p.ID, p.Name)
	results, err := s.store.CreateAccounts(ctx, []prakerja.Account{a}, s.now())
	if err != nil {
		return fmt.Errorf("open payable of provider %d: %w", p.ID, err)
	}
	if len(results) != 1 || !results[0].OK() {
		return fmt.Errorf("open payable of provider %d: %v", p.ID, results)
	}
	return nil
}

// AddCourse stores a course. Returns CodeInvalid or CodeNotFound.
func (s *Service) AddCourse(ctx context.Context, c *prakerja.Course) error {
	return s.store.CreateCourse(ctx, c, s.now())
}

// AuthenticatePlatform finds the platform of an API key. Returns
// CodeUnauthorized.
func (s *Service) AuthenticatePlatform(ctx context.Context, key string) (*prakerja.Platform, error) {
	hash, err := keyHash(key, "platform")
	if err != nil {
		return nil, err
	}
	p, err := s.store.PlatformByKeyHash(ctx, hash)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(p.KeyHash, hash) != 1 {
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "The platform API key is not valid.")
	}
	return p, nil
}

// AuthenticateProvider finds the provider of an API key. Returns
// CodeUnauthorized.
func (s *Service) AuthenticateProvider(ctx context.Context, key string) (*prakerja.Provider, error) {
	hash, err := keyHash(key, "provider")
	if err != nil {
		return nil, err
	}
	p, err := s.store.ProviderByKeyHash(ctx, hash)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(p.KeyHash, hash) != 1 {
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "The provider API key is not valid.")
	}
	return p, nil
}

// keyHash refuses an absent or oversized key before any lookup.
func keyHash(key, who string) ([]byte, error) {
	key = strings.TrimSpace(key)
	if key == "" || len(key) > apiKeyTextMax {
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Send the %s API key.", who)
	}
	return HashAPIKey(key), nil
}
