package http

import (
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
)

// testResultView is the score of one attempt.
type testResultView struct {
	pageBase
	No          int
	Score       int
	PassPercent int
	Passed      bool
	CanRetake   bool
}

// pageTestSubmit handles POST /test/{id}/answers: the whole answer sheet
// at once, then the result on its own GET page, so a reload does not send
// the answers again.
func (s *Server) pageTestSubmit(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	if s.tests == nil {
		s.fail(w, r, errTestsOff())
		return
	}
	id, err := attemptID(r.PathValue("id"))
	if err == nil {
		_, err = s.tests.SubmitTest(r.Context(), reg.ID, id, formAnswers(r))
	}
	if err != nil {
		s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
		s.renderError(w, r, err, "/test", "test.heading")
		return
	}
	http.Redirect(w, r, "/test/"+strconv.FormatInt(id, 10)+"/result", http.StatusSeeOther)
}

// pageTestResult handles GET /test/{id}/result.
func (s *Server) pageTestResult(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	if s.tests == nil {
		s.fail(w, r, errTestsOff())
		return
	}
	id, err := attemptID(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.tests.TestStatus(r.Context(), reg.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &testResultView{pageBase: s.base(r, "test.result_heading", "/test/"+strconv.FormatInt(id, 10)+"/result"),
		PassPercent: st.PassPercent, CanRetake: st.Retake.Allowed}
	for _, a := range st.Attempts {
		if a.ID == id && !a.FinishedAt.IsZero() {
			v.No, v.Score, v.Passed = a.No, a.Score, a.Passed
			s.render(w, r, http.StatusOK, "test_result", v)
			return
		}
	}
	s.fail(w, r, prakerja.Errorf(prakerja.CodeNotFound, "No such test result."))
}
