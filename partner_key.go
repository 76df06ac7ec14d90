package prakerja

import (
	"context"
	"regexp"
	"slices"
	"time"
)

// Partner machines (issue 7 item 1): training platforms, training
// providers, nominating institutions and payment partners call the API
// with signed requests. Each partner holds up to PartnerKeysActiveMax
// active keys, so a new key can be deployed before the old one is
// revoked. A key is a public key id and a 32-byte secret; the server
// keeps the secret sealed with the personal-data keyring because it must
// compute the same HMAC as the partner (a hash of the secret would not
// do). The signing scheme itself lives in package partnerauth.

// PartnerKind is what sort of partner a key belongs to; it decides which
// API routes the key may call.
type PartnerKind string

// Partner kinds.
const (
	PartnerPlatform    PartnerKind = "platform"    // Partner is the platform's slug
	PartnerProvider    PartnerKind = "provider"    // Partner is the provider's slug
	PartnerInstitution PartnerKind = "institution" // Partner is the institution's code (nominations)
	PartnerBank        PartnerKind = "bank"        // Partner is the payment partner's code
)

// PartnerKinds lists the kinds, in the order the CLI shows them.
func PartnerKinds() []PartnerKind {
	return []PartnerKind{PartnerPlatform, PartnerProvider, PartnerInstitution, PartnerBank}
}

// Valid reports whether k is one of PartnerKinds.
func (k PartnerKind) Valid() bool { return slices.Contains(PartnerKinds(), k) }

// Partner key limits.
const (
	// PartnerKeysActiveMax is how many unrevoked keys one partner may
	// hold: the one in use and its replacement during a rotation.
	PartnerKeysActiveMax = 2
	// PartnerKeyIDMax bounds a key id, in bytes.
	PartnerKeyIDMax = 64
	// PartnerRefMax bounds a partner reference (slug or code), in bytes.
	PartnerRefMax = 64
	// PartnerSecretSealedMax bounds a sealed secret as stored.
	PartnerSecretSealedMax = 512
	// PartnerKeysPageMax bounds one listing of keys.
	PartnerKeysPageMax = 1000
	// PartnerSignatureLen is the length of an HMAC-SHA256 signature.
	PartnerSignatureLen = 32
	// PartnerSignaturePruneMax is how many expired signatures one
	// RecordSignature call deletes, so the table shrinks as fast as it
	// grows without any one request paying for a backlog.
	PartnerSignaturePruneMax = 100
)

// Audit actions of partner keys. Their details name the kind, the
// partner and the key id, never the secret.
const (
	AuditPartnerKeyCreated = "partner_key.created"
	AuditPartnerKeyRevoked = "partner_key.revoked"
)

// partnerKeyID and partnerRef are the shapes the store accepts: key ids
// are printable tokens, partner references are slugs or snake_case codes.
var (
	partnerKeyID = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)
	partnerRef   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
)

// ValidPartnerKeyID reports whether id has the shape of a key id.
func ValidPartnerKeyID(id string) bool { return partnerKeyID.MatchString(id) }

// ValidPartnerRef reports whether ref has the shape of a partner
// reference (a platform or provider slug, an institution or bank code).
func ValidPartnerRef(ref string) bool { return partnerRef.MatchString(ref) }

// PartnerKey is one signing key of one partner.
type PartnerKey struct {
	KeyID        string
	Kind         PartnerKind
	Partner      string // slug or code, see PartnerKind
	SecretSealed []byte // the 32-byte secret, sealed; never logged or shown again
	CreatedBy    string // the operator or command that made it
	CreatedAt    time.Time
	RevokedAt    time.Time // zero while the key is active
}

// Active reports whether the key may still sign requests.
func (k *PartnerKey) Active() bool { return k.RevokedAt.IsZero() }

// Valid checks a new key's own fields.
func (k *PartnerKey) Valid() error {
	var fields []FieldError
	add := func(field string, code Code, msg string) {
		fields = append(fields, FieldError{Field: field, Code: code, Message: msg})
	}
	if !ValidPartnerKeyID(k.KeyID) {
		add("key_id", CodeBadFormat, "A key id is 8 to 64 letters, digits, '_' or '-'.")
	}
	if !k.Kind.Valid() {
		add("kind", CodeBadValue, "The kind is platform, provider, institution or bank.")
	}
	if !ValidPartnerRef(k.Partner) {
		add("partner", CodeBadFormat, "The partner is a slug or code: lowercase letters, digits, '_' or '-', at most 64.")
	}
	if len(k.SecretSealed) == 0 || len(k.SecretSealed) > PartnerSecretSealedMax {
		add("secret", CodeBadValue, "The sealed secret is missing or too long.")
	}
	if k.CreatedBy == "" || len(k.CreatedBy) > AuditActorMax {
		add("created_by", CodeRequired, "Name who creates the key.")
	}
	if len(fields) > 0 {
		return &Error{Code: CodeInvalid, Message: "The partner key is not valid.", Fields: fields}
	}
	return nil
}

// PartnerKeyFilter selects keys, newest first.
type PartnerKeyFilter struct {
	Kind        PartnerKind // "" = any
	Partner     string      // "" = any
	WithRevoked bool
	Limit       int // 1..PartnerKeysPageMax; 0 = PartnerKeysPageMax
}

// PartnerKeyStore keeps partner keys and the signatures seen recently.
type PartnerKeyStore interface {
	// CreatePartnerKey stores k and appends a to the audit chain in one
	// transaction. Returns CodeInvalid, or CodeConflict when the key id
	// is taken or the partner already holds PartnerKeysActiveMax active
	// keys.
	CreatePartnerKey(ctx context.Context, k *PartnerKey, a *AuditEntry) error
	// PartnerKey returns one key, revoked or not. Returns CodeNotFound.
	PartnerKey(ctx context.Context, keyID string) (*PartnerKey, error)
	// PartnerKeys lists keys, newest first.
	PartnerKeys(ctx context.Context, f PartnerKeyFilter) ([]*PartnerKey, error)
	// RevokePartnerKey marks a key revoked at now and appends a to the
	// audit chain in one transaction. Returns CodeNotFound, or
	// CodeConflict when it is revoked already.
	RevokePartnerKey(ctx context.Context, keyID string, now time.Time, a *AuditEntry) (*PartnerKey, error)
	// RecordSignature remembers a signature of keyID until expires.
	// Returns CodeSignatureReplayed when the same signature is remembered
	// and has not expired at now, CodeInvalid for a signature that is not
	// PartnerSignatureLen bytes. It also forgets up to
	// PartnerSignaturePruneMax expired signatures.
	RecordSignature(ctx context.Context, keyID string, sig []byte, expires, now time.Time) error
}
