package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

const (
	sqlPartnerKeysActive = `SELECT count(*) FROM partner_keys WHERE kind = ? AND partner = ? AND revoked_at IS NULL`
	sqlPartnerKeyInsert  = `INSERT INTO partner_keys (key_id, kind, partner, secret_sealed, created_by, created_at)
	VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	sqlPartnerKeyCols = `key_id, kind, partner, secret_sealed, created_by, created_at, revoked_at`
	sqlPartnerKeyByID = `SELECT ` + sqlPartnerKeyCols + ` FROM partner_keys WHERE key_id = ?`
	sqlPartnerKeyList = `SELECT ` + sqlPartnerKeyCols + ` FROM partner_keys
	WHERE (? = '' OR kind = ?) AND (? = '' OR partner = ?) AND (? OR revoked_at IS NULL)
	ORDER BY created_at DESC, key_id DESC LIMIT ?`
	sqlPartnerKeyRevoke = `UPDATE partner_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL`
	sqlSignaturePrune   = `DELETE FROM partner_signatures WHERE (key_id, sig) IN
	(SELECT key_id, sig FROM partner_signatures WHERE expires_at <= ? ORDER BY expires_at LIMIT ?%s)`
	// A live duplicate leaves the row alone (0 rows changed): a replay.
	// An expired one that pruning has not reached yet is taken over.
	sqlSignatureRecord = `INSERT INTO partner_signatures (key_id, sig, expires_at) VALUES (?, ?, ?)
	ON CONFLICT (key_id, sig) DO UPDATE SET expires_at = excluded.expires_at
	WHERE partner_signatures.expires_at <= ?`
)

// CreatePartnerKey implements prakerja.PartnerKeyStore. The audit record
// is appended first: it takes the audit lock, which also serialises
// concurrent creations, so two of them cannot both pass the active-key
// count.
func (s *Store) CreatePartnerKey(ctx context.Context, k *prakerja.PartnerKey, a *prakerja.AuditEntry) error {
	if err := k.Valid(); err != nil {
		return err
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	k.CreatedAt = utcMicro(k.CreatedAt)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.appendAuditTx(ctx, tx, a); err != nil {
			return err
		}
		var active int
		if err := tx.QueryRowContext(ctx, s.rb(sqlPartnerKeysActive), k.Kind, k.Partner).Scan(&active); err != nil {
			return fmt.Errorf("count partner keys: %w", err)
		}
		if active >= prakerja.PartnerKeysActiveMax {
			return prakerja.Errorf(prakerja.CodeConflict,
				"The partner already holds %d active keys; revoke the old one first.", active)
		}
		res, err := tx.ExecContext(ctx, s.rb(sqlPartnerKeyInsert), k.KeyID, k.Kind, k.Partner, k.SecretSealed,
			k.CreatedBy, k.CreatedAt.UnixMicro())
		if err != nil {
			return fmt.Errorf("insert partner key: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return prakerja.Errorf(prakerja.CodeConflict, "The key id is taken.")
		}
		return nil
	})
}

// scanPartnerKey reads one row of sqlPartnerKeyCols.
func scanPartnerKey(row scanner) (*prakerja.PartnerKey, error) {
	var k prakerja.PartnerKey
	var created int64
	var revoked sql.NullInt64
	if err := row.Scan(&k.KeyID, &k.Kind, &k.Partner, &k.SecretSealed, &k.CreatedBy, &created, &revoked); err != nil {
		return nil, err
	}
	k.CreatedAt, k.RevokedAt = timeOf(created), fromMicros(revoked)
	return &k, nil
}

// PartnerKey implements prakerja.PartnerKeyStore.
func (s *Store) PartnerKey(ctx context.Context, keyID string) (*prakerja.PartnerKey, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	k, err := scanPartnerKey(s.readRow(ctx, s.rb(sqlPartnerKeyByID), keyID)) // every signed request: prepared
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No such partner key.")
	}
	if err != nil {
		return nil, fmt.Errorf("partner key: %w", err)
	}
	return k, nil
}

// PartnerKeys implements prakerja.PartnerKeyStore.
func (s *Store) PartnerKeys(ctx context.Context, f prakerja.PartnerKeyFilter) ([]*prakerja.PartnerKey, error) {
	if f.Limit <= 0 || f.Limit > prakerja.PartnerKeysPageMax {
		f.Limit = prakerja.PartnerKeysPageMax
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	out, err := readAll(ctx, s, s.rb(sqlPartnerKeyList), scanPartnerKey, string(f.Kind), string(f.Kind), f.Partner, f.Partner,
		f.WithRevoked, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("partner keys: %w", err)
	}
	return out, nil
}

// RevokePartnerKey implements prakerja.PartnerKeyStore.
func (s *Store) RevokePartnerKey(ctx context.Context, keyID string, now time.Time, a *prakerja.AuditEntry) (*prakerja.PartnerKey, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	now = utcMicro(now)
	var k *prakerja.PartnerKey
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		k, err = scanPartnerKey(tx.QueryRowContext(ctx, s.rb(sqlPartnerKeyByID+s.dialect.forUpdate), keyID))
		if errors.Is(err, sql.ErrNoRows) {
			return prakerja.Errorf(prakerja.CodeNotFound, "No such partner key.")
		}
		if err != nil {
			return fmt.Errorf("partner key: %w", err)
		}
		if !k.Active() {
			return prakerja.Errorf(prakerja.CodeConflict, "The key was revoked already.")
		}
		if _, err := tx.ExecContext(ctx, s.rb(sqlPartnerKeyRevoke), now.UnixMicro(), keyID); err != nil {
			return fmt.Errorf("revoke partner key: %w", err)
		}
		k.RevokedAt = now
		return s.appendAuditTx(ctx, tx, a)
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}

// RecordSignature implements prakerja.PartnerKeyStore.
func (s *Store) RecordSignature(ctx context.Context, keyID string, sig []byte, expires, now time.Time) error {
	if len(sig) != prakerja.PartnerSignatureLen {
		return prakerja.Errorf(prakerja.CodeInvalid, "A signature is %d bytes.", prakerja.PartnerSignatureLen)
	}
	if !s.dialect.numbered { // SQLite: share the ledger's group commit
		return s.RecordSignatureGrouped(ctx, keyID, sig, expires, now)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	// Concurrent requests skip each other's doomed rows (PostgreSQL)
	// instead of queueing or deadlocking on them.
	prune, insert := s.signatureQueries()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return recordSignatureWith(ctx, tx.ExecContext, prune, insert, keyID, sig, expires, now)
	})
}
