package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
)

// opsDisputesView lists open NIK disputes, oldest first, each with the
// registration it is against and a form to uphold or reject it.
type opsDisputesView struct {
	pageBase
	Disputes []disputeRowView
	Next     string
}

// disputeRowView is one dispute row. The claimant's name is masked like
// the registrations'; the statement is shown whole, since it is what the
// reviewer decides on.
type disputeRowView struct {
	ID        int64
	Filed     string
	Claimant  string
	Statement string
	Holder    partyView
}

// pageOpsDisputes handles GET /ops/disputes[?after=ID][&done=ID].
func (s *Server) pageOpsDisputes(w http.ResponseWriter, r *http.Request) {
	v, err := s.opsDisputesView(r, formErrors{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("done") != "" {
		v.Flash = v.T("ops.disputes.done", pageOffset(r, "done"))
	}
	s.render(w, r, http.StatusOK, "ops_disputes", v)
}

// opsDisputesView loads one page of open disputes and their registrations.
func (s *Server) opsDisputesView(r *http.Request, fe formErrors) (*opsDisputesView, error) {
	ctx, cancel := opsContext(r)
	defer cancel()
	list, err := s.store.Disputes(ctx, prakerja.DisputeFilter{
		Status: prakerja.DisputeOpen, AfterID: pageOffset(r, "after"), Limit: opsDisputeRowsMax + 1,
	})
	if err != nil {
		return nil, err
	}
	v := &opsDisputesView{pageBase: s.base(r, "ops.disputes.heading", "/ops/disputes")}
	v.Wide, v.Summary = true, fe.summary
	if len(list) > opsDisputeRowsMax {
		list = list[:opsDisputeRowsMax]
		v.Next = "/ops/disputes?after=" + strconv.FormatInt(list[len(list)-1].ID, 10)
	}
	p := s.parties(v.loc)
	for _, d := range list {
		v.Disputes = append(v.Disputes, disputeRowView{
			ID: d.ID, Filed: formatWIBDate(d.CreatedAt), Claimant: maskName(d.FullName),
			Statement: d.Statement, Holder: p.get(ctx, d.RegistrationID),
		})
	}
	return v, nil
}

// formatWIBDate shows an instant as a date and clock time in WIB.
func formatWIBDate(t time.Time) string {
	return t.In(prakerja.WIB).Format("2006-01-02 15:04") + " WIB"
}

// pageOpsDisputeResolve handles POST /ops/disputes/{id}: uphold or reject.
func (s *Server) pageOpsDisputeResolve(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseReviewForm(w, r, string(prakerja.DisputeUpheld), string(prakerja.DisputeRejected))
	if err == nil {
		_, err = s.store.ResolveDispute(opsAuditContext(r), f.ID, prakerja.DisputeStatus(f.Decision), f.Reviewer, f.Note, s.clock.Now())
	}
	if err != nil {
		s.opsFormFailed(w, r, err, func(fe formErrors) (baser, string, error) {
			v, lerr := s.opsDisputesView(r, fe)
			return v, "ops_disputes", lerr
		})
		return
	}
	http.Redirect(w, r, "/ops/disputes?done="+strconv.FormatInt(f.ID, 10), http.StatusSeeOther)
}
