package partnerauth

import (
	"context"
	"crypto/hmac"
	"fmt"
	"net/http"

	"github.com/prakerja/prakerja"
)

// Opener opens sealed secrets; *pii.Keyring is one.
type Opener interface {
	OpenBytes(label string, ciphertext []byte) ([]byte, error)
}

// Sealer seals secrets; *pii.Keyring is one.
type Sealer interface {
	Opener
	SealBytes(label string, data []byte) ([]byte, error)
}

// sealLabel binds a sealed secret to its key id, so a ciphertext copied
// onto another key's row does not open.
func sealLabel(keyID string) string { return "partner_key:" + keyID }

// Verifier checks signed requests against the stored keys.
type Verifier struct {
	store prakerja.PartnerKeyStore
	keys  Opener
	clock prakerja.Clock
}

// NewVerifier returns a Verifier; the clock decides the window.
func NewVerifier(store prakerja.PartnerKeyStore, keys Opener, clock prakerja.Clock) *Verifier {
	return &Verifier{store: store, keys: keys, clock: clock}
}

// Verify checks a request's headers and body and returns the key that
// signed it; target is the request's escaped path and query
// (http.Request.URL.RequestURI). Returns CodeSignatureMissing,
// CodeSignatureInvalid (malformed headers, unknown key, wrong HMAC),
// CodeSignatureExpired, CodePartnerKeyRevoked or CodeSignatureReplayed.
// The HMAC is checked before the signature is remembered, so nobody can
// fill the replay table without the secret.
func (v *Verifier) Verify(ctx context.Context, method, target string, h http.Header, body []byte) (*prakerja.PartnerKey, error) {
	s, err := ParseHeaders(h)
	if err != nil {
		return nil, err
	}
	now := v.clock.Now()
	if s.At.Before(now.Add(-Window)) || s.At.After(now.Add(Window)) {
		return nil, prakerja.Errorf(prakerja.CodeSignatureExpired,
			"The %s is more than %v from the server's time; check the clock and sign again.", HeaderTimestamp, Window)
	}
	k, err := v.store.PartnerKey(ctx, s.KeyID)
	if prakerja.ErrorCode(err) == prakerja.CodeNotFound {
		return nil, prakerja.Errorf(prakerja.CodeSignatureInvalid, "The %s is not a known key.", HeaderKeyID)
	}
	if err != nil {
		return nil, err
	}
	if !k.Active() {
		return nil, prakerja.Errorf(prakerja.CodePartnerKeyRevoked, "This key was revoked; sign with the newer key.")
	}
	secret, err := v.keys.OpenBytes(sealLabel(k.KeyID), k.SecretSealed)
	if err != nil {
		return nil, fmt.Errorf("partnerauth: open secret of %s: %w", k.KeyID, err)
	}
	want := Compute(secret, method, target, s.Timestamp, body)
	for _, sig := range s.Sigs {
		if hmac.Equal(sig, want) {
			if err := v.store.RecordSignature(ctx, k.KeyID, sig, s.At.Add(Window), now); err != nil {
				return nil, err
			}
			return k, nil
		}
	}
	return nil, prakerja.Errorf(prakerja.CodeSignatureInvalid,
		"The signature does not match the request; sign method, target, timestamp and body hash as documented.")
}
