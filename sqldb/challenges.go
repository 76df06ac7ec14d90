package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// challengeColumns are read by scanChallenge, in this order.
const challengeColumns = `id, registration_id, purpose, channel, code_hash, max_attempts,
	attempts, expires_at, used_at, created_at`

const (
	sqlInsertChallenge = `INSERT INTO challenges (registration_id, purpose, channel, code_hash,
	max_attempts, attempts, expires_at, used_at, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlLatestChallenge = `SELECT ` + challengeColumns + ` FROM challenges
	WHERE registration_id = ? AND purpose = ? ORDER BY created_at DESC, id DESC LIMIT 1`
	sqlCountChallengesSince = `SELECT count(*) FROM challenges
	WHERE registration_id = ? AND purpose = ? AND created_at >= ?`
)

// CreateChallenge stores a challenge and, when msg is non-nil, the message
// that delivers it, in one transaction, and fills in their IDs (a zero
// msg.NextAttemptAt becomes msg.CreatedAt, "due now").
func (s *Store) CreateChallenge(ctx context.Context, c *prakerja.Challenge, msg *prakerja.Message) error {
	if err := validateChallenge(c); err != nil {
		return fmt.Errorf("create challenge: %w", err)
	}
	if msg != nil {
		if err := validateMessage(msg); err != nil {
			return fmt.Errorf("create challenge: %w", err)
		}
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var challengeID, messageID int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		challengeID, err = insertChallenge(ctx, txRower{tx, s.q.insertChallenge}, c, c.RegistrationID)
		if err != nil || msg == nil {
			return err
		}
		m := *msg
		if m.NextAttemptAt.IsZero() {
			m.NextAttemptAt = m.CreatedAt
		}
		messageID, err = insertMessage(ctx, txRower{tx, s.q.insertMessage}, &m, m.RegistrationID)
		return err
	})
	if err != nil {
		return fmt.Errorf("create challenge: %w", err)
	}
	c.ID = challengeID
	if msg != nil {
		msg.ID = messageID
		if msg.NextAttemptAt.IsZero() {
			msg.NextAttemptAt = msg.CreatedAt
		}
	}
	return nil
}

// LatestChallenge returns the newest challenge of a purpose for a
// registration. Returns CodeNotFound.
func (s *Store) LatestChallenge(ctx context.Context, registrationID int64, purpose prakerja.ChallengePurpose) (*prakerja.Challenge, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	row := s.reader.QueryRowContext(ctx, s.q.latestChallenge, registrationID, string(purpose))
	c, err := scanChallenge(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No %s challenge for registration %d.", purpose, registrationID)
	}
	if err != nil {
		return nil, fmt.Errorf("latest challenge: %w", err)
	}
	return c, nil
}

// CountChallengesSince counts challenges of a purpose made for a
// registration at or after since.
func (s *Store) CountChallengesSince(ctx context.Context, registrationID int64, purpose prakerja.ChallengePurpose, since time.Time) (int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var n int64
	err := s.readRow(ctx, s.q.countChallengesSince, registrationID, string(purpose), since.UnixMicro()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count challenges: %w", err)
	}
	return n, nil
}

// queryRower is a transaction or a prepared statement's shape, so the same
// insert serves a single call and a group-commit batch.
type queryRower interface {
	QueryRowContext(ctx context.Context, args ...any) *sql.Row
}

// txRower adapts a transaction plus a query to queryRower.
type txRower struct {
	tx    *sql.Tx
	query string
}

func (t txRower) QueryRowContext(ctx context.Context, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.query, args...)
}

// insertChallenge inserts c for registrationID and returns its ID.
func insertChallenge(ctx context.Context, st queryRower, c *prakerja.Challenge, registrationID int64) (int64, error) {
	var id int64
	err := st.QueryRowContext(ctx, nullID(registrationID), string(c.Purpose), string(c.Channel),
		c.CodeHash, c.MaxAttempts, c.Attempts, c.ExpiresAt.UnixMicro(), micros(c.UsedAt),
		c.CreatedAt.UnixMicro()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert challenge: %w", err)
	}
	return id, nil
}

// scanChallenge reads challengeColumns.
func scanChallenge(row *sql.Row) (*prakerja.Challenge, error) {
	var c prakerja.Challenge
	var registrationID, used sql.NullInt64
	var purpose, channel string
	var expires, created int64
	err := row.Scan(&c.ID, &registrationID, &purpose, &channel, &c.CodeHash, &c.MaxAttempts,
		&c.Attempts, &expires, &used, &created)
	if err != nil {
		return nil, err
	}
	c.RegistrationID = registrationID.Int64
	c.Purpose = prakerja.ChallengePurpose(purpose)
	c.Channel = prakerja.Channel(channel)
	c.ExpiresAt = timeOf(expires)
	c.UsedAt = fromMicros(used)
	c.CreatedAt = timeOf(created)
	return &c, nil
}
