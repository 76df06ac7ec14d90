// Package staff signs operator-console staff in and manages their
// accounts: argon2id passwords, RFC 6238 TOTP as the second factor,
// lockout, per-address rate limits, and server-side sessions with idle and
// absolute expiry. Every sign-in, lockout and account change is appended
// to the audit chain.
package staff

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/prakerja/prakerja"
)

// Store is what the service keeps its state in; sqldb.Store implements it.
type Store interface {
	prakerja.StaffStore
	prakerja.AuditStore
	// HitRateLimit counts one hit in key's window and returns the hits so
	// far (the registrants' rate-limit table, shared).
	HitRateLimit(ctx context.Context, key string, windowStart time.Time) (int64, error)
}

// Sealer seals the TOTP secrets; *pii.Keyring implements it.
type Sealer interface {
	SealBytes(label string, data []byte) ([]byte, error)
	OpenBytes(label string, ciphertext []byte) ([]byte, error)
}

// totpLabel is the pii label TOTP secrets are sealed under.
const totpLabel = "staff_totp"

// Issuer names the programme in authenticator apps.
const Issuer = "Kartu Prakerja"

// Params are the argon2id parameters for new hashes: 64 MiB, one pass,
// two lanes. OWASP's first argon2id option is 46 MiB and one pass; 64 MiB
// makes every guess cost an attacker with the hashes (GPU or ASIC) more
// memory, which is what argon2id's resistance rests on, while one pass
// keeps the time for an honest sign-in low. Two lanes let the two cores of
// the target machine share one hash, halving its latency when the box is
// idle. Staff sign in a few times a day, so the cost is spent rarely; on
// the shared 2-core development box at load 20 one hash measured about
// 0.7–1.1 s, the worst a sign-in should see. HashConcurrencyMax caps the
// memory all hashes in flight can hold. Stored hashes carry their own
// parameters, so raising these later affects only new and changed
// passwords.
var Params = &argon2id.Params{Memory: 64 * 1024, Iterations: 1, Parallelism: 2, SaltLength: 16, KeyLength: 32}

// HashConcurrencyMax bounds simultaneous password hashes: each holds
// Params.Memory, and a burst of sign-ins must not exhaust the machine.
const HashConcurrencyMax = 4

// Options configure New.
type Options struct {
	Store  Store
	Keys   Sealer
	Clock  prakerja.Clock
	Logger *slog.Logger
	// Params overrides the argon2id parameters (tests use tiny ones);
	// nil means Params.
	Params *argon2id.Params
}

// Service implements the console's sign-in and staff management.
type Service struct {
	store     Store
	keys      Sealer
	clock     prakerja.Clock
	log       *slog.Logger
	params    *argon2id.Params
	hashSlots chan struct{}
	// dummyHash is compared against for unknown usernames, so a wrong
	// username costs the same time as a wrong password.
	dummyHash string
}

// New builds a Service.
func New(o Options) (*Service, error) {
	if o.Store == nil || o.Keys == nil {
		return nil, fmt.Errorf("staff: New needs a store and a keyring")
	}
	s := &Service{store: o.Store, keys: o.Keys, clock: o.Clock, log: o.Logger, params: o.Params,
		hashSlots: make(chan struct{}, HashConcurrencyMax)}
	if s.clock == nil {
		s.clock = prakerja.SystemClock{}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.params == nil {
		s.params = Params
	}
	s.dummyHash = dummyHash(s.params)
	return s, nil
}

// dummyHash is a well-formed argon2id hash with params and random salt
// and key, which no password matches: comparing against it costs one hash,
// like a real account's, without hashing anything at start.
func dummyHash(p *argon2id.Params) string {
	salt, key := make([]byte, p.SaltLength), make([]byte, p.KeyLength)
	_, _ = rand.Read(salt) // crypto/rand.Read never fails (Go ≥ 1.24)
	_, _ = rand.Read(key)
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", p.Memory, p.Iterations, p.Parallelism,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// now is the service clock's time in UTC at microsecond precision, as
// stored.
func (s *Service) now() time.Time { return s.clock.Now().UTC().Truncate(time.Microsecond) }

// audit appends one record to the chain. A security event that cannot be
// recorded fails the operation: an unaudited sign-in must not happen.
func (s *Service) audit(ctx context.Context, actor, action, subject string, detail map[string]string) error {
	d := "{}"
	if len(detail) > 0 {
		b, err := json.Marshal(detail)
		if err != nil {
			return fmt.Errorf("audit detail: %w", err)
		}
		d = string(b)
	}
	if actor == "" {
		actor = "anonymous"
	}
	e := &prakerja.AuditEntry{At: s.now(), Actor: actor, Action: action, Subject: subject, Detail: d}
	if err := s.store.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// limitAddress counts one sign-in step from clientIP and refuses it past
// StaffSignInPerIPMax in the window. The address is hashed into the key:
// the table need not hold addresses.
func (s *Service) limitAddress(ctx context.Context, clientIP string) error {
	sum := sha256.Sum256([]byte("ops-signin\x00" + clientIP))
	now := s.now()
	start := now.Truncate(prakerja.StaffSignInWindow)
	n, err := s.store.HitRateLimit(ctx, "ops-signin:ip:"+hex.EncodeToString(sum[:16]), start)
	if err != nil {
		return fmt.Errorf("sign-in rate limit: %w", err)
	}
	if n > prakerja.StaffSignInPerIPMax {
		return &prakerja.Error{Code: prakerja.CodeRateLimited, Message: "Too many sign-in attempts from this address; try again later.",
			Retry: start.Add(prakerja.StaffSignInWindow).Sub(now)}
	}
	return nil
}

// errSignIn is the one answer for a refused sign-in step.
func errSignIn() error {
	return prakerja.Errorf(prakerja.CodeUnauthorized, "Sign-in failed: wrong username, password or code, or the account is locked.")
}
