package http

import (
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/complaint"
)

// opsComplainant is who opened a ticket, as support sees them: the name
// to address them by, the NIK and phone masked (enough to match what the
// caller reads out, not enough to copy).
type opsComplainant struct {
	ID               int64
	Name, NIK, Phone string
	StatusKey, Email string
	Found            bool
}

// opsComplaintView is /ops/complaints/{id}: the ticket, who opened it,
// the whole conversation with internal notes, and the forms to work it.
type opsComplaintView struct {
	pageBase
	Ticket       opsComplaintRow
	Body         string
	Version      int64
	FirstDue     string
	ResolveDue   string
	Registrant   opsComplainant
	Notes        []complaintNoteView
	Moves        []complaintFilterOption
	Closed, Mine bool
}

// pageOpsComplaint handles GET /ops/complaints/{id}[?done=ACTION].
func (s *Server) pageOpsComplaint(w http.ResponseWriter, r *http.Request) {
	v, err := s.opsComplaintView(r, formErrors{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if done := r.URL.Query().Get("done"); done == "assign" || done == "note" || done == "move" {
		v.Flash = v.T("ops.complaints.done." + done)
	}
	s.render(w, r, http.StatusOK, "ops_complaint", v)
}

// opsComplaintView loads one ticket for the console.
func (s *Server) opsComplaintView(r *http.Request, fe formErrors) (*opsComplaintView, error) {
	if s.complaints == nil {
		return nil, errComplaintsOff()
	}
	id, err := complaintID(r)
	if err != nil {
		return nil, err
	}
	ctx, cancel := opsContext(r)
	defer cancel()
	th, err := s.complaints.Detail(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &opsComplaintView{pageBase: s.base(r, "ops.complaints.detail", "/ops/complaints/"+strconv.FormatInt(id, 10)),
		Body: th.Body, Version: th.Version, Closed: th.State.Closed()}
	v.Wide, v.Summary = true, fe.summary
	v.Ticket = opsComplaintRowOf(v.loc, th.Item)
	v.FirstDue = formatWIBDate(th.SLA.FirstDue)
	if !th.SLA.ResolveDue.IsZero() {
		v.ResolveDue = formatWIBDate(th.SLA.ResolveDue)
	}
	if st := staffFrom(r.Context()); st != nil {
		v.Mine = st.Username == th.AssignedTo
	}
	v.Registrant = opsComplainant{ID: th.RegistrationID}
	if reg, err := s.regs.Registration(ctx, th.RegistrationID); err == nil {
		v.Registrant = opsComplainant{ID: reg.ID, Name: reg.FullName, NIK: maskNIK(reg.NIK), Phone: maskPhone(reg.Phone),
			Email: maskEmail(reg.Email), StatusKey: "status." + string(reg.Status), Found: true}
	} else if prakerja.ErrorCode(err) != prakerja.CodeNotFound {
		return nil, err
	}
	for _, n := range th.Notes {
		v.Notes = append(v.Notes, complaintNoteViewOf(n, true))
	}
	for _, to := range prakerja.ComplaintMoves(prakerja.ActorStaff, th.State) {
		v.Moves = append(v.Moves, complaintFilterOption{Value: string(to), LabelKey: "ops.complaints.state." + string(to)})
	}
	return v, nil
}

// pageOpsComplaintAct handles POST /ops/complaints/{id}: assign to me, a
// reply or internal note, or a state change with its note. The acting
// staff member is the signed-in one, never a form field.
func (s *Server) pageOpsComplaintAct(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	if s.complaints == nil {
		s.fail(w, r, errComplaintsOff())
		return
	}
	st := staffFrom(r.Context())
	id, err := complaintID(r)
	if err == nil && st == nil {
		err = prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in.")
	}
	var a complaint.Action
	if err == nil {
		version, _ := strconv.ParseInt(r.PostForm.Get("version"), 10, 64)
		a = complaint.Action{ID: id, Kind: complaint.ActionKind(r.PostForm.Get("action")), Staff: st.Username,
			Version: version, To: prakerja.ComplaintState(r.PostForm.Get("to")), Text: r.PostForm.Get("text"),
			Internal: r.PostForm.Get("internal") == "yes"}
		_, err = s.complaints.Act(r.Context(), a)
	}
	if err == nil {
		http.Redirect(w, r, "/ops/complaints/"+strconv.FormatInt(id, 10)+"?done="+string(a.Kind), http.StatusSeeOther)
		return
	}
	s.opsComplaintFailed(w, r, err)
}

// opsComplaintFailed shows a refused step on the ticket's page, its
// reason at the top (a stale page, a move the state does not allow, a
// missing note); anything else is the error page.
func (s *Server) opsComplaintFailed(w http.ResponseWriter, r *http.Request, err error) {
	switch prakerja.ErrorCode(err) {
	case prakerja.CodeInvalid, prakerja.CodeComplaintChanged, prakerja.CodeComplaintTransition, prakerja.CodeComplaintLimit:
	default:
		s.fail(w, r, err)
		return
	}
	loc := localeFor(r)
	// The page has two note boxes, so the summary names the field but
	// links to neither.
	fe := s.translateError(loc, err, []string{"text", "to"})
	for i := range fe.summary {
		fe.summary[i].ID = ""
	}
	v, verr := s.opsComplaintView(r, fe)
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
	s.render(w, r, pageStatus(w, err), "ops_complaint", v)
}
