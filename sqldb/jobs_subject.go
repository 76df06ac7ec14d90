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
	sqlJobSubject = `SELECT p.registration_id, p.wave_id, w.scheme, p.revoked_at, r.nik_idx, r.phone_ct
	FROM participants p JOIN waves w ON w.id = p.wave_id JOIN registrations r ON r.id = p.registration_id
	WHERE p.registration_id = ?`
	// sqlRevokeParticipant is conditional, so of two runners revoking one
	// card exactly one changes it and queues the SMS; and it re-checks, in
	// the same statement, that no purchase stands on the training account
	// (a purchase no refund, void or post refers to; a void is none), so a
	// purchase that commits after the runner looked still keeps the card.
	// "registration_id > 0" and the codes let the engines use the partial
	// index (migrations 00007, 00021), which holds purchases and refunds.
	sqlRevokeParticipant = `UPDATE participants SET revoked_at = ?, revoked_reason = ?
	WHERE registration_id = ? AND revoked_at IS NULL AND NOT EXISTS (SELECT 1 FROM ledger_transfers p
		WHERE p.registration_id = ? AND p.registration_id > 0 AND (p.code < 2 OR p.code > 4)
		AND p.debit_account_id = ? AND p.code = ?
		AND p.flags & ? = 0 AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.ref_id = p.id))`
	sqlParticipantRevoked = `SELECT revoked_at FROM participants WHERE registration_id = ?`
	sqlBlacklistNIK       = `INSERT INTO nik_blacklist (nik_idx, registration_id, reason, created_at)
	VALUES (?, ?, ?, ?) ON CONFLICT (nik_idx) DO NOTHING`
	sqlWaveParticipantIDs = `SELECT registration_id FROM participants WHERE wave_id = ? AND registration_id > ?
	ORDER BY registration_id LIMIT ?`
)

// RevokeReasonMax bounds a stored revocation reason, in bytes.
const RevokeReasonMax = 64

// JobSubject returns what jobs need about a participant. Returns
// CodeNotFound for a registration without a card.
func (s *Store) JobSubject(ctx context.Context, registrationID int64) (*prakerja.JobSubject, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var js prakerja.JobSubject
	var revoked sql.NullInt64
	err := s.reader.QueryRowContext(ctx, s.dialect.rebind(sqlJobSubject), registrationID).Scan(&js.RegistrationID,
		&js.WaveID, &js.Scheme, &revoked, &js.NIKIndex, &js.Phone.Ciphertext)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "Registration %d has no card.", registrationID)
	}
	if err != nil {
		return nil, fmt.Errorf("job subject %d: %w", registrationID, err)
	}
	js.RevokedAt = fromMicros(revoked)
	return &js, nil
}

// RevokeParticipant marks the card revoked, blacklists the NIK and queues
// msg (nil = none) in one transaction. It reports false, writing nothing,
// when the card was revoked already. Returns CodeNotFound for a
// registration without a card, CodeConflict when a training purchase
// stands (bought and not refunded), and CodeInvalid for a bad reason or
// index.
func (s *Store) RevokeParticipant(ctx context.Context, r prakerja.Revocation, msg *prakerja.Message, now time.Time) (bool, error) {
	if r.Reason == "" || len(r.Reason) > RevokeReasonMax || len(r.NIKIndex) == 0 {
		return false, prakerja.Errorf(prakerja.CodeInvalid, "A revocation needs a reason (at most %d bytes) and a NIK index.", RevokeReasonMax)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var changed bool
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		training := prakerja.ParticipantAccountID(r.RegistrationID, prakerja.AccountTraining)
		n, err := execCount(ctx, tx, s.dialect.rebind(sqlRevokeParticipant), now.UnixMicro(), r.Reason, r.RegistrationID,
			r.RegistrationID, training, int64(prakerja.TransferPurchase), int64(prakerja.TransferVoidPending))
		if err != nil {
			return err
		}
		if n == 0 {
			return s.mustBeParticipant(ctx, tx, r.RegistrationID)
		}
		changed = true
		if _, err := tx.ExecContext(ctx, s.dialect.rebind(sqlBlacklistNIK), r.NIKIndex, r.RegistrationID,
			r.Reason, now.UnixMicro()); err != nil {
			return fmt.Errorf("blacklist: %w", err)
		}
		if err := s.auditTx(ctx, tx, now, prakerja.AuditActorOf(ctx), prakerja.AuditParticipantRevoked,
			auditSubject("registration", r.RegistrationID), map[string]any{"reason": r.Reason}); err != nil {
			return err
		}
		if msg == nil {
			return nil
		}
		m := *msg
		if m.NextAttemptAt.IsZero() {
			m.NextAttemptAt = now
		}
		_, err = insertMessage(ctx, txRower{tx, s.q.insertMessage}, &m, r.RegistrationID)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("revoke participant %d: %w", r.RegistrationID, err)
	}
	return changed, nil
}

// mustBeParticipant tells why nothing was revoked: revoked already (nil),
// no card (CodeNotFound) or a purchase stands (CodeConflict).
func (s *Store) mustBeParticipant(ctx context.Context, tx *sql.Tx, registrationID int64) error {
	var revoked sql.NullInt64
	err := tx.QueryRowContext(ctx, s.dialect.rebind(sqlParticipantRevoked), registrationID).Scan(&revoked)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return prakerja.Errorf(prakerja.CodeNotFound, "Registration %d has no card.", registrationID)
	case err != nil:
		return err
	case !revoked.Valid:
		return prakerja.Errorf(prakerja.CodeConflict, "A training purchase stands; the card of registration %d is kept.", registrationID)
	}
	return nil
}

// WaveParticipantIDs returns up to limit (1..prakerja.LedgerBatchMax)
// participant registration ids of a wave after after, in order, so a
// caller pages through a wave of any size in bounded steps.
func (s *Store) WaveParticipantIDs(ctx context.Context, waveID, after int64, limit int) ([]int64, error) {
	if limit < 1 || limit > prakerja.LedgerBatchMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "A page holds 1 to %d participants.", prakerja.LedgerBatchMax)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.dialect.rebind(sqlWaveParticipantIDs), waveID, after, limit)
	if err != nil {
		return nil, fmt.Errorf("wave participants: %w", err)
	}
	defer rows.Close()
	ids := make([]int64, 0, min(limit, 1024))
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("wave participants: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("wave participants: %w", err)
	}
	return ids, nil
}
