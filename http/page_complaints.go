package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/complaint"
)

func init() { pageNames = append(pageNames, "complaints", "complaint") }

// The complaint form's inputs. The body and reply are textareas drawn by
// the page itself, from the same inputView.
var (
	complaintSubjectInput = inputSpec{Name: "subject", Type: "text", Autocomplete: "off", MaxLen: prakerja.ComplaintSubjectMax}
	complaintBodyInput    = inputSpec{Name: "body", MaxLen: prakerja.ComplaintBodyMax, Hint: true}
	complaintReplyInput   = inputSpec{Name: "text", MaxLen: prakerja.ComplaintNoteMax, Hint: true}
)

// complaintRowView is one ticket in the registrant's list.
type complaintRowView struct {
	ID                             int64
	Reference, Subject             string
	CategoryKey, StateKey, SLAKey  string
	Opened, Updated, Age, FirstDue string
	Closed                         bool
}

// complaintCategoryOption is one category in the select, with its help text.
type complaintCategoryOption struct {
	Value, LabelKey, HelpKey string
	Selected                 bool
}

// complaintsView is /pengaduan: the registrant's tickets and the form to
// open a new one.
type complaintsView struct {
	pageBase
	Items         []complaintRowView
	Next          string
	Categories    []complaintCategoryOption
	CategoryErr   string
	Subject, Body inputView
}

// complaintRowOf shows a ticket in WIB with its age in words; the first
// answer's deadline only while the registrant still waits for one.
func complaintRowOf(loc locale, it complaint.Item) complaintRowView {
	c := it.Complaint
	v := complaintRowView{ID: c.ID, Reference: c.Reference, Subject: c.Subject,
		CategoryKey: "complaint.category." + string(c.Category), StateKey: "complaint.state." + string(c.State),
		SLAKey: "complaint.sla." + string(it.SLA.Status), Opened: formatWIBDate(c.CreatedAt),
		Updated: formatWIBDate(c.UpdatedAt), Age: formatComplaintAge(loc, it.SLA.Age), Closed: c.State.Closed()}
	if c.FirstResponseAt.IsZero() && !v.Closed {
		v.FirstDue = formatWIBDate(it.SLA.FirstDue)
	}
	return v
}

// formatComplaintAge says a duration the way a person would: days and hours, or
// minutes under an hour.
func formatComplaintAge(loc locale, d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return loc.T("age.days", int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour))
	case d >= time.Hour:
		return loc.T("age.hours", int(d/time.Hour))
	}
	return loc.T("age.minutes", int(d/time.Minute))
}

// complaintCategories lists the select's options, chosen marked.
func complaintCategories(chosen string) []complaintCategoryOption {
	var out []complaintCategoryOption
	for _, c := range prakerja.ComplaintCategories() {
		out = append(out, complaintCategoryOption{Value: string(c), LabelKey: "complaint.category." + string(c),
			HelpKey: "complaint.help." + string(c), Selected: string(c) == chosen})
	}
	return out
}

// pageComplaints handles GET /pengaduan[?before=ID].
func (s *Server) pageComplaints(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	v, err := s.complaintsPage(r, reg.ID, formErrors{}, "", "", "")
	if err != nil {
		s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
		s.renderError(w, r, err, "/dashboard", "dashboard.heading")
		return
	}
	s.render(w, r, http.StatusOK, "complaints", v)
}

// complaintsPage reads the registrant's tickets into the view, with the
// form holding what was typed and its errors.
func (s *Server) complaintsPage(r *http.Request, regID int64, fe formErrors, category, subject, body string) (*complaintsView, error) {
	if s.complaints == nil {
		return nil, errComplaintsOff()
	}
	list, err := s.complaints.Mine(r.Context(), regID, pageOffset(r, "before"), complaintListMax)
	if err != nil {
		return nil, err
	}
	v := &complaintsView{pageBase: s.base(r, "complaint.heading", "/pengaduan"), Categories: complaintCategories(category)}
	v.Summary, v.CategoryErr = fe.summary, fe.byField["category"]
	v.Subject = complaintSubjectInput.view(v.loc, subject, fe.byField["subject"])
	v.Body = complaintBodyInput.view(v.loc, body, fe.byField["body"])
	for _, it := range list {
		v.Items = append(v.Items, complaintRowOf(v.loc, it))
	}
	if len(list) == complaintListMax {
		v.Next = "/pengaduan?before=" + strconv.FormatInt(list[len(list)-1].ID, 10)
	}
	return v, nil
}

// complaintForm opens a complaint form post (see registrantForm).
func (s *Server) complaintForm(w http.ResponseWriter, r *http.Request) (*prakerja.Registration, bool) {
	return s.registrantForm(w, r, s.complaints != nil, errComplaintsOff)
}

// pageComplaintOpen handles POST /pengaduan.
func (s *Server) pageComplaintOpen(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.complaintForm(w, r)
	if !ok {
		return
	}
	category, subject, body := r.PostForm.Get("category"), r.PostForm.Get("subject"), r.PostForm.Get("body")
	it, err := s.complaints.Open(r.Context(), complaint.OpenInput{RegistrationID: reg.ID,
		Category: prakerja.ComplaintCategory(category), Subject: subject, Body: body, Locale: string(localeFor(r))})
	if err == nil {
		http.Redirect(w, r, "/pengaduan/"+strconv.FormatInt(it.ID, 10)+"?opened=1", http.StatusSeeOther)
		return
	}
	fe := s.translateError(localeFor(r), err, []string{"category", "subject", "body"})
	v, verr := s.complaintsPage(r, reg.ID, fe, category, subject, body)
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
	s.render(w, r, pageStatus(w, err), "complaints", v)
}

// complaintNoteView is one entry of a conversation.
type complaintNoteView struct {
	AuthorKey, Staff, Text, When, StateKey string
	Internal                               bool
}

// complaintView is /pengaduan/{id}: the ticket, its public conversation
// and the reply form.
type complaintView struct {
	pageBase
	Ticket   complaintRowView
	Body     string
	Notes    []complaintNoteView
	Reopens  bool // a reply reopens the closed ticket
	CanReply bool
	Reply    inputView
}

// pageComplaint handles GET /pengaduan/{id}.
func (s *Server) pageComplaint(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	v, err := s.complaintPage(r, reg.ID, formErrors{}, "")
	if err != nil {
		s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
		s.renderError(w, r, err, "/pengaduan", "complaint.heading")
		return
	}
	switch {
	case r.URL.Query().Get("opened") == "1":
		v.Flash = v.T("complaint.opened", v.Ticket.Reference)
	case r.URL.Query().Get("sent") == "1":
		v.Flash = v.T("complaint.sent")
	}
	s.render(w, r, http.StatusOK, "complaint", v)
}

// complaintPage reads one of the registrant's tickets into the view.
func (s *Server) complaintPage(r *http.Request, regID int64, fe formErrors, reply string) (*complaintView, error) {
	if s.complaints == nil {
		return nil, errComplaintsOff()
	}
	id, err := complaintID(r)
	if err != nil {
		return nil, err
	}
	th, err := s.complaints.Thread(r.Context(), regID, id)
	if err != nil {
		return nil, err
	}
	self := "/pengaduan/" + strconv.FormatInt(id, 10)
	v := &complaintView{pageBase: s.base(r, "complaint.detail_heading", self), Body: th.Body}
	v.Ticket = complaintRowOf(v.loc, th.Item)
	v.Summary = fe.summary
	v.Reply = complaintReplyInput.view(v.loc, reply, fe.byField["text"])
	v.Reopens = th.State.Closed()
	v.CanReply = !v.Reopens || s.clock.Now().Sub(th.ResolvedAt) <= prakerja.ComplaintReopenWindow
	for _, n := range th.Notes {
		if !n.Internal {
			v.Notes = append(v.Notes, complaintNoteViewOf(n, false))
		}
	}
	return v, nil
}

// complaintNoteViewOf shows a note; staff names only on the console.
func complaintNoteViewOf(n *prakerja.ComplaintNote, console bool) complaintNoteView {
	prefix := "complaint."
	if console { // staff read "the registrant", not "you"
		prefix = "ops.complaints."
	}
	v := complaintNoteView{AuthorKey: prefix + "author.registrant", Text: n.Text, When: formatWIBDate(n.CreatedAt),
		Internal: n.Internal}
	if n.Staff != "" {
		v.AuthorKey = prefix + "author.staff"
		if console {
			v.Staff = n.Staff
		}
	}
	if n.State != "" {
		v.StateKey = prefix + "state." + string(n.State)
	}
	return v
}

// pageComplaintReply handles POST /pengaduan/{id}.
func (s *Server) pageComplaintReply(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.complaintForm(w, r)
	if !ok {
		return
	}
	text := r.PostForm.Get("text")
	id, err := complaintID(r)
	if err == nil {
		_, err = s.complaints.Reply(r.Context(), reg.ID, id, text)
	}
	if err == nil {
		http.Redirect(w, r, "/pengaduan/"+strconv.FormatInt(id, 10)+"?sent=1#balasan", http.StatusSeeOther)
		return
	}
	fe := s.translateError(localeFor(r), err, []string{"text"})
	v, verr := s.complaintPage(r, reg.ID, fe, strings.TrimSpace(text))
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
	s.render(w, r, pageStatus(w, err), "complaint", v)
}
