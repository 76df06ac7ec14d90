package complaint

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// ActionKind is what a support agent does to a ticket.
type ActionKind string

const (
	ActAssign ActionKind = "assign" // take the ticket
	ActNote   ActionKind = "note"   // a reply to the registrant, or an internal note
	ActMove   ActionKind = "move"   // change its state, with a note the registrant sees
)

// Action is one support agent's step on a ticket.
type Action struct {
	ID    int64
	Kind  ActionKind
	Staff string // the acting staff member's username
	// Version is the ticket's version the agent saw; 0 skips the check.
	// A stale page is refused with CodeComplaintChanged rather than
	// overwriting a colleague's work.
	Version  int64
	To       prakerja.ComplaintState // ActMove
	Text     string                  // required for ActNote and ActMove
	Internal bool                    // ActNote only: staff-only note
}

// Queue lists tickets for staff, the earliest deadline first (a breached
// one has the earliest), waiting tickets last.
func (s *Service) Queue(ctx context.Context, f prakerja.ComplaintQueueFilter) ([]Item, error) {
	list, err := s.store.ComplaintQueue(ctx, f)
	if err != nil {
		return nil, err
	}
	return s.items(list), nil
}

// Detail returns a ticket with every note, internal ones included.
// Returns CodeNotFound.
func (s *Service) Detail(ctx context.Context, id int64) (*Thread, error) {
	c, err := s.store.Complaint(ctx, id)
	if err != nil {
		return nil, err
	}
	notes, err := s.store.ComplaintNotes(ctx, id, true)
	if err != nil {
		return nil, err
	}
	return &Thread{Item: s.item(c, s.clock.Now()), Notes: notes}, nil
}

// Act applies a support agent's step, with its audit record and, when the
// registrant should hear of it, their notice, in one transaction. Returns
// CodeInvalid, CodeNotFound, CodeComplaintChanged, CodeComplaintTransition
// or CodeComplaintLimit.
func (s *Service) Act(ctx context.Context, a Action) (*Item, error) {
	a.Staff, a.Text = strings.TrimSpace(a.Staff), strings.TrimSpace(a.Text)
	if a.Staff == "" || len(a.Staff) > prakerja.ComplaintStaffMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "A staff action names its staff member.")
	}
	c, err := s.store.Complaint(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	if a.Version != 0 && a.Version != c.Version {
		return nil, prakerja.Errorf(prakerja.CodeComplaintChanged, "Complaint %d was changed by someone else; reload it.", a.ID)
	}
	now := s.clock.Now().UTC()
	from := c.State
	ch := &prakerja.ComplaintChange{Complaint: c}
	if err := s.apply(ch, a, now); err != nil {
		return nil, err
	}
	c.UpdatedAt = now
	c.DueAt = c.NextDue(s.SLA(c.Category))
	ch.Audit = auditOf(a, c, from, now)
	if ch.Note != nil && !ch.Note.Internal {
		if ch.Message, err = s.notice(ctx, c, now); err != nil {
			return nil, err
		}
	}
	if err := s.store.ChangeComplaint(ctx, ch); err != nil {
		return nil, err
	}
	it := s.item(c, now)
	return &it, nil
}

// apply changes ch.Complaint for a, and sets ch.Note.
func (s *Service) apply(ch *prakerja.ComplaintChange, a Action, now time.Time) error {
	c := ch.Complaint
	switch a.Kind {
	case ActAssign:
		if c.State.Closed() {
			return prakerja.Errorf(prakerja.CodeComplaintTransition, "A closed complaint is not assigned.")
		}
		c.AssignedTo = a.Staff
		return nil
	case ActNote:
		ch.Note = &prakerja.ComplaintNote{Staff: a.Staff, Text: a.Text, Internal: a.Internal, CreatedAt: now}
	case ActMove:
		if err := prakerja.CheckComplaintMove(c, a.To, prakerja.ActorStaff, now); err != nil {
			return err
		}
		ch.Note = &prakerja.ComplaintNote{Staff: a.Staff, Text: a.Text, State: a.To, CreatedAt: now}
		move(c, a.To, now)
		if c.AssignedTo == "" {
			c.AssignedTo = a.Staff
		}
	default:
		return prakerja.Errorf(prakerja.CodeInvalid, "Unknown complaint action %q.", a.Kind)
	}
	if err := ch.Note.Validate(); err != nil {
		return err
	}
	if !ch.Note.Internal && c.FirstResponseAt.IsZero() {
		c.FirstResponseAt = now
	}
	return nil
}

// move sets c's state and its service-level clock: waiting for the
// registrant and closed stop the clock, in progress restarts it.
func move(c *prakerja.Complaint, to prakerja.ComplaintState, now time.Time) {
	c.State = to
	switch {
	case to.Closed():
		c.ResolvedAt = now
		c.Pause(now)
	case to == prakerja.ComplaintWaiting:
		c.Pause(now)
	default:
		c.Resume(now)
	}
}

// auditOf is the chain record of a staff step: states, category and
// whether a note is internal; never the ticket's or note's text.
func auditOf(a Action, c *prakerja.Complaint, from prakerja.ComplaintState, now time.Time) *prakerja.AuditEntry {
	detail := map[string]any{"category": c.Category}
	action := prakerja.AuditComplaintNote
	switch a.Kind {
	case ActAssign:
		action = prakerja.AuditComplaintAssigned
		detail["assigned_to"] = c.AssignedTo
	case ActMove:
		action = prakerja.AuditComplaintState
		detail["from"], detail["to"] = from, c.State
	default:
		detail["internal"] = a.Internal
	}
	b, err := json.Marshal(detail)
	if err != nil { // a map of strings and bools always marshals
		panic(fmt.Errorf("complaint audit detail: %w", err))
	}
	return &prakerja.AuditEntry{At: now, Actor: a.Staff, Action: action, Subject: subject(c.ID), Detail: string(b)}
}
