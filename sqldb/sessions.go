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
	sqlInsertSession = `INSERT INTO sessions (token_hash, registration_id, created_at, expires_at, revoked_at)
	VALUES (?, ?, ?, ?, ?) RETURNING id`
	sqlSessionByTokenHash = `SELECT id, token_hash, registration_id, created_at, expires_at, revoked_at
	FROM sessions WHERE token_hash = ?`
	sqlRevokeSession = `UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL`
)

// errNoSession is the one answer for an unknown, expired or revoked
// session, so a caller cannot tell which.
func errNoSession() error {
	return prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in.")
}

// CreateSession stores a new session and fills in its ID.
func (s *Store) CreateSession(ctx context.Context, sess *prakerja.Session) error {
	if len(sess.TokenHash) == 0 || len(sess.TokenHash) > SealedMax {
		return fmt.Errorf("create session: token hash of %d bytes, want 1 to %d", len(sess.TokenHash), SealedMax)
	}
	if sess.CreatedAt.IsZero() || sess.ExpiresAt.IsZero() {
		return errors.New("create session: no created or expiry time")
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var id int64
	err := s.writer.QueryRowContext(ctx, s.q.insertSession, sess.TokenHash, sess.RegistrationID,
		sess.CreatedAt.UnixMicro(), sess.ExpiresAt.UnixMicro(), micros(sess.RevokedAt)).Scan(&id)
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	sess.ID = id
	return nil
}

// SessionByTokenHash returns a live session: known, not revoked, and now
// before its ExpiresAt. Returns CodeUnauthorized otherwise.
func (s *Store) SessionByTokenHash(ctx context.Context, hash []byte, now time.Time) (*prakerja.Session, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var sess prakerja.Session
	var created, expires int64
	var revoked sql.NullInt64
	err := s.reader.QueryRowContext(ctx, s.q.sessionByTokenHash, hash).Scan(&sess.ID,
		&sess.TokenHash, &sess.RegistrationID, &created, &expires, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoSession()
	}
	if err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	sess.CreatedAt, sess.ExpiresAt, sess.RevokedAt = timeOf(created), timeOf(expires), fromMicros(revoked)
	if revoked.Valid || !now.Before(sess.ExpiresAt) {
		return nil, errNoSession()
	}
	return &sess, nil
}

// RevokeSession ends a session. Revoking twice, or an unknown token, is
// not an error: logout only has to leave no live session behind, and the
// first revocation time is kept.
func (s *Store) RevokeSession(ctx context.Context, hash []byte, now time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if _, err := s.writer.ExecContext(ctx, s.q.revokeSession, now.UnixMicro(), hash); err != nil {
		return fmt.Errorf("revoke session: %w", err)
	}
	return nil
}
