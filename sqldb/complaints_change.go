package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// ChangeComplaint implements prakerja.ComplaintStore: the compare-and-set
// on version, the note, the audit record and the registrant's notice
// commit together or not at all.
func (s *Store) ChangeComplaint(ctx context.Context, ch *prakerja.ComplaintChange) error {
	if err := validateComplaintChange(ch); err != nil {
		return fmt.Errorf("change complaint: %w", err)
	}
	c := ch.Complaint
	ctx, cancel := s.bound(ctx)
	defer cancel()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.rb(sqlComplaintUpdate), string(c.State), c.AssignedTo, c.UpdatedAt.UnixMicro(),
			micros(c.FirstResponseAt), micros(c.ResolvedAt), micros(c.PausedSince), int64(c.Paused/time.Microsecond),
			complaintDueMicros(c.DueAt), c.ID, c.Version)
		if err != nil {
			return fmt.Errorf("update complaint: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("update complaint: %w", err)
		} else if n == 0 {
			return s.complaintUnchanged(ctx, tx, c.ID)
		}
		if ch.Note != nil {
			if err := s.insertComplaintNote(ctx, tx, c.ID, ch.Note); err != nil {
				return err
			}
		}
		if ch.Audit != nil {
			if err := s.appendAuditTx(ctx, tx, ch.Audit); err != nil {
				return err
			}
		}
		if ch.Message != nil {
			m := *ch.Message
			if ch.Message.ID, err = insertMessage(ctx, txRower{tx, s.q.insertMessage}, &m, m.RegistrationID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("change complaint %d: %w", c.ID, err)
	}
	c.Version++
	c.UpdatedAt, c.FirstResponseAt, c.ResolvedAt = utcMicro(c.UpdatedAt), utcMicro(c.FirstResponseAt), utcMicro(c.ResolvedAt)
	c.PausedSince, c.DueAt, c.Paused = utcMicro(c.PausedSince), utcMicro(c.DueAt), c.Paused.Truncate(time.Microsecond)
	return nil
}

// validateComplaintChange checks what the store can: the ticket's fields and the
// note's; the state machine is the service's (prakerja.CheckComplaintMove).
func validateComplaintChange(ch *prakerja.ComplaintChange) error {
	if ch == nil || ch.Complaint == nil || ch.Complaint.ID <= 0 || ch.Complaint.Version <= 0 {
		return prakerja.Errorf(prakerja.CodeInvalid, "A change names a complaint and the version it read.")
	}
	c := ch.Complaint
	if !c.State.Valid() || len(c.AssignedTo) > prakerja.ComplaintStaffMax || c.Paused < 0 {
		return prakerja.Errorf(prakerja.CodeInvalid, "The complaint's new state or assignee is not valid.")
	}
	if ch.Note != nil {
		if err := ch.Note.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// complaintUnchanged tells a missing ticket from one changed since it was read.
func (s *Store) complaintUnchanged(ctx context.Context, tx *sql.Tx, id int64) error {
	var version int64
	err := tx.QueryRowContext(ctx, s.rb(sqlComplaintVersion), id).Scan(&version)
	if errors.Is(err, sql.ErrNoRows) {
		return prakerja.Errorf(prakerja.CodeNotFound, "Complaint %d not found.", id)
	}
	if err != nil {
		return fmt.Errorf("read complaint version: %w", err)
	}
	return prakerja.Errorf(prakerja.CodeComplaintChanged, "Complaint %d was changed by someone else; reload it.", id)
}

// insertComplaintNote adds n to ticket id within its limit. The ticket's row is
// already locked by the update, so the count cannot race.
func (s *Store) insertComplaintNote(ctx context.Context, tx *sql.Tx, id int64, n *prakerja.ComplaintNote) error {
	var count int64
	if err := tx.QueryRowContext(ctx, s.rb(sqlComplaintNoteCount), id).Scan(&count); err != nil {
		return fmt.Errorf("count complaint notes: %w", err)
	}
	if count >= prakerja.ComplaintNotesMax {
		return prakerja.Errorf(prakerja.CodeComplaintLimit,
			"A complaint holds at most %d notes; open a new one.", prakerja.ComplaintNotesMax)
	}
	err := tx.QueryRowContext(ctx, s.rb(sqlComplaintInsertNote), id, n.Staff, n.Text, n.Internal, string(n.State),
		n.CreatedAt.UnixMicro()).Scan(&n.ID)
	if err != nil {
		return fmt.Errorf("insert complaint note: %w", err)
	}
	n.ComplaintID, n.CreatedAt = id, utcMicro(n.CreatedAt)
	return nil
}
