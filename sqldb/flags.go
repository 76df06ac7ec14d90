package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// flagColumns are read by scanFlag, in this order.
const flagColumns = `id, a_id, b_id, reason, score, status, created_at, reviewed_at, reviewer, note`

const (
	sqlFlag       = `SELECT ` + flagColumns + ` FROM duplicate_flags WHERE id = ?`
	sqlReviewFlag = `UPDATE duplicate_flags SET status = ?, reviewed_at = ?, reviewer = ?, note = ? WHERE id = ?`
)

// Flag filter bits: one prepared query per combination, as for messages.
const (
	filterFlagState = 1 << iota
	filterFlagRegistration
	flagFilterCombinations = 1 << iota
)

// flagsQuery builds the listing for one combination of filter bits.
func flagsQuery(bits int) string {
	var b strings.Builder
	b.WriteString("SELECT " + flagColumns + " FROM duplicate_flags WHERE 1 = 1")
	if bits&filterFlagState != 0 {
		b.WriteString(" AND status = ?")
	}
	if bits&filterFlagRegistration != 0 {
		b.WriteString(" AND (a_id = ? OR b_id = ?)")
	}
	b.WriteString(" ORDER BY score DESC, id LIMIT ? OFFSET ?")
	return b.String()
}

// DuplicateFlags lists flags, highest score first, then oldest. A Limit of
// 0 or over prakerja.FlagsPageMax means prakerja.FlagsPageMax. Returns
// CodeInvalid for a negative offset.
func (s *Store) DuplicateFlags(ctx context.Context, f prakerja.FlagFilter) ([]prakerja.DuplicateFlag, error) {
	if f.Offset < 0 {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "The offset cannot be negative.")
	}
	limit := f.Limit
	if limit <= 0 || limit > prakerja.FlagsPageMax {
		limit = prakerja.FlagsPageMax
	}
	bits, args := 0, make([]any, 0, 5)
	if f.Status != "" {
		bits, args = bits|filterFlagState, append(args, string(f.Status))
	}
	if f.RegistrationID != 0 {
		bits, args = bits|filterFlagRegistration, append(args, f.RegistrationID, f.RegistrationID)
	}
	args = append(args, limit, f.Offset)
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.q.flags[bits], args...)
	if err != nil {
		return nil, fmt.Errorf("duplicate flags: %w", err)
	}
	defer rows.Close()
	var out []prakerja.DuplicateFlag
	for rows.Next() {
		fl, err := scanFlag(rows)
		if err != nil {
			return nil, fmt.Errorf("duplicate flags: %w", err)
		}
		out = append(out, *fl)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("duplicate flags: %w", err)
	}
	return out, nil
}

// ReviewFlag confirms or clears an open flag; confirming makes B
// ineligible in the same transaction. Returns CodeInvalid, CodeNotFound,
// or CodeConflict when the flag is no longer open.
func (s *Store) ReviewFlag(ctx context.Context, id int64, to prakerja.FlagStatus, reviewer, note string, now time.Time) (*prakerja.DuplicateFlag, error) {
	var fe fieldErrors
	if to != prakerja.FlagConfirmed && to != prakerja.FlagCleared {
		fe.add("status", prakerja.CodeBadValue, "A flag is confirmed or cleared.")
	}
	validateReview(&fe, reviewer, note)
	if err := fe.err("The review is not valid."); err != nil {
		return nil, err
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var fl *prakerja.DuplicateFlag
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if fl, err = s.openFlag(ctx, tx, id); err != nil {
			return err
		}
		fl.Status, fl.ReviewedAt, fl.Reviewer, fl.Note = to, utcMicro(now), reviewer, note
		if _, err := tx.ExecContext(ctx, s.q.reviewFlag, string(to), now.UnixMicro(), reviewer, note, id); err != nil {
			return fmt.Errorf("review flag: %w", err)
		}
		if err := s.auditTx(ctx, tx, now, auditActorOr(ctx, reviewer), prakerja.AuditFlagReviewed, auditSubject("flag", id),
			map[string]any{"decision": string(to), "a": fl.A, "b": fl.B, "reason": fl.Reason}); err != nil {
			return err
		}
		if to != prakerja.FlagConfirmed {
			return nil
		}
		return s.makeIneligible(ctx, tx, fl.B, prakerja.ReasonDuplicateConfirmed, now)
	})
	if err != nil {
		return nil, fmt.Errorf("review flag %d: %w", id, err)
	}
	return fl, nil
}

// openFlag reads and, on PostgreSQL, locks a flag that must be open.
func (s *Store) openFlag(ctx context.Context, tx *sql.Tx, id int64) (*prakerja.DuplicateFlag, error) {
	fl, err := scanFlag(tx.QueryRowContext(ctx, s.q.flagForReview, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "Flag %d not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read flag: %w", err)
	}
	if fl.Status != prakerja.FlagOpen {
		return nil, prakerja.Errorf(prakerja.CodeConflict, "Flag %d is already %s.", id, fl.Status)
	}
	return fl, nil
}

// scanFlag reads flagColumns.
func scanFlag(row scanner) (*prakerja.DuplicateFlag, error) {
	var f prakerja.DuplicateFlag
	var status string
	var created int64
	var reviewed sql.NullInt64
	err := row.Scan(&f.ID, &f.A, &f.B, &f.Reason, &f.Score, &status, &created, &reviewed, &f.Reviewer, &f.Note)
	if err != nil {
		return nil, err
	}
	f.Status, f.CreatedAt, f.ReviewedAt = prakerja.FlagStatus(status), timeOf(created), fromMicros(reviewed)
	return &f, nil
}
