package sqldb

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

const (
	// The lookups lock the challenge row on PostgreSQL (the dialect adds
	// FOR UPDATE), so two concurrent consumers cannot both see it unused.
	sqlChallengeForConsume = `SELECT ` + challengeColumns + ` FROM challenges WHERE id = ?`
	sqlLinkForConsume      = `SELECT ` + challengeColumns + ` FROM challenges
	WHERE purpose = ? AND code_hash = ? ORDER BY id DESC LIMIT 1`
	sqlCountAttempt = `UPDATE challenges SET attempts = attempts + 1 WHERE id = ?`
	sqlUseChallenge = `UPDATE challenges SET used_at = ? WHERE id = ? AND used_at IS NULL`
	// The effects keep the first verification time; the status moves in a
	// separate statement that only moves it forward, so replaying a link
	// never moves a registrant back, and its row count tells whether the
	// status changed (and so counts towards throughput).
	sqlConfirmEmail = `UPDATE registrations SET email_verified_at = COALESCE(email_verified_at, ?),
	updated_at = ? WHERE id = ?`
	sqlVerifyPhone = `UPDATE registrations SET phone_verified_at = COALESCE(phone_verified_at, ?),
	updated_at = ? WHERE id = ?`
	sqlAdvanceStatus = `UPDATE registrations SET status = ?, status_changed_at = ?
	WHERE id = ? AND status IN (?, ?)`
)

// ConsumeChallenge checks codeHash against challenge id in one transaction.
// The checks run in a fixed order: used, expired (now at or after
// ExpiresAt), out of attempts, then the code itself. A wrong code counts an
// attempt, and that count is committed; the right one marks the challenge
// used and applies its effect. Returns CodeNotFound, CodeOTPUsed,
// CodeOTPExpired, CodeOTPExhausted or CodeOTPInvalid.
func (s *Store) ConsumeChallenge(ctx context.Context, id int64, codeHash []byte, now time.Time) (*prakerja.Challenge, error) {
	lookup := func(ctx context.Context, tx *sql.Tx) *sql.Row {
		return tx.QueryRowContext(ctx, s.q.challengeForConsume, id)
	}
	c, err := s.consume(ctx, lookup, codeHash, now)
	if err != nil {
		return nil, fmt.Errorf("consume challenge %d: %w", id, err)
	}
	return c, nil
}

// ConsumeLink is ConsumeChallenge for link secrets, found by purpose and
// hash instead of an id (so a wrong secret is CodeNotFound). Returns
// CodeNotFound, CodeOTPUsed, CodeOTPExpired or CodeOTPExhausted.
func (s *Store) ConsumeLink(ctx context.Context, purpose prakerja.ChallengePurpose, codeHash []byte, now time.Time) (*prakerja.Challenge, error) {
	if len(codeHash) == 0 {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "This link is not valid.")
	}
	lookup := func(ctx context.Context, tx *sql.Tx) *sql.Row {
		return tx.QueryRowContext(ctx, s.q.linkForConsume, string(purpose), codeHash)
	}
	c, err := s.consume(ctx, lookup, codeHash, now)
	if err != nil {
		return nil, fmt.Errorf("consume %s link: %w", purpose, err)
	}
	return c, nil
}

// consume is the transaction both Consume methods share. A wrong code is
// answered with CodeOTPInvalid only after the attempt it counts is
// committed, so a caller cannot try again faster than the count grows.
func (s *Store) consume(ctx context.Context, lookup func(context.Context, *sql.Tx) *sql.Row, codeHash []byte, now time.Time) (*prakerja.Challenge, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var c *prakerja.Challenge
	var wrong bool
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = scanChallenge(lookup(ctx, tx)); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return prakerja.Errorf(prakerja.CodeNotFound, "This code or link is not valid.")
			}
			return fmt.Errorf("read challenge: %w", err)
		}
		if err := usable(c, now); err != nil {
			return err
		}
		if subtle.ConstantTimeCompare(c.CodeHash, codeHash) != 1 {
			wrong = true
			c.Attempts++
			if _, err := tx.ExecContext(ctx, s.q.countAttempt, c.ID); err != nil {
				return fmt.Errorf("count attempt: %w", err)
			}
			return nil
		}
		c.UsedAt = utcMicro(now)
		return s.use(ctx, tx, c)
	})
	switch {
	case err != nil:
		return nil, err
	case wrong:
		return nil, prakerja.Errorf(prakerja.CodeOTPInvalid, "The code is wrong; %d of %d tries left.",
			max(c.MaxAttempts-c.Attempts, 0), c.MaxAttempts)
	}
	return c, nil
}

// usable applies the checks that come before comparing the code.
func usable(c *prakerja.Challenge, now time.Time) error {
	switch {
	case !c.UsedAt.IsZero():
		return prakerja.Errorf(prakerja.CodeOTPUsed, "This code or link has already been used.")
	case !now.Before(c.ExpiresAt):
		return prakerja.Errorf(prakerja.CodeOTPExpired, "This code or link has expired.")
	case c.Attempts >= c.MaxAttempts:
		return prakerja.Errorf(prakerja.CodeOTPExhausted, "Too many wrong codes; ask for a new one.")
	}
	return nil
}

// use marks c used and applies its purpose's effect on the registration:
// e-mail confirmation moves registered → email_verified, phone verification
// moves registered or email_verified → phone_verified, and sign-in changes
// nothing.
func (s *Store) use(ctx context.Context, tx *sql.Tx, c *prakerja.Challenge) error {
	at := c.UsedAt.UnixMicro()
	if _, err := tx.ExecContext(ctx, s.q.useChallenge, at, c.ID); err != nil {
		return fmt.Errorf("mark challenge used: %w", err)
	}
	var verify string
	var to prakerja.RegistrationStatus
	from := []prakerja.RegistrationStatus{prakerja.StatusRegistered, prakerja.StatusRegistered}
	switch c.Purpose {
	case prakerja.PurposeEmailConfirm:
		verify, to = s.q.confirmEmail, prakerja.StatusEmailVerified
	case prakerja.PurposePhoneVerify:
		verify, to = s.q.verifyPhone, prakerja.StatusPhoneVerified
		from[1] = prakerja.StatusEmailVerified
	default:
		return nil
	}
	if _, err := tx.ExecContext(ctx, verify, at, at, c.RegistrationID); err != nil {
		return fmt.Errorf("apply %s: %w", c.Purpose, err)
	}
	return s.advance(ctx, tx, c.RegistrationID, from, to, c.UsedAt)
}

// advance moves a registration from one of two statuses to another and,
// when it moved, counts the entry for throughput.
func (s *Store) advance(ctx context.Context, tx *sql.Tx, id int64, from []prakerja.RegistrationStatus, to prakerja.RegistrationStatus, now time.Time) error {
	res, err := tx.ExecContext(ctx, s.q.advanceStatus, string(to), now.UnixMicro(), id, string(from[0]), string(from[1]))
	if err != nil {
		return fmt.Errorf("move to %s: %w", to, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("move to %s: %w", to, err)
	}
	e := entered{}
	e.add(now, string(to), n)
	return e.write(ctx, tx, s.q)
}
