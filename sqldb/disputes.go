package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
)

// disputeColumns are read by scanDispute, in this order.
const disputeColumns = `id, nik_ct, nik_idx, phone_ct, phone_idx, registration_id, full_name,
	statement, status, reviewer, note, created_at, resolved_at`

const (
	sqlInsertDispute = `INSERT INTO disputes (nik_ct, nik_idx, phone_ct, phone_idx, registration_id,
	full_name, statement, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlDispute       = `SELECT ` + disputeColumns + ` FROM disputes WHERE id = ?`
	sqlResolve       = `UPDATE disputes SET status = ?, reviewer = ?, note = ?, resolved_at = ?, registration_id = ? WHERE id = ?`
	sqlHolderByNIK   = `SELECT id FROM registrations WHERE nik_idx = ?`
	sqlDisputes      = `SELECT ` + disputeColumns + ` FROM disputes WHERE id > ? ORDER BY id LIMIT ?`
	sqlDisputesState = `SELECT ` + disputeColumns + ` FROM disputes WHERE id > ? AND status = ? ORDER BY id LIMIT ?`
)

// CreateDispute stores an open dispute filed at now and fills ID, Status
// and CreatedAt. Returns CodeInvalid.
func (s *Store) CreateDispute(ctx context.Context, d *prakerja.Dispute, now time.Time) error {
	if err := validateDispute(d); err != nil {
		return fmt.Errorf("create dispute: %w", err)
	}
	created := now
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var id int64
	err := s.writer.QueryRowContext(ctx, s.q.insertDispute, d.NIK.Ciphertext, d.NIK.Index,
		d.Phone.Ciphertext, d.Phone.Index, nullID(d.RegistrationID), d.FullName, d.Statement,
		string(prakerja.DisputeOpen), created.UnixMicro()).Scan(&id)
	if err != nil {
		return fmt.Errorf("create dispute: %w", err)
	}
	d.ID, d.Status, d.CreatedAt = id, prakerja.DisputeOpen, utcMicro(created)
	return nil
}

// validateDispute checks the claimant's input; messages never quote it.
func validateDispute(d *prakerja.Dispute) error {
	if d == nil {
		return prakerja.Errorf(prakerja.CodeInvalid, "No dispute given.")
	}
	var fe fieldErrors
	for _, v := range []struct {
		field string
		value prakerja.Sealed
	}{{"nik", d.NIK}, {"phone", d.Phone}} {
		if len(v.value.Ciphertext) == 0 || len(v.value.Index) == 0 ||
			len(v.value.Ciphertext) > SealedMax || len(v.value.Index) > SealedMax {
			fe.add(v.field, prakerja.CodeRequired, "The %s is missing or not sealed.", v.field)
		}
	}
	if n := utf8.RuneCountInString(d.FullName); n == 0 || n > prakerja.FullNameMax {
		fe.add("full_name", prakerja.CodeBadFormat, "The name has 1 to %d characters.", prakerja.FullNameMax)
	}
	if d.Statement == "" || len(d.Statement) > prakerja.StatementMax {
		fe.add("statement", prakerja.CodeBadFormat, "The statement has 1 to %d bytes.", prakerja.StatementMax)
	}
	if d.RegistrationID < 0 {
		fe.add("registration_id", prakerja.CodeBadValue, "A registration ID is not negative.")
	}
	return fe.err("The dispute is not valid.")
}

// Disputes lists disputes after f.AfterID, oldest first. A Limit of 0 or
// over prakerja.FlagsPageMax means prakerja.FlagsPageMax.
func (s *Store) Disputes(ctx context.Context, f prakerja.DisputeFilter) ([]prakerja.Dispute, error) {
	limit := f.Limit
	if limit <= 0 || limit > prakerja.FlagsPageMax {
		limit = prakerja.FlagsPageMax
	}
	query, args := s.q.disputes, []any{f.AfterID, limit}
	if f.Status != "" {
		query, args = s.q.disputesByStatus, []any{f.AfterID, string(f.Status), limit}
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("disputes: %w", err)
	}
	defer rows.Close()
	var out []prakerja.Dispute
	for rows.Next() {
		d, err := scanDispute(rows)
		if err != nil {
			return nil, fmt.Errorf("disputes: %w", err)
		}
		out = append(out, *d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("disputes: %w", err)
	}
	return out, nil
}

// ResolveDispute upholds or rejects an open dispute. Upholding makes the
// registration now holding the NIK (found by its index, so the dispute
// records who actually lost it) ineligible in the same transaction.
// Returns CodeInvalid, CodeNotFound or CodeConflict.
func (s *Store) ResolveDispute(ctx context.Context, id int64, to prakerja.DisputeStatus, reviewer, note string, now time.Time) (*prakerja.Dispute, error) {
	var fe fieldErrors
	if to != prakerja.DisputeUpheld && to != prakerja.DisputeRejected {
		fe.add("status", prakerja.CodeBadValue, "A dispute is upheld or rejected.")
	}
	validateReview(&fe, reviewer, note)
	if err := fe.err("The resolution is not valid."); err != nil {
		return nil, err
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var d *prakerja.Dispute
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if d, err = s.openDispute(ctx, tx, id); err != nil {
			return err
		}
		if to == prakerja.DisputeUpheld {
			if err := s.upholdDispute(ctx, tx, d, now); err != nil {
				return err
			}
		}
		d.Status, d.Reviewer, d.Note, d.ResolvedAt = to, reviewer, note, utcMicro(now)
		_, err = tx.ExecContext(ctx, s.q.resolveDispute, string(to), reviewer, note, now.UnixMicro(), nullID(d.RegistrationID), id)
		if err != nil {
			return fmt.Errorf("resolve dispute: %w", err)
		}
		return s.auditTx(ctx, tx, now, auditActorOr(ctx, reviewer), prakerja.AuditDisputeResolved, auditSubject("dispute", id),
			map[string]any{"decision": string(to), "registration": d.RegistrationID})
	})
	if err != nil {
		return nil, fmt.Errorf("resolve dispute %d: %w", id, err)
	}
	return d, nil
}

// upholdDispute makes the current holder of d's NIK ineligible, if any.
func (s *Store) upholdDispute(ctx context.Context, tx *sql.Tx, d *prakerja.Dispute, now time.Time) error {
	var holder int64
	err := tx.QueryRowContext(ctx, s.q.holderByNIK, d.NIK.Index).Scan(&holder)
	if errors.Is(err, sql.ErrNoRows) {
		d.RegistrationID = 0
		return nil
	}
	if err != nil {
		return fmt.Errorf("find registration holding the NIK: %w", err)
	}
	d.RegistrationID = holder
	return s.makeIneligible(ctx, tx, holder, prakerja.ReasonNIKDisputeUpheld, now)
}

// openDispute reads and, on PostgreSQL, locks a dispute that must be open.
func (s *Store) openDispute(ctx context.Context, tx *sql.Tx, id int64) (*prakerja.Dispute, error) {
	d, err := scanDispute(tx.QueryRowContext(ctx, s.q.disputeForResolve, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "Dispute %d not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read dispute: %w", err)
	}
	if d.Status != prakerja.DisputeOpen {
		return nil, prakerja.Errorf(prakerja.CodeConflict, "Dispute %d is already %s.", id, d.Status)
	}
	return d, nil
}

// scanDispute reads disputeColumns.
func scanDispute(row scanner) (*prakerja.Dispute, error) {
	var d prakerja.Dispute
	var status string
	var registrationID, resolved sql.NullInt64
	var created int64
	err := row.Scan(&d.ID, &d.NIK.Ciphertext, &d.NIK.Index, &d.Phone.Ciphertext, &d.Phone.Index,
		&registrationID, &d.FullName, &d.Statement, &status, &d.Reviewer, &d.Note, &created, &resolved)
	if err != nil {
		return nil, err
	}
	d.RegistrationID, d.Status = registrationID.Int64, prakerja.DisputeStatus(status)
	d.CreatedAt, d.ResolvedAt = timeOf(created), fromMicros(resolved)
	return &d, nil
}
