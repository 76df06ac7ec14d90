package http

import (
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
)

// opsFlagsView lists open duplicate flags, highest score first, each with
// both registrations side by side and a form to confirm or clear it.
type opsFlagsView struct {
	pageBase
	Flags []flagView
	Next  string // link to the next page; "" on the last
}

// flagView is one flag row.
type flagView struct {
	ID     int64
	Score  int
	Reason string
	Code   string
	A, B   partyView
}

// pageOpsFlags handles GET /ops/flags[?offset=N][&done=ID].
func (s *Server) pageOpsFlags(w http.ResponseWriter, r *http.Request) {
	v, err := s.opsFlagsView(r, formErrors{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if done := r.URL.Query().Get("done"); done != "" {
		v.Flash = v.T("ops.flags.done", pageOffset(r, "done"))
	}
	s.render(w, r, http.StatusOK, "ops_flags", v)
}

// opsFlagsView loads one page of open flags and the registrations they name.
func (s *Server) opsFlagsView(r *http.Request, fe formErrors) (*opsFlagsView, error) {
	ctx, cancel := opsContext(r)
	defer cancel()
	offset := pageOffset(r, "offset")
	flags, err := s.store.DuplicateFlags(ctx, prakerja.FlagFilter{
		Status: prakerja.FlagOpen, Offset: int(offset), Limit: opsFlagRowsMax + 1,
	})
	if err != nil {
		return nil, err
	}
	v := &opsFlagsView{pageBase: s.base(r, "ops.flags.heading", "/ops/flags")}
	v.Wide, v.Summary = true, fe.summary
	if len(flags) > opsFlagRowsMax {
		flags = flags[:opsFlagRowsMax]
		v.Next = "/ops/flags?offset=" + strconv.FormatInt(offset+opsFlagRowsMax, 10)
	}
	p := s.parties(v.loc)
	for _, f := range flags {
		v.Flags = append(v.Flags, flagView{
			ID: f.ID, Score: f.Score, Code: f.Reason, Reason: flagReasonText(v.loc, f.Reason),
			A: p.get(ctx, f.A), B: p.get(ctx, f.B),
		})
	}
	return v, nil
}

// flagReasonText translates a dedup reason code; an unknown one shows bare.
func flagReasonText(loc locale, code string) string {
	if msg, ok := messages[loc]["flag."+code]; ok {
		return msg
	}
	return code
}

// pageOpsFlagReview handles POST /ops/flags/{id}: confirm or clear one
// flag, then back to the list (303), or the list with the error.
func (s *Server) pageOpsFlagReview(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseReviewForm(w, r, string(prakerja.FlagConfirmed), string(prakerja.FlagCleared))
	if err == nil {
		_, err = s.store.ReviewFlag(opsAuditContext(r), f.ID, prakerja.FlagStatus(f.Decision), f.Reviewer, f.Note, s.clock.Now())
	}
	if err != nil {
		s.opsFormFailed(w, r, err, func(fe formErrors) (baser, string, error) {
			v, lerr := s.opsFlagsView(r, fe)
			return v, "ops_flags", lerr
		})
		return
	}
	http.Redirect(w, r, "/ops/flags?done="+strconv.FormatInt(f.ID, 10), http.StatusSeeOther)
}

// opsFormFailed shows a refused review on its list page, the error in the
// summary (a decision already taken by someone else is a conflict, not a
// crash); a malformed form or a list that cannot load gets the error page.
func (s *Server) opsFormFailed(w http.ResponseWriter, r *http.Request, err error, list func(formErrors) (baser, string, error)) {
	switch prakerja.ErrorCode(err) {
	case prakerja.CodeInvalid, prakerja.CodeConflict, prakerja.CodeNotFound:
	default:
		s.fail(w, r, err)
		return
	}
	fe := s.translateError(localeFor(r), err, []string{"note", "decision"})
	v, name, lerr := list(fe)
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	s.render(w, r, pageStatus(w, err), name, v)
}
