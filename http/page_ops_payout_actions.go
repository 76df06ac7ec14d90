package http

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/payout"
)

// PayoutRunner is the maker-checker part of the payout service the console
// drives: a finance maker prepares a run, a finance checker (never the
// same person; the store refuses it) approves or refuses it.
// payout.Service implements it; it is found on the Payout dependency, so a
// server without it shows the payouts page read-only.
type PayoutRunner interface {
	Prepare(ctx context.Context, maker string, cutoff time.Time, progress func(reserved int64)) (*payout.RunSummary, error)
	Approve(ctx context.Context, runID int64, checker string) (*prakerja.PayoutRun, []*prakerja.PayoutFile, error)
	Refuse(ctx context.Context, runID int64, checker string) (*prakerja.PayoutRun, error)
}

var _ PayoutRunner = (*payout.Service)(nil)

// opsPayoutStepTimeout bounds one console step. Preparing reserves every
// due slot; it keeps going if the browser gives up (a half-prepared run
// would wait for nobody), up to this bound. A national run is prepared
// with `prakerja payout prepare` instead.
const opsPayoutStepTimeout = 10 * time.Minute

// payoutRunner returns the maker-checker service, or an error page's
// reason when this server has none.
func (s *Server) payoutRunner() (PayoutRunner, error) {
	if pr, ok := s.payout.(PayoutRunner); ok && s.payout != nil {
		return pr, nil
	}
	return nil, errPayoutOff()
}

// opsActor is the signed-in staff member's username, who every console
// step is recorded as. Routes are guarded, so a missing one is refused
// rather than recorded as nobody.
func opsActor(r *http.Request) (string, error) {
	st := staffFrom(r.Context())
	if st == nil || st.Username == "" {
		return "", prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in.")
	}
	return st.Username, nil
}

// opsAuditContext is r's context naming the signed-in staff member as the
// actor of whatever the store records in the audit chain.
func opsAuditContext(r *http.Request) context.Context {
	if st := staffFrom(r.Context()); st != nil && st.Username != "" {
		return prakerja.WithAuditActor(r.Context(), st.Username)
	}
	return r.Context()
}

// pageOpsPayoutPrepare handles POST /ops/payouts/prepare: the maker's step,
// a run of every slot unlocked until now.
func (s *Server) pageOpsPayoutPrepare(w http.ResponseWriter, r *http.Request) {
	s.opsPayoutStep(w, r, false, func(ctx context.Context, pr PayoutRunner, actor string) (int64, error) {
		sum, err := pr.Prepare(ctx, actor, s.clock.Now(), nil)
		if err != nil {
			return 0, err
		}
		return sum.RunID, nil
	}, "prepared")
}

// pageOpsPayoutApprove handles POST /ops/payouts/runs/{id}/approve.
func (s *Server) pageOpsPayoutApprove(w http.ResponseWriter, r *http.Request) {
	s.opsPayoutStep(w, r, true, func(ctx context.Context, pr PayoutRunner, actor string) (int64, error) {
		id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
		_, _, err := pr.Approve(ctx, id, actor)
		return id, err
	}, "approved")
}

// pageOpsPayoutRefuse handles POST /ops/payouts/runs/{id}/refuse.
func (s *Server) pageOpsPayoutRefuse(w http.ResponseWriter, r *http.Request) {
	s.opsPayoutStep(w, r, true, func(ctx context.Context, pr PayoutRunner, actor string) (int64, error) {
		id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
		_, err := pr.Refuse(ctx, id, actor)
		return id, err
	}, "refused")
}

// opsPayoutStep runs one maker or checker step as the signed-in staff
// member, then goes back to the payouts page (303) with a flash, or shows
// the page again with the refusal translated (the maker approving their
// own run, a run no longer waiting).
func (s *Server) opsPayoutStep(w http.ResponseWriter, r *http.Request, needsRun bool,
	step func(context.Context, PayoutRunner, string) (int64, error), done string) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	if id, err := strconv.ParseInt(r.PathValue("id"), 10, 64); needsRun && (err != nil || id <= 0) {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeNotFound, "No such payout run."))
		return
	}
	actor, err := opsActor(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pr, err := s.payoutRunner()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), opsPayoutStepTimeout)
	defer cancel()
	runID, err := step(prakerja.WithAuditActor(ctx, actor), pr, actor)
	if err != nil {
		s.opsPayoutFailed(w, r, err)
		return
	}
	http.Redirect(w, r, "/ops/payouts?done="+done+"&run="+strconv.FormatInt(runID, 10), http.StatusSeeOther)
}

// opsPayoutFailed shows a refused step on the payouts page; an error that
// is not the staff member's to fix gets the error page.
func (s *Server) opsPayoutFailed(w http.ResponseWriter, r *http.Request, err error) {
	switch prakerja.ErrorCode(err) {
	case prakerja.CodePayoutSameOperator, prakerja.CodePayoutRunState, prakerja.CodeNotFound,
		prakerja.CodeConflict, prakerja.CodeInvalid:
	default:
		s.fail(w, r, err)
		return
	}
	v, lerr := s.opsPayoutsView(r)
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	v.Summary = []summaryItem{{Text: s.codeMessage(v.loc, err)}}
	s.render(w, r, pageStatus(w, err), "ops_payouts", v)
}

// opsPayoutFlash says which step was just done, from ?done=…&run=N.
func opsPayoutFlash(loc locale, r *http.Request) string {
	done, run := r.URL.Query().Get("done"), pageOffset(r, "run")
	switch done {
	case "prepared", "approved", "refused":
		return loc.T("ops.payouts.done."+done, run)
	}
	return ""
}
