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
	staffColumns = `id, username, display_name, role, partner_ref, password_hash, totp_secret, totp_confirmed,
	totp_last_step, failed_logins, locked_until, disabled, created_at, updated_at`
	sqlInsertStaff = `INSERT INTO staff (username, display_name, role, partner_ref, password_hash, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id`
	sqlStaffByID       = `SELECT ` + staffColumns + ` FROM staff WHERE id = ?`
	sqlStaffByUsername = `SELECT ` + staffColumns + ` FROM staff WHERE username = ?`
	sqlListStaff       = `SELECT ` + staffColumns + ` FROM staff ORDER BY username LIMIT ?`
	// sqlStaffFailure counts a failure and, on the one that reaches the
	// limit, locks and restarts the count, in one statement so concurrent
	// failures are each counted once.
	sqlStaffFailure = `UPDATE staff SET
	locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,
	failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END,
	updated_at = ? WHERE id = ? RETURNING ` + staffColumns
	sqlStaffResetFailures = `UPDATE staff SET failed_logins = 0, updated_at = ? WHERE id = ?`
	sqlStaffPassword      = `UPDATE staff SET password_hash = ?, updated_at = ? WHERE id = ?`
	sqlStaffTOTP          = `UPDATE staff SET totp_secret = ?, totp_confirmed = 0, totp_last_step = 0, updated_at = ?
	WHERE id = ?`
	sqlStaffAcceptStep = `UPDATE staff SET totp_last_step = ?, totp_confirmed = 1, updated_at = ?
	WHERE id = ? AND totp_last_step < ? AND totp_secret IS NOT NULL`
	sqlStaffExists   = `SELECT count(*) FROM staff WHERE id = ?`
	sqlStaffDisabled = `UPDATE staff SET disabled = ?, updated_at = ? WHERE id = ?`

	sqlInsertStaffSession = `INSERT INTO staff_sessions (token_hash, staff_id, verified, created_at, last_seen_at, expires_at)
	VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
	sqlPruneStaffSessions = `DELETE FROM staff_sessions WHERE expires_at <= ?`
	sqlTouchStaffSession  = `UPDATE staff_sessions SET last_seen_at = ?
	WHERE token_hash = ? AND expires_at > ? AND last_seen_at > ?
	RETURNING id, token_hash, staff_id, verified, created_at, last_seen_at, expires_at`
	sqlDeleteStaffSession  = `DELETE FROM staff_sessions WHERE token_hash = ?`
	sqlDeleteStaffSessions = `DELETE FROM staff_sessions WHERE staff_id = ?`
)

var _ prakerja.StaffStore = (*Store)(nil)

func errNoStaff(id int64) error {
	return prakerja.Errorf(prakerja.CodeNotFound, "No staff account %d.", id)
}

// CreateStaff implements prakerja.StaffStore.
func (s *Store) CreateStaff(ctx context.Context, st *prakerja.Staff) error {
	switch {
	case !prakerja.ValidUsername(st.Username) || !st.Role.Valid() || st.PasswordHash == "":
		return prakerja.Errorf(prakerja.CodeInvalid, "A staff account needs a valid username, role and password hash.")
	case len(st.DisplayName) > prakerja.StaffDisplayNameMax || len(st.PartnerRef) > prakerja.StaffPartnerRefMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "The display name or partner is too long.")
	case st.CreatedAt.IsZero():
		return errors.New("create staff: no creation time")
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	st.CreatedAt = utcMicro(st.CreatedAt)
	st.UpdatedAt = st.CreatedAt
	err := s.writer.QueryRowContext(ctx, s.rb(sqlInsertStaff), st.Username, st.DisplayName, string(st.Role),
		st.PartnerRef, st.PasswordHash, st.CreatedAt.UnixMicro(), st.UpdatedAt.UnixMicro()).Scan(&st.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return prakerja.Errorf(prakerja.CodeConflict, "The username %s is taken.", st.Username)
	}
	if err != nil {
		return fmt.Errorf("create staff: %w", err)
	}
	return nil
}

// scanStaff reads one row of staffColumns.
func scanStaff(row scanner) (*prakerja.Staff, error) {
	var st prakerja.Staff
	var role string
	var confirmed, disabled int
	var locked, created, updated int64
	err := row.Scan(&st.ID, &st.Username, &st.DisplayName, &role, &st.PartnerRef, &st.PasswordHash, &st.TOTPSecret,
		&confirmed, &st.TOTPLastStep, &st.FailedLogins, &locked, &disabled, &created, &updated)
	if err != nil {
		return nil, err
	}
	st.Role, st.TOTPConfirmed, st.Disabled = prakerja.Role(role), confirmed == 1, disabled == 1
	if locked != 0 {
		st.LockedUntil = timeOf(locked)
	}
	st.CreatedAt, st.UpdatedAt = timeOf(created), timeOf(updated)
	return &st, nil
}

// StaffByID implements prakerja.StaffStore.
func (s *Store) StaffByID(ctx context.Context, id int64) (*prakerja.Staff, error) {
	return s.staffBy(ctx, sqlStaffByID, id, errNoStaff(id))
}

// StaffByUsername implements prakerja.StaffStore.
func (s *Store) StaffByUsername(ctx context.Context, username string) (*prakerja.Staff, error) {
	return s.staffBy(ctx, sqlStaffByUsername, username, prakerja.Errorf(prakerja.CodeNotFound, "No such staff account."))
}

func (s *Store) staffBy(ctx context.Context, query string, arg any, notFound error) (*prakerja.Staff, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	st, err := scanStaff(s.reader.QueryRowContext(ctx, s.rb(query), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound
	}
	if err != nil {
		return nil, fmt.Errorf("staff: %w", err)
	}
	return st, nil
}

// ListStaff implements prakerja.StaffStore.
func (s *Store) ListStaff(ctx context.Context) ([]*prakerja.Staff, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	out, err := readAll(ctx, s, s.rb(sqlListStaff), scanStaff, prakerja.StaffListMax)
	if err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	return out, nil
}

// RecordStaffFailure implements prakerja.StaffStore.
func (s *Store) RecordStaffFailure(ctx context.Context, id int64, now time.Time, maxFailures int, lockFor time.Duration) (*prakerja.Staff, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	st, err := scanStaff(s.writer.QueryRowContext(ctx, s.rb(sqlStaffFailure), maxFailures,
		now.Add(lockFor).UnixMicro(), maxFailures, now.UnixMicro(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoStaff(id)
	}
	if err != nil {
		return nil, fmt.Errorf("record staff failure: %w", err)
	}
	return st, nil
}

// ResetStaffFailures implements prakerja.StaffStore.
func (s *Store) ResetStaffFailures(ctx context.Context, id int64, now time.Time) error {
	return s.staffUpdate(ctx, id, nil, sqlStaffResetFailures, now.UnixMicro(), id)
}

// SetStaffPassword implements prakerja.StaffStore.
func (s *Store) SetStaffPassword(ctx context.Context, id int64, hash string, now time.Time) error {
	if hash == "" {
		return errors.New("set staff password: empty hash")
	}
	return s.staffUpdate(ctx, id, endSessions, sqlStaffPassword, hash, now.UnixMicro(), id)
}

// SetStaffTOTP implements prakerja.StaffStore.
func (s *Store) SetStaffTOTP(ctx context.Context, id int64, sealed []byte, now time.Time) error {
	var after func(context.Context, *sql.Tx, *Store, int64) error
	if sealed == nil {
		after = endSessions
	}
	return s.staffUpdate(ctx, id, after, sqlStaffTOTP, sealed, now.UnixMicro(), id)
}

// SetStaffDisabled implements prakerja.StaffStore.
func (s *Store) SetStaffDisabled(ctx context.Context, id int64, disabled bool, now time.Time) error {
	var after func(context.Context, *sql.Tx, *Store, int64) error
	flag := 0
	if disabled {
		flag, after = 1, endSessions
	}
	return s.staffUpdate(ctx, id, after, sqlStaffDisabled, flag, now.UnixMicro(), id)
}

// endSessions deletes every session of staff id inside tx.
func endSessions(ctx context.Context, tx *sql.Tx, s *Store, id int64) error {
	if _, err := tx.ExecContext(ctx, s.rb(sqlDeleteStaffSessions), id); err != nil {
		return fmt.Errorf("end staff sessions: %w", err)
	}
	return nil
}

// staffUpdate runs one UPDATE of a staff row and, in the same
// transaction, after (ending sessions). No row is CodeNotFound.
func (s *Store) staffUpdate(ctx context.Context, id int64, after func(context.Context, *sql.Tx, *Store, int64) error,
	query string, args ...any) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.rb(query), args...)
		if err != nil {
			return fmt.Errorf("update staff: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("update staff: %w", err)
		} else if n == 0 {
			return errNoStaff(id)
		}
		if after != nil {
			return after(ctx, tx, s, id)
		}
		return nil
	})
}

// AcceptStaffTOTPStep implements prakerja.StaffStore. The step moves only
// forward, in one conditional UPDATE, so two requests racing with one code
// cannot both succeed.
func (s *Store) AcceptStaffTOTPStep(ctx context.Context, id int64, step int64, now time.Time) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	res, err := s.writer.ExecContext(ctx, s.rb(sqlStaffAcceptStep), step, now.UnixMicro(), id, step)
	if err != nil {
		return fmt.Errorf("accept totp step: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("accept totp step: %w", err)
	}
	if n == 1 {
		return nil
	}
	var exists int
	if err := s.reader.QueryRowContext(ctx, s.rb(sqlStaffExists), id).Scan(&exists); err != nil {
		return fmt.Errorf("accept totp step: %w", err)
	}
	if exists == 0 {
		return errNoStaff(id)
	}
	return prakerja.Errorf(prakerja.CodeOTPUsed, "This code was already used.")
}

// CreateStaffSession implements prakerja.StaffStore. It also deletes the
// sessions that expired, so the table holds only live ones.
func (s *Store) CreateStaffSession(ctx context.Context, ss *prakerja.StaffSession) error {
	if len(ss.TokenHash) != 32 || ss.StaffID <= 0 || ss.CreatedAt.IsZero() || !ss.ExpiresAt.After(ss.CreatedAt) {
		return errors.New("create staff session: need a 32-byte token hash, a staff id and a future expiry")
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	ss.CreatedAt, ss.ExpiresAt = utcMicro(ss.CreatedAt), utcMicro(ss.ExpiresAt)
	ss.LastSeenAt = ss.CreatedAt
	verified := 0
	if ss.Verified {
		verified = 1
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.rb(sqlPruneStaffSessions), ss.CreatedAt.UnixMicro()); err != nil {
			return fmt.Errorf("prune staff sessions: %w", err)
		}
		err := tx.QueryRowContext(ctx, s.rb(sqlInsertStaffSession), ss.TokenHash, ss.StaffID, verified,
			ss.CreatedAt.UnixMicro(), ss.LastSeenAt.UnixMicro(), ss.ExpiresAt.UnixMicro()).Scan(&ss.ID)
		if err != nil {
			return fmt.Errorf("create staff session: %w", err)
		}
		return nil
	})
}

// TouchStaffSession implements prakerja.StaffStore: the check and the
// touch are one UPDATE, so an idle session cannot be revived by a race.
func (s *Store) TouchStaffSession(ctx context.Context, hash []byte, now, idleSince time.Time) (*prakerja.StaffSession, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var ss prakerja.StaffSession
	var verified int
	var created, seen, expires int64
	err := s.writer.QueryRowContext(ctx, s.rb(sqlTouchStaffSession), now.UnixMicro(), hash, now.UnixMicro(),
		idleSince.UnixMicro()).Scan(&ss.ID, &ss.TokenHash, &ss.StaffID, &verified, &created, &seen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in.")
	}
	if err != nil {
		return nil, fmt.Errorf("touch staff session: %w", err)
	}
	ss.Verified = verified == 1
	ss.CreatedAt, ss.LastSeenAt, ss.ExpiresAt = timeOf(created), timeOf(seen), timeOf(expires)
	return &ss, nil
}

// DeleteStaffSession implements prakerja.StaffStore.
func (s *Store) DeleteStaffSession(ctx context.Context, hash []byte) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if _, err := s.writer.ExecContext(ctx, s.rb(sqlDeleteStaffSession), hash); err != nil {
		return fmt.Errorf("delete staff session: %w", err)
	}
	return nil
}
