package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/prakerja/prakerja"
)

func init() { pageNames = append(pageNames, "ops_data_requests", "ops_data_request") }

// opsDataRequestsPage bounds one page of the queue.
const opsDataRequestsPage = 50

// answerInput is the staff answer's text.
var answerInput = inputSpec{Name: "answer", Type: "text", MaxLen: prakerja.DataRequestAnswerMax, Hint: true}

// opsDataRequestsView is /ops/data-requests: open requests by deadline
// (overdue said in words), or every request with ?state=all.
type opsDataRequestsView struct {
	pageBase
	All      bool
	Requests []dataRequestView
	Next     int64
	Overdue  int
}

// pageOpsDataRequests handles GET /ops/data-requests[?state=all][&from=N].
func (s *Server) pageOpsDataRequests(w http.ResponseWriter, r *http.Request) {
	if s.dataRequests == nil {
		s.fail(w, r, errDataRequestsOff())
		return
	}
	all := r.URL.Query().Get("state") == "all"
	f := prakerja.DataRequestFilter{State: prakerja.DataRequestOpen, Offset: pageOffset(r, "from"), Limit: opsDataRequestsPage}
	self := "/ops/data-requests"
	if all {
		f.State, self = "", self+"?state=all"
	}
	ctx, cancel := opsContext(r)
	defer cancel()
	qs, err := s.dataRequests.Queue(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &opsDataRequestsView{pageBase: s.base(r, "ops.datareq.heading", self), All: all}
	v.Wide = true
	now := s.clock.Now()
	for _, q := range qs {
		dv := dataRequestViewOf(q, now)
		dv.Details, dv.Answer = "", "" // the queue shows no personal data; the request page does
		if dv.Overdue {
			v.Overdue++
		}
		v.Requests = append(v.Requests, dv)
	}
	if len(qs) == opsDataRequestsPage {
		v.Next = f.Offset + opsDataRequestsPage
	}
	if r.URL.Query().Get("done") != "" {
		v.Flash = v.T("ops.datareq.done")
	}
	s.render(w, r, http.StatusOK, "ops_data_requests", v)
}

// opsDataRequestView is one request with the answer form.
type opsDataRequestView struct {
	pageBase
	Request     dataRequestView
	Answer      inputView
	Decision    string
	DecisionErr string
	Withdrawal  bool
}

// pageOpsDataRequest handles GET /ops/data-requests/{id}.
func (s *Server) pageOpsDataRequest(w http.ResponseWriter, r *http.Request) {
	s.renderOpsDataRequest(w, r, http.StatusOK, "", "", formErrors{})
}

// renderOpsDataRequest shows the request, refilling a refused answer.
func (s *Server) renderOpsDataRequest(w http.ResponseWriter, r *http.Request, status int, decision, answer string, fe formErrors) {
	if s.dataRequests == nil {
		s.fail(w, r, errDataRequestsOff())
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeNotFound, "No such request."))
		return
	}
	ctx, cancel := opsContext(r)
	defer cancel()
	q, err := s.dataRequests.Request(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &opsDataRequestView{pageBase: s.base(r, "ops.datareq.request", "/ops/data-requests/"+strconv.FormatInt(id, 10)),
		Request: dataRequestViewOf(q, s.clock.Now()), Decision: decision, Withdrawal: q.Kind == prakerja.DataWithdrawal}
	v.Summary = fe.summary
	v.Answer = answerInput.view(v.loc, answer, fe.byField["answer"])
	v.DecisionErr = fe.byField["decision"]
	s.render(w, r, status, "ops_data_request", v)
}

// pageOpsDataRequestAnswer handles POST /ops/data-requests/{id}: answer
// or reject, as the signed-in staff member; answering a withdrawal
// withdraws the registration. The store audits it in the same transaction.
func (s *Server) pageOpsDataRequestAnswer(w http.ResponseWriter, r *http.Request) {
	st := staffFrom(r.Context())
	if st == nil {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeUnauthorized, "Sign in to answer."))
		return
	}
	if s.dataRequests == nil {
		s.fail(w, r, errDataRequestsOff())
		return
	}
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeNotFound, "No such request."))
		return
	}
	decision, answer := r.PostForm.Get("decision"), strings.TrimSpace(r.PostForm.Get("answer"))
	_, err = s.dataRequests.Answer(r.Context(), id, prakerja.DataRequestState(decision), st.Username, answer)
	switch prakerja.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/ops/data-requests?done="+strconv.FormatInt(id, 10), http.StatusSeeOther)
	case prakerja.CodeInvalid, prakerja.CodeConflict:
		fe := s.translateError(localeFor(r), err, []string{"decision", "answer"})
		s.renderOpsDataRequest(w, r, pageStatus(w, err), decision, answer, fe)
	default:
		s.fail(w, r, err)
	}
}
