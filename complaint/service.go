// Package complaint runs the complaint desk (issue 7 item 4): registrants
// open tickets and reply, support staff take, note, move and close them.
// It applies the one state table (prakerja.CheckComplaintMove), keeps the
// service-level clock (paused while waiting for the registrant), audits
// every staff action and queues the registrant's notice, each in the same
// transaction as the change it records.
package complaint

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
)

// replyTries bounds how often a registrant's reply is retried when staff
// changed the ticket between its read and its write: the reply does not
// depend on what staff did, so it is simply tried again on the new read.
const replyTries = 3

// Config holds the desk's service-level targets.
type Config struct {
	SLAs prakerja.ComplaintSLAs
}

// DefaultConfig is the programme office's targets.
func DefaultConfig() Config { return Config{SLAs: prakerja.DefaultComplaintSLAs()} }

// Service is the complaint desk.
type Service struct {
	store prakerja.Store
	keys  *pii.Keyring
	clock prakerja.Clock
	cfg   Config
}

// New builds the desk. keys seal the notices' parameters.
func New(store prakerja.Store, keys *pii.Keyring, clock prakerja.Clock, cfg Config) *Service {
	if cfg.SLAs.Default.Resolution <= 0 {
		cfg.SLAs = prakerja.DefaultComplaintSLAs()
	}
	return &Service{store: store, keys: keys, clock: clock, cfg: cfg}
}

// Item is a ticket with its standing against its targets now.
type Item struct {
	*prakerja.Complaint
	SLA prakerja.ComplaintAge
}

// Thread is a ticket, its standing and its conversation.
type Thread struct {
	Item
	Notes []*prakerja.ComplaintNote
}

// OpenInput is a registrant's new ticket.
type OpenInput struct {
	RegistrationID int64
	Category       prakerja.ComplaintCategory
	Subject, Body  string
	Locale         string
}

// SLA returns the targets of category c.
func (s *Service) SLA(c prakerja.ComplaintCategory) prakerja.ComplaintSLA { return s.cfg.SLAs.For(c) }

// item wraps c with its standing at now.
func (s *Service) item(c *prakerja.Complaint, now time.Time) Item {
	return Item{Complaint: c, SLA: c.AgeAt(s.SLA(c.Category), now)}
}

// Open stores a registrant's new ticket. Returns CodeInvalid (with
// Fields), CodeNotFound and CodeComplaintLimit.
func (s *Service) Open(ctx context.Context, in OpenInput) (*Item, error) {
	now := s.clock.Now().UTC()
	c := &prakerja.Complaint{RegistrationID: in.RegistrationID, Category: in.Category,
		Subject: strings.TrimSpace(in.Subject), Body: strings.TrimSpace(in.Body), Locale: notifyLocale(in.Locale),
		State: prakerja.ComplaintOpen, CreatedAt: now, UpdatedAt: now}
	c.DueAt = c.NextDue(s.SLA(c.Category))
	if err := s.store.CreateComplaint(ctx, c); err != nil {
		return nil, err
	}
	it := s.item(c, now)
	return &it, nil
}

// Mine lists a registrant's tickets newest first, below beforeID.
func (s *Service) Mine(ctx context.Context, registrationID, beforeID int64, limit int) ([]Item, error) {
	list, err := s.store.ComplaintsOf(ctx, registrationID, beforeID, limit)
	if err != nil {
		return nil, err
	}
	return s.items(list), nil
}

// own reads ticket id for its registrant; another registrant's ticket is
// not found, alike a missing one, so ids cannot be probed.
func (s *Service) own(ctx context.Context, registrationID, id int64) (*prakerja.Complaint, error) {
	c, err := s.store.Complaint(ctx, id)
	if err == nil && c.RegistrationID != registrationID {
		err = prakerja.Errorf(prakerja.CodeNotFound, "Complaint %d not found.", id)
	}
	return c, err
}

// Thread returns a registrant's own ticket with the public conversation.
// Returns CodeNotFound.
func (s *Service) Thread(ctx context.Context, registrationID, id int64) (*Thread, error) {
	c, err := s.own(ctx, registrationID, id)
	if err != nil {
		return nil, err
	}
	notes, err := s.store.ComplaintNotes(ctx, id, false)
	if err != nil {
		return nil, err
	}
	return &Thread{Item: s.item(c, s.clock.Now()), Notes: notes}, nil
}

// Reply adds the registrant's reply. A reply to a ticket waiting for them
// puts it back in progress; a reply to a closed one reopens it, within
// prakerja.ComplaintReopenWindow. Returns CodeInvalid, CodeNotFound,
// CodeComplaintReopenExpired, CodeComplaintLimit or, after replyTries
// races with staff, CodeComplaintChanged.
func (s *Service) Reply(ctx context.Context, registrationID, id int64, text string) (*Item, error) {
	var err error
	for range replyTries {
		var it *Item
		if it, err = s.reply(ctx, registrationID, id, strings.TrimSpace(text)); prakerja.ErrorCode(err) != prakerja.CodeComplaintChanged {
			return it, err
		}
	}
	return nil, err
}

func (s *Service) reply(ctx context.Context, registrationID, id int64, text string) (*Item, error) {
	c, err := s.own(ctx, registrationID, id)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now().UTC()
	note := &prakerja.ComplaintNote{Text: text, CreatedAt: now}
	if err := note.Validate(); err != nil {
		return nil, err
	}
	switch {
	case c.State == prakerja.ComplaintWaiting:
		note.State = prakerja.ComplaintInProgress
	case c.State.Closed():
		note.State = prakerja.ComplaintOpen
	}
	if note.State != "" {
		if err := prakerja.CheckComplaintMove(c, note.State, prakerja.ActorRegistrant, now); err != nil {
			return nil, err
		}
		c.State = note.State
		c.ResolvedAt = time.Time{}
		c.Resume(now)
	}
	c.UpdatedAt = now
	c.DueAt = c.NextDue(s.SLA(c.Category))
	if err := s.store.ChangeComplaint(ctx, &prakerja.ComplaintChange{Complaint: c, Note: note}); err != nil {
		return nil, err
	}
	it := s.item(c, now)
	return &it, nil
}

// notifyLocale keeps the two languages notices exist in.
func notifyLocale(l string) string {
	if strings.HasPrefix(strings.ToLower(l), "en") {
		return "en"
	}
	return "id"
}

// subject is a ticket's name in the audit chain.
func subject(id int64) string { return fmt.Sprintf("complaint:%d", id) }

// items shows a page of complaints with their ages at one instant.
func (s *Service) items(list []*prakerja.Complaint) []Item {
	now := s.clock.Now()
	out := make([]Item, 0, len(list))
	for _, c := range list {
		out = append(out, s.item(c, now))
	}
	return out
}
