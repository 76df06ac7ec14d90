package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// complaintDueNever is due_at of a paused or closed ticket: far after any real
// deadline, so the queue's one index sorts those last without a NULL.
const complaintDueNever int64 = 1 << 62

const (
	complaintColumns = `id, registration_id, category, state, subject, body, locale, assigned_to, created_at,
	updated_at, first_response_at, resolved_at, paused_since, paused_us, due_at, version`
	sqlComplaintInsert = `INSERT INTO complaints (registration_id, category, state, subject, body, locale,
	assigned_to, created_at, updated_at, due_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id`
	sqlComplaintRegLock   = `SELECT id FROM registrations WHERE id = ?`
	sqlComplaintOpenCount = `SELECT count(*) FROM complaints WHERE registration_id = ?
	AND state NOT IN ('resolved', 'rejected')`
	sqlComplaint    = `SELECT ` + complaintColumns + ` FROM complaints WHERE id = ?`
	sqlComplaintsOf = `SELECT ` + complaintColumns + ` FROM complaints WHERE registration_id = ? AND id < ?
	ORDER BY id DESC LIMIT ?`
	sqlComplaintUpdate = `UPDATE complaints SET state = ?, assigned_to = ?, updated_at = ?, first_response_at = ?,
	resolved_at = ?, paused_since = ?, paused_us = ?, due_at = ?, version = version + 1
	WHERE id = ? AND version = ?`
	sqlComplaintVersion    = `SELECT version FROM complaints WHERE id = ?`
	sqlComplaintNoteCount  = `SELECT count(*) FROM complaint_notes WHERE complaint_id = ?`
	sqlComplaintInsertNote = `INSERT INTO complaint_notes (complaint_id, staff, text, internal, state, created_at)
	VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
	complaintNoteColumns    = `id, complaint_id, staff, text, internal, state, created_at`
	sqlComplaintNotesAll    = `SELECT ` + complaintNoteColumns + ` FROM complaint_notes WHERE complaint_id = ? ORDER BY id LIMIT ?`
	sqlComplaintNotesPublic = `SELECT ` + complaintNoteColumns + ` FROM complaint_notes WHERE complaint_id = ? AND internal = ? ORDER BY id LIMIT ?`
	sqlComplaintQueueOpen   = `state NOT IN ('resolved', 'rejected')`
	sqlComplaintQueueOrder  = ` ORDER BY due_at, id LIMIT ?`
	sqlComplaintQueueSelect = `SELECT ` + complaintColumns + ` FROM complaints WHERE `
)

// CreateComplaint implements prakerja.ComplaintStore. The registration's
// row is locked (on PostgreSQL; SQLite has one writer) while its open
// tickets are counted, so concurrent openings cannot pass the limit.
func (s *Store) CreateComplaint(ctx context.Context, c *prakerja.Complaint) error {
	if err := c.Validate(); err != nil {
		return fmt.Errorf("create complaint: %w", err)
	}
	c.State = prakerja.ComplaintOpen
	ctx, cancel := s.bound(ctx)
	defer cancel()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var id, open int64
		err := tx.QueryRowContext(ctx, s.rb(sqlComplaintRegLock+s.dialect.forUpdate), c.RegistrationID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return prakerja.Errorf(prakerja.CodeNotFound, "Registration %d not found.", c.RegistrationID)
		}
		if err != nil {
			return fmt.Errorf("lock registration: %w", err)
		}
		if err := tx.QueryRowContext(ctx, s.rb(sqlComplaintOpenCount), c.RegistrationID).Scan(&open); err != nil {
			return fmt.Errorf("count open complaints: %w", err)
		}
		if open >= prakerja.ComplaintOpenMax {
			return prakerja.Errorf(prakerja.CodeComplaintLimit,
				"At most %d complaints can be open at once; wait for one to be answered.", prakerja.ComplaintOpenMax)
		}
		return tx.QueryRowContext(ctx, s.rb(sqlComplaintInsert), c.RegistrationID, string(c.Category), string(c.State),
			c.Subject, c.Body, c.Locale, c.AssignedTo, c.CreatedAt.UnixMicro(), c.CreatedAt.UnixMicro(),
			complaintDueMicros(c.DueAt)).Scan(&c.ID)
	})
	if err != nil {
		return fmt.Errorf("create complaint: %w", err)
	}
	c.CreatedAt, c.UpdatedAt, c.DueAt = utcMicro(c.CreatedAt), utcMicro(c.CreatedAt), utcMicro(c.DueAt)
	c.Reference, c.Version = prakerja.ComplaintReference(c.ID, c.CreatedAt), 1
	return nil
}

// Complaint implements prakerja.ComplaintStore.
func (s *Store) Complaint(ctx context.Context, id int64) (*prakerja.Complaint, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	c, err := scanComplaint(s.readRow(ctx, s.rb(sqlComplaint), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "Complaint %d not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("complaint %d: %w", id, err)
	}
	return c, nil
}

// ComplaintsOf implements prakerja.ComplaintStore.
func (s *Store) ComplaintsOf(ctx context.Context, registrationID, beforeID int64, limit int) ([]*prakerja.Complaint, error) {
	if beforeID <= 0 {
		beforeID = 1<<63 - 1
	}
	return s.complaintRows(ctx, s.rb(sqlComplaintsOf), registrationID, beforeID, complaintPageLimit(limit))
}

// ComplaintQueue implements prakerja.ComplaintStore. The page continues
// after f.After by the (due_at, id) pair, which is unique.
func (s *Store) ComplaintQueue(ctx context.Context, f prakerja.ComplaintQueueFilter) ([]*prakerja.Complaint, error) {
	where, args := sqlComplaintQueueOpen, []any{}
	if f.State != "" {
		where, args = `state = ?`, append(args, string(f.State))
	}
	if f.Category != "" {
		where, args = where+` AND category = ?`, append(args, string(f.Category))
	}
	if f.After != nil {
		due := complaintDueMicros(f.After.DueAt)
		where, args = where+` AND (due_at > ? OR (due_at = ? AND id > ?))`, append(args, due, due, f.After.ID)
	}
	args = append(args, complaintPageLimit(f.Limit))
	return s.complaintRows(ctx, s.rb(sqlComplaintQueueSelect+where+sqlComplaintQueueOrder), args...)
}

// complaintPageLimit caps a listing at prakerja.ComplaintPageMax.
func complaintPageLimit(limit int) int {
	if limit <= 0 || limit > prakerja.ComplaintPageMax {
		return prakerja.ComplaintPageMax
	}
	return limit
}

func (s *Store) complaintRows(ctx context.Context, query string, args ...any) ([]*prakerja.Complaint, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	out, err := readAll(ctx, s, query, scanComplaint, args...)
	if err != nil {
		return nil, fmt.Errorf("complaints: %w", err)
	}
	return out, nil
}

// ComplaintNotes implements prakerja.ComplaintStore.
func (s *Store) ComplaintNotes(ctx context.Context, complaintID int64, internal bool) ([]*prakerja.ComplaintNote, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	query, args := s.rb(sqlComplaintNotesPublic), []any{complaintID, false, prakerja.ComplaintNotesMax}
	if internal {
		query, args = s.rb(sqlComplaintNotesAll), []any{complaintID, prakerja.ComplaintNotesMax}
	}
	rows, err := s.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("complaint notes: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.ComplaintNote
	for rows.Next() {
		var n prakerja.ComplaintNote
		var state string
		var created int64
		if err := rows.Scan(&n.ID, &n.ComplaintID, &n.Staff, &n.Text, &n.Internal, &state, &created); err != nil {
			return nil, fmt.Errorf("scan complaint note: %w", err)
		}
		n.State, n.CreatedAt = prakerja.ComplaintState(state), timeOf(created)
		out = append(out, &n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("complaint notes: %w", err)
	}
	return out, nil
}

// scanComplaint reads complaintColumns.
func scanComplaint(row scanner) (*prakerja.Complaint, error) {
	var c prakerja.Complaint
	var category, state string
	var created, updated, paused, due int64
	var first, resolved, pausedSince sql.NullInt64
	err := row.Scan(&c.ID, &c.RegistrationID, &category, &state, &c.Subject, &c.Body, &c.Locale, &c.AssignedTo,
		&created, &updated, &first, &resolved, &pausedSince, &paused, &due, &c.Version)
	if err != nil {
		return nil, err
	}
	c.Category, c.State = prakerja.ComplaintCategory(category), prakerja.ComplaintState(state)
	c.CreatedAt, c.UpdatedAt = timeOf(created), timeOf(updated)
	c.FirstResponseAt, c.ResolvedAt, c.PausedSince = fromMicros(first), fromMicros(resolved), fromMicros(pausedSince)
	c.Paused = time.Duration(paused) * time.Microsecond
	if due != complaintDueNever {
		c.DueAt = timeOf(due)
	}
	c.Reference = prakerja.ComplaintReference(c.ID, c.CreatedAt)
	return &c, nil
}

// complaintDueMicros stores a deadline; zero (paused or closed) is complaintDueNever.
func complaintDueMicros(t time.Time) int64 {
	if t.IsZero() {
		return complaintDueNever
	}
	return t.UnixMicro()
}
