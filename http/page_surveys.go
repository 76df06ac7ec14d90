package http

import (
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
	"github.com/prakerja/prakerja/scheme"
)

// The survey and incentive pages register themselves with the page set,
// so the shared list in page.go need not change for them.
func init() { pageNames = append(pageNames, "surveys", "incentives") }

// surveyDateLayout shows a day on the programme's clock.
const surveyDateLayout = "02-01-2006"

// surveyView is one survey on /survei.
type surveyView struct {
	Slot     int
	StateKey string
	Amount   string
	Open     bool // the form is shown
}

// surveysView is /survei: every survey with its state and, for the open
// one, its form; the answers' choices come from the domain's lists.
type surveysView struct {
	pageBase
	Surveys      []surveyView
	ClosesOn     string
	Employment   []string
	IncomeChange []string
	Usefulness   []int
}

// pageSurveys handles GET /survei.
func (s *Server) pageSurveys(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	if s.views == nil {
		s.renderError(w, r, errViewsOff(), "/dashboard", "dashboard.heading")
		return
	}
	list, err := s.views.Surveys(r.Context(), reg.ID, s.clock.Now())
	if err != nil {
		s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
		s.renderError(w, r, err, "/dashboard", "dashboard.heading")
		return
	}
	v := &surveysView{pageBase: s.base(r, "survey.heading", "/survei"),
		Employment: prakerja.SurveyEmploymentValues, IncomeChange: prakerja.SurveyIncomeChangeValues}
	for n := prakerja.SurveyUsefulnessMin; n <= prakerja.SurveyUsefulnessMax; n++ {
		v.Usefulness = append(v.Usefulness, n)
	}
	for _, sv := range list {
		v.Surveys = append(v.Surveys, surveyView{Slot: sv.Slot, StateKey: "survey.state." + sv.State,
			Amount: scheme.FormatRupiah(sv.Amount), Open: sv.State == jobs.SurveyOpen})
		v.ClosesOn = sv.ClosesAt.In(prakerja.WIB).AddDate(0, 0, -1).Format(surveyDateLayout)
	}
	if r.URL.Query().Get("sent") == "1" {
		v.Flash = v.T("survey.sent")
	}
	s.render(w, r, http.StatusOK, "surveys", v)
}

// pageSurveySubmit handles POST /survei/{n}: the form's answers, then back
// to the list.
func (s *Server) pageSurveySubmit(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	err := s.parseForm(w, r)
	if err == nil && s.views == nil {
		err = errViewsOff()
	}
	var slot int
	if err == nil {
		slot, err = surveySlot(r.PathValue("n"))
	}
	if err == nil {
		usefulness, _ := strconv.Atoi(r.PostForm.Get("usefulness"))
		a := prakerja.SurveyAnswers{Employment: r.PostForm.Get("employment"), Usefulness: usefulness,
			IncomeChange: r.PostForm.Get("income_change")}
		err = s.views.SubmitSurvey(r.Context(), reg.ID, slot, a, s.clock.Now())
	}
	if err != nil {
		s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
		s.renderError(w, r, err, "/survei", "survey.heading")
		return
	}
	http.Redirect(w, r, "/survei?sent=1", http.StatusSeeOther)
}
