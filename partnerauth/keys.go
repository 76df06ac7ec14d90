package partnerauth

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/prakerja/prakerja"
)

// Keys creates and revokes partner keys; every change is one audit
// record, written in the same transaction as the change.
type Keys struct {
	store prakerja.PartnerKeyStore
	seal  Sealer
	clock prakerja.Clock
}

// NewKeys returns the key manager.
func NewKeys(store prakerja.PartnerKeyStore, seal Sealer, clock prakerja.Clock) *Keys {
	return &Keys{store: store, seal: seal, clock: clock}
}

// auditDetail is what an audit record says of a key: no secret.
type auditDetail struct {
	Kind    prakerja.PartnerKind `json:"kind"`
	Partner string               `json:"partner"`
	KeyID   string               `json:"key_id"`
}

func auditEntry(k *prakerja.PartnerKey, action, actor string) *prakerja.AuditEntry {
	d, _ := json.Marshal(auditDetail{Kind: k.Kind, Partner: k.Partner, KeyID: k.KeyID}) // cannot fail
	return &prakerja.AuditEntry{At: k.CreatedAt, Actor: actor, Action: action,
		Subject: "partner_key:" + k.KeyID, Detail: string(d)}
}

// Create makes a key for a partner and returns it with its secret, which
// exists nowhere else in clear: show it once. Checking that the partner
// exists is the caller's business. Returns CodeInvalid or CodeConflict
// (the partner already holds PartnerKeysActiveMax active keys).
func (m *Keys) Create(ctx context.Context, kind prakerja.PartnerKind, partner, actor string) (*prakerja.PartnerKey, Secret, error) {
	secret := NewSecret()
	k := &prakerja.PartnerKey{KeyID: NewKeyID(), Kind: kind, Partner: partner, CreatedBy: actor, CreatedAt: m.clock.Now()}
	sealed, err := m.seal.SealBytes(sealLabel(k.KeyID), secret)
	if err != nil {
		return nil, nil, fmt.Errorf("partnerauth: seal secret: %w", err)
	}
	k.SecretSealed = sealed
	if err := m.store.CreatePartnerKey(ctx, k, auditEntry(k, prakerja.AuditPartnerKeyCreated, actor)); err != nil {
		return nil, nil, err
	}
	return k, secret, nil
}

// Revoke ends a key at once: requests it signs are refused from the next
// one on. Returns CodeNotFound or CodeConflict (revoked already).
func (m *Keys) Revoke(ctx context.Context, keyID, actor string) (*prakerja.PartnerKey, error) {
	now := m.clock.Now()
	probe := &prakerja.PartnerKey{KeyID: keyID, CreatedAt: now}
	k, err := m.store.PartnerKey(ctx, keyID)
	if err != nil {
		return nil, err
	}
	probe.Kind, probe.Partner = k.Kind, k.Partner
	return m.store.RevokePartnerKey(ctx, keyID, now, auditEntry(probe, prakerja.AuditPartnerKeyRevoked, actor))
}
