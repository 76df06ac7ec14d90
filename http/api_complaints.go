package http

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/complaint"
)

// ComplaintService is the complaint desk; complaint.Service implements it.
// The registrant's calls take the signed-in registration and never see
// another's ticket (CodeNotFound, as for a missing one); the staff calls
// are the console's.
type ComplaintService interface {
	Open(ctx context.Context, in complaint.OpenInput) (*complaint.Item, error)
	Mine(ctx context.Context, registrationID, beforeID int64, limit int) ([]complaint.Item, error)
	Thread(ctx context.Context, registrationID, id int64) (*complaint.Thread, error)
	Reply(ctx context.Context, registrationID, id int64, text string) (*complaint.Item, error)
	Queue(ctx context.Context, f prakerja.ComplaintQueueFilter) ([]complaint.Item, error)
	Detail(ctx context.Context, id int64) (*complaint.Thread, error)
	Act(ctx context.Context, a complaint.Action) (*complaint.Item, error)
}

var _ ComplaintService = (*complaint.Service)(nil)

// complaintListMax is one page of a registrant's tickets.
const complaintListMax = 20

// errComplaintsOff answers when the server runs without the desk.
func errComplaintsOff() error {
	return prakerja.Errorf(prakerja.CodeUnavailable, "Complaints are not available on this server yet.")
}

// complaintSLAJSON is a ticket's standing against its targets.
type complaintSLAJSON struct {
	Status           prakerja.SLAStatus `json:"status"`
	AgeSeconds       int64              `json:"age_seconds"`
	FirstResponseDue time.Time          `json:"first_response_due"`
	ResolutionDue    *time.Time         `json:"resolution_due,omitempty"`
}

// complaintJSON is a ticket as its registrant sees it: no staff names.
type complaintJSON struct {
	ID              int64                      `json:"id"`
	Reference       string                     `json:"reference"`
	Category        prakerja.ComplaintCategory `json:"category"`
	State           prakerja.ComplaintState    `json:"state"`
	Subject         string                     `json:"subject"`
	Body            string                     `json:"body"`
	CreatedAt       time.Time                  `json:"created_at"`
	UpdatedAt       time.Time                  `json:"updated_at"`
	FirstResponseAt *time.Time                 `json:"first_response_at,omitempty"`
	ResolvedAt      *time.Time                 `json:"resolved_at,omitempty"`
	SLA             complaintSLAJSON           `json:"sla"`
}

func complaintJSONOf(it complaint.Item) complaintJSON {
	c := it.Complaint
	return complaintJSON{ID: c.ID, Reference: c.Reference, Category: c.Category, State: c.State, Subject: c.Subject,
		Body: c.Body, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
		FirstResponseAt: optTime(c.FirstResponseAt), ResolvedAt: optTime(c.ResolvedAt),
		SLA: complaintSLAJSON{Status: it.SLA.Status, AgeSeconds: int64(it.SLA.Age / time.Second),
			FirstResponseDue: it.SLA.FirstDue.UTC(), ResolutionDue: optTime(it.SLA.ResolveDue)}}
}

// complaintNoteJSON is one public entry of the conversation.
type complaintNoteJSON struct {
	ID        int64                   `json:"id"`
	Author    string                  `json:"author"` // "registrant" or "staff"
	Text      string                  `json:"text"`
	State     prakerja.ComplaintState `json:"state,omitempty"`
	CreatedAt time.Time               `json:"created_at"`
}

// complaintThreadJSON is GET /api/v1/me/complaints/{id}.
type complaintThreadJSON struct {
	complaintJSON
	Notes []complaintNoteJSON `json:"notes"`
}

// complaintListJSON is GET /api/v1/me/complaints; next_before continues
// the listing when there may be more.
type complaintListJSON struct {
	Complaints []complaintJSON `json:"complaints"`
	NextBefore int64           `json:"next_before,omitempty"`
}

// apiMyComplaints handles GET /api/v1/me/complaints[?before=ID].
func (s *Server) apiMyComplaints(w http.ResponseWriter, r *http.Request) error {
	if s.complaints == nil {
		return errComplaintsOff()
	}
	list, err := s.complaints.Mine(r.Context(), registrationFrom(r.Context()).ID, pageOffset(r, "before"), complaintListMax)
	if err != nil {
		return err
	}
	out := complaintListJSON{Complaints: make([]complaintJSON, 0, len(list))}
	for _, it := range list {
		out.Complaints = append(out.Complaints, complaintJSONOf(it))
	}
	if len(list) == complaintListMax {
		out.NextBefore = list[len(list)-1].ID
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// complaintRequest is a new ticket.
type complaintRequest struct {
	Category string `json:"category"`
	Subject  string `json:"subject"`
	Body     string `json:"body"`
}

// apiOpenComplaint handles POST /api/v1/me/complaints.
func (s *Server) apiOpenComplaint(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req complaintRequest
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	if s.complaints == nil {
		return errComplaintsOff()
	}
	it, err := s.complaints.Open(r.Context(), complaint.OpenInput{RegistrationID: registrationFrom(r.Context()).ID,
		Category: prakerja.ComplaintCategory(req.Category), Subject: req.Subject, Body: req.Body, Locale: string(localeFor(r))})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/me/complaints/"+strconv.FormatInt(it.ID, 10))
	writeJSON(w, http.StatusCreated, complaintJSONOf(*it))
	return nil
}

// complaintID reads the {id} path value; a malformed one is not found.
func complaintID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, prakerja.Errorf(prakerja.CodeNotFound, "No such complaint.")
	}
	return id, nil
}

// apiMyComplaint handles GET /api/v1/me/complaints/{id}.
func (s *Server) apiMyComplaint(w http.ResponseWriter, r *http.Request) error {
	if s.complaints == nil {
		return errComplaintsOff()
	}
	id, err := complaintID(r)
	if err != nil {
		return err
	}
	th, err := s.complaints.Thread(r.Context(), registrationFrom(r.Context()).ID, id)
	if err != nil {
		return err
	}
	out := complaintThreadJSON{complaintJSON: complaintJSONOf(th.Item), Notes: make([]complaintNoteJSON, 0, len(th.Notes))}
	for _, n := range th.Notes {
		if n.Internal { // the store already leaves them out; never let one through
			continue
		}
		author := "staff"
		if n.Staff == "" {
			author = "registrant"
		}
		out.Notes = append(out.Notes, complaintNoteJSON{ID: n.ID, Author: author, Text: n.Text, State: n.State,
			CreatedAt: n.CreatedAt.UTC()})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// complaintNoteRequest is the registrant's reply.
type complaintNoteRequest struct {
	Text string `json:"text"`
}

// apiReplyComplaint handles POST /api/v1/me/complaints/{id}/notes: a
// reply, which also reopens a recently closed ticket.
func (s *Server) apiReplyComplaint(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req complaintNoteRequest
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	if s.complaints == nil {
		return errComplaintsOff()
	}
	id, err := complaintID(r)
	if err != nil {
		return err
	}
	it, err := s.complaints.Reply(r.Context(), registrationFrom(r.Context()).ID, id, req.Text)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, complaintJSONOf(*it))
	return nil
}
