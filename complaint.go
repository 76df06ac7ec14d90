package prakerja

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Complaints (issue 7 item 4): a signed-in registrant opens a ticket in a
// category, support staff work it through states with notes, and the
// registrant follows the public part of the conversation. Each ticket
// carries service-level ages (complaint_sla.go) so the queue shows the
// late ones first.

// ComplaintCategory is what a complaint is about. The category picks the
// service-level targets and the help text shown before opening one.
type ComplaintCategory string

const (
	ComplaintNIKUsedByOther     ComplaintCategory = "nik_used_by_other"
	ComplaintVerificationFailed ComplaintCategory = "verification_failed"
	ComplaintNotSelected        ComplaintCategory = "not_selected"
	ComplaintBalanceOrVoucher   ComplaintCategory = "balance_or_voucher"
	ComplaintPayoutFailed       ComplaintCategory = "payout_failed"
	ComplaintOTPNotReceived     ComplaintCategory = "otp_not_received"
	ComplaintOther              ComplaintCategory = "other"
)

// ComplaintCategories lists every category, in the order forms show them.
func ComplaintCategories() []ComplaintCategory {
	return []ComplaintCategory{ComplaintNIKUsedByOther, ComplaintVerificationFailed, ComplaintNotSelected,
		ComplaintBalanceOrVoucher, ComplaintPayoutFailed, ComplaintOTPNotReceived, ComplaintOther}
}

// Valid reports whether c is one of ComplaintCategories.
func (c ComplaintCategory) Valid() bool { return slices.Contains(ComplaintCategories(), c) }

// ComplaintState is where a ticket stands. Resolved and rejected are
// closed; the registrant may reopen a closed ticket within
// ComplaintReopenWindow.
type ComplaintState string

const (
	ComplaintOpen       ComplaintState = "open"
	ComplaintInProgress ComplaintState = "in_progress"
	ComplaintWaiting    ComplaintState = "waiting_registrant"
	ComplaintResolved   ComplaintState = "resolved"
	ComplaintRejected   ComplaintState = "rejected"
)

// ComplaintStates lists every state, in the order a ticket moves.
func ComplaintStates() []ComplaintState {
	return []ComplaintState{ComplaintOpen, ComplaintInProgress, ComplaintWaiting, ComplaintResolved, ComplaintRejected}
}

// Valid reports whether s is one of ComplaintStates.
func (s ComplaintState) Valid() bool { return slices.Contains(ComplaintStates(), s) }

// Closed reports whether s ends the work on a ticket.
func (s ComplaintState) Closed() bool { return s == ComplaintResolved || s == ComplaintRejected }

// Complaint limits. Lengths are in characters; they bound what one
// ticket costs to store, show and read.
const (
	ComplaintSubjectMax   = 120
	ComplaintBodyMax      = 4000
	ComplaintNoteMax      = 2000
	ComplaintNotesMax     = 200 // notes on one ticket, every author together
	ComplaintOpenMax      = 5   // tickets one registrant has open at once
	ComplaintPageMax      = 100 // tickets in one listing
	ComplaintStaffMax     = 64  // a staff username, as AuditActorMax
	ComplaintReopenWindow = 14 * 24 * time.Hour
)

// Audit actions of staff work on complaints. Details hold states and
// categories, never the ticket's text.
const (
	AuditComplaintAssigned = "complaint.assigned"
	AuditComplaintState    = "complaint.state_changed"
	AuditComplaintNote     = "complaint.note_added"
)

// Complaint is one ticket.
type Complaint struct {
	ID             int64
	RegistrationID int64
	// Reference is the code the registrant quotes on the phone, e.g.
	// ADU-2026-000123 (ComplaintReference); set by the store.
	Reference  string
	Category   ComplaintCategory
	State      ComplaintState
	Subject    string
	Body       string
	Locale     string // the registrant's language when opening, for notices
	AssignedTo string // staff username; "" = nobody yet
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// FirstResponseAt is staff's first public reply or state change.
	FirstResponseAt time.Time
	// ResolvedAt is when the ticket was last closed; zero while open.
	ResolvedAt time.Time
	// PausedSince is when the service-level clock stopped (waiting for the
	// registrant, or closed); Paused is the time it stood still before.
	PausedSince time.Time
	Paused      time.Duration
	// DueAt is the next service-level deadline; zero while paused.
	DueAt time.Time
	// Version counts changes; a change names the version it read, so of
	// two concurrent changes only one is stored.
	Version int64
}

// ComplaintNote is one entry of a ticket's conversation.
type ComplaintNote struct {
	ID          int64
	ComplaintID int64
	Staff       string // the staff username; "" = the registrant
	Text        string
	// Internal notes are for staff only and never shown to the registrant.
	Internal bool
	// State is the state this entry moved the ticket to; "" for a reply.
	State     ComplaintState
	CreatedAt time.Time
}

// ComplaintReference formats a ticket's reference from its id and the
// year (in WIB) it was opened.
func ComplaintReference(id int64, created time.Time) string {
	return fmt.Sprintf("ADU-%d-%06d", created.In(WIB).Year(), id)
}

// Validate checks a new ticket's own fields; messages never quote them.
func (c *Complaint) Validate() error {
	var fields []FieldError
	add := func(field string, code Code, msg string) {
		fields = append(fields, FieldError{Field: field, Code: code, Message: msg})
	}
	if !c.Category.Valid() {
		add("category", CodeBadValue, "Choose one of the complaint categories.")
	}
	checkText(add, "subject", c.Subject, ComplaintSubjectMax)
	checkText(add, "body", c.Body, ComplaintBodyMax)
	if c.RegistrationID <= 0 {
		add("registration_id", CodeRequired, "A complaint belongs to a registration.")
	}
	if len(c.AssignedTo) > ComplaintStaffMax {
		add("assigned_to", CodeTooLong, "A staff username is too long.")
	}
	if len(fields) > 0 {
		return &Error{Code: CodeInvalid, Message: "The complaint is not valid.", Fields: fields}
	}
	return nil
}

// Validate checks a note's own fields.
func (n *ComplaintNote) Validate() error {
	var fields []FieldError
	add := func(field string, code Code, msg string) {
		fields = append(fields, FieldError{Field: field, Code: code, Message: msg})
	}
	checkText(add, "text", n.Text, ComplaintNoteMax)
	if len(n.Staff) > ComplaintStaffMax {
		add("staff", CodeTooLong, "A staff username is too long.")
	}
	if n.Internal && n.Staff == "" {
		add("internal", CodeBadValue, "Only staff write internal notes.")
	}
	if n.State != "" && !n.State.Valid() {
		add("state", CodeBadValue, "Unknown complaint state.")
	}
	if len(fields) > 0 {
		return &Error{Code: CodeInvalid, Message: "The note is not valid.", Fields: fields}
	}
	return nil
}

// checkText requires 1 to max characters of valid UTF-8 that are not all
// blank.
func checkText(add func(string, Code, string), field, v string, max int) {
	switch {
	case strings.TrimSpace(v) == "":
		add(field, CodeRequired, "Write the "+field+".")
	case !utf8.ValidString(v):
		add(field, CodeBadFormat, "The "+field+" is not valid text.")
	case utf8.RuneCountInString(v) > max:
		add(field, CodeTooLong, fmt.Sprintf("The %s has at most %d characters.", field, max))
	}
}

// ComplaintQueueFilter selects tickets for the staff queue.
type ComplaintQueueFilter struct {
	// State "" means every state that is not closed.
	State    ComplaintState
	Category ComplaintCategory // "" = any
	// After continues a listing after the last ticket of the page before:
	// the queue is ordered by DueAt (paused tickets last), then ID.
	After *Complaint
	Limit int // capped at ComplaintPageMax
}

// ComplaintChange is one stored change of a ticket: its new fields (with
// the Version it was read at), and what commits with it.
type ComplaintChange struct {
	Complaint *Complaint
	Note      *ComplaintNote // nil = no note
	Audit     *AuditEntry    // a staff action's record; nil for the registrant's
	Message   *Message       // the registrant's notice; nil = none
}

// ComplaintStore keeps tickets and their notes.
type ComplaintStore interface {
	// CreateComplaint stores a new ticket with its version 1 and fills ID,
	// Reference and Version. Returns CodeInvalid, CodeNotFound (no such
	// registration) or CodeComplaintLimit (ComplaintOpenMax open already).
	CreateComplaint(ctx context.Context, c *Complaint) error
	// Complaint returns one ticket. Returns CodeNotFound.
	Complaint(ctx context.Context, id int64) (*Complaint, error)
	// ComplaintsOf lists a registrant's tickets newest first, those with
	// an ID below beforeID (0 = from the newest).
	ComplaintsOf(ctx context.Context, registrationID, beforeID int64, limit int) ([]*Complaint, error)
	// ComplaintQueue lists tickets for staff, the earliest deadline first.
	ComplaintQueue(ctx context.Context, f ComplaintQueueFilter) ([]*Complaint, error)
	// ComplaintNotes lists a ticket's notes oldest first, internal ones
	// only when asked, at most ComplaintNotesMax.
	ComplaintNotes(ctx context.Context, complaintID int64, internal bool) ([]*ComplaintNote, error)
	// ChangeComplaint stores ch in one transaction when the ticket is
	// still at ch.Complaint.Version, then increments Version and fills
	// the note's ID. Returns CodeInvalid, CodeNotFound,
	// CodeComplaintChanged (someone changed it first) or
	// CodeComplaintLimit (ComplaintNotesMax notes already).
	ChangeComplaint(ctx context.Context, ch *ComplaintChange) error
}
