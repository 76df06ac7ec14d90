package http

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/onlinetest"
	"github.com/prakerja/prakerja/registration"
)

// testAnswerPrefix starts the form name of a question's radio group
// ("q.num-01"); question ids are ASCII identifiers, safe in a name.
const testAnswerPrefix = "q."

// testView is the /test page: either the open attempt's questions in one
// form, or the rules, the history and the start button.
type testView struct {
	pageBase
	AttemptID   int64
	Title       string
	DeadlineWIB string
	Questions   []testQuestionView
	PassPercent int
	AttemptsMax int
	Passed      bool
	CanStart    bool
	Refusal     string // why no attempt may start now, translated
	History     []testHistoryView
}

// testQuestionView is one question with its options as radio buttons.
type testQuestionView struct {
	Num     int
	Name    string
	Section string // the section title, on the first question of a section
	Passage string
	Text    string
	Options []testOptionView
}

// testOptionView is one radio button.
type testOptionView struct {
	ID    string
	Value int
	Text  string
}

// testHistoryView is one finished or lapsed attempt.
type testHistoryView struct {
	No     int
	Score  string // "—" when never submitted
	Passed bool
}

// pageTest handles GET /test.
func (s *Server) pageTest(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	if s.tests == nil {
		s.fail(w, r, errTestsOff())
		return
	}
	st, err := s.tests.TestStatus(r.Context(), reg.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &testView{pageBase: s.base(r, "test.heading", "/test")}
	if st.OpenAttempt != 0 {
		sit, err := s.tests.TestSitting(r.Context(), reg.ID, st.OpenAttempt)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		fillSitting(v, sit)
	} else {
		fillIntro(v, st)
	}
	if reg.Status != prakerja.StatusEligible && !st.Passed && st.OpenAttempt == 0 {
		// The service would refuse the start; say why before the click.
		v.CanStart, v.Refusal = false, v.T("test.not_eligible")
	}
	s.render(w, r, http.StatusOK, "test", v)
}

// fillSitting puts the questions of an open attempt on the page, in the
// page's language only, which keeps a 20-question page small.
func fillSitting(v *testView, sit *registration.TestSitting) {
	view := sit.View
	v.AttemptID, v.Title, v.PassPercent = sit.AttemptID, textIn(v.loc, view.Title), sit.PassPercent
	v.DeadlineWIB = view.Deadline.In(prakerja.WIB).Format(testDeadlineLayout)
	section := ""
	for i, q := range view.Questions {
		qv := testQuestionView{Num: i + 1, Name: testAnswerPrefix + q.ID, Text: textIn(v.loc, q.Text)}
		if q.Section != section {
			section, qv.Section = q.Section, textIn(v.loc, q.SectionTitle)
		}
		if q.Passage != nil {
			qv.Passage = textIn(v.loc, *q.Passage)
		}
		for j, o := range q.Options {
			qv.Options = append(qv.Options, testOptionView{ID: "q" + strconv.Itoa(i+1) + "o" + strconv.Itoa(j),
				Value: j, Text: textIn(v.loc, o)})
		}
		v.Questions = append(v.Questions, qv)
	}
}

// fillIntro shows the rules, the past attempts and whether one may start.
func fillIntro(v *testView, st *registration.TestStatus) {
	v.PassPercent, v.AttemptsMax, v.Passed, v.CanStart = st.PassPercent, st.AttemptsMax, st.Passed, st.Retake.Allowed
	for _, a := range st.Attempts {
		h := testHistoryView{No: a.No, Score: "—", Passed: a.Passed}
		if !a.FinishedAt.IsZero() {
			h.Score = strconv.Itoa(a.Score)
		}
		v.History = append(v.History, h)
	}
	switch st.Retake.Reason {
	case onlinetest.ReasonExhausted:
		v.Refusal = v.T("code." + string(prakerja.CodeTestAttemptsExhausted))
	case onlinetest.ReasonWaitRequired:
		v.Refusal = v.T("test.wait_until", st.Retake.NotBefore.In(prakerja.WIB).Format(testDeadlineLayout))
	}
}

// textIn picks the page's language of a bilingual text.
func textIn(loc locale, t onlinetest.Text) string {
	if loc == localeEN && t.EN != "" {
		return t.EN
	}
	return t.ID
}

// pageTestStart handles POST /test/start, the "Mulai Tes Sekarang"
// button; the questions then show on GET /test, so a reload is harmless.
func (s *Server) pageTestStart(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	if s.tests == nil {
		s.fail(w, r, errTestsOff())
		return
	}
	if _, _, err := s.tests.StartTest(r.Context(), reg.ID); err != nil {
		s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
		s.renderError(w, r, err, "/test", "test.heading")
		return
	}
	http.Redirect(w, r, "/test", http.StatusSeeOther)
}

// formAnswers reads the radio groups of the answer form, in name order.
// A value that is no number becomes option -1, which scoring refuses.
func formAnswers(r *http.Request) []onlinetest.Answer {
	var out []onlinetest.Answer
	for name, vals := range r.PostForm {
		id, ok := strings.CutPrefix(name, testAnswerPrefix)
		if !ok || len(vals) == 0 {
			continue
		}
		opt, err := strconv.Atoi(vals[0])
		if err != nil {
			opt = -1
		}
		out = append(out, onlinetest.Answer{QuestionID: id, Option: opt})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].QuestionID < out[j].QuestionID })
	return out
}
