package http

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
)

// ProgrammeViews answers a participant's questions about surveys and the
// incentive schedule; jobs.Service implements it.
type ProgrammeViews interface {
	// Surveys lists the scheme's surveys with their state. Returns
	// CodeNotFound for a registrant without a card.
	Surveys(ctx context.Context, registrationID int64, now time.Time) ([]jobs.Survey, error)
	// SubmitSurvey stores one survey's answers. Returns CodeNotFound,
	// CodeInvalid, CodeSurveyNotOpen, CodeSurveyClosed or CodeSurveyDone.
	SubmitSurvey(ctx context.Context, registrationID int64, slot int, a prakerja.SurveyAnswers, now time.Time) error
	// Incentives lists the incentive slots with their state. Returns
	// CodeNotFound for a registrant without a card.
	Incentives(ctx context.Context, registrationID int64) ([]jobs.Incentive, error)
}

// surveysJSON is GET /api/v1/me/surveys.
type surveysJSON struct {
	Surveys []jobs.Survey `json:"surveys"`
}

// apiMySurveys handles GET /api/v1/me/surveys.
func (s *Server) apiMySurveys(w http.ResponseWriter, r *http.Request) error {
	if s.views == nil {
		return errViewsOff()
	}
	list, err := s.views.Surveys(r.Context(), registrationFrom(r.Context()).ID, s.clock.Now())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, surveysJSON{Surveys: utcSurveys(list)})
	return nil
}

// apiSubmitSurvey handles POST /api/v1/me/surveys/{n}: the answers, once;
// the survey incentive is unlocked by a job right after.
func (s *Server) apiSubmitSurvey(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req prakerja.SurveyAnswers
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	if s.views == nil {
		return errViewsOff()
	}
	slot, err := surveySlot(r.PathValue("n"))
	if err != nil {
		return err
	}
	id, now := registrationFrom(r.Context()).ID, s.clock.Now()
	if err := s.views.SubmitSurvey(r.Context(), id, slot, req, now); err != nil {
		return err
	}
	list, err := s.views.Surveys(r.Context(), id, now)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, surveysJSON{Surveys: utcSurveys(list)})
	return nil
}

// surveySlot parses a survey number from a path; a bad one is not found.
func surveySlot(raw string) (int, error) {
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > prakerja.SurveySlotMax {
		return 0, prakerja.Errorf(prakerja.CodeNotFound, "No such survey.")
	}
	return n, nil
}

func utcSurveys(list []jobs.Survey) []jobs.Survey {
	for i := range list {
		list[i].ClosesAt = list[i].ClosesAt.UTC()
		if !list[i].SubmittedAt.IsZero() {
			list[i].SubmittedAt = list[i].SubmittedAt.UTC()
		}
	}
	return list
}

// errViewsOff answers when the server runs without the jobs service.
func errViewsOff() error {
	return prakerja.Errorf(prakerja.CodeUnavailable, "Surveys and incentives are not available on this server yet.")
}

// incentivesJSON is GET /api/v1/me/incentives.
type incentivesJSON struct {
	Incentives []jobs.Incentive `json:"incentives"`
}

// apiMyIncentives handles GET /api/v1/me/incentives: the incentive
// schedule, slot by slot, as the /insentif page shows it.
func (s *Server) apiMyIncentives(w http.ResponseWriter, r *http.Request) error {
	if s.views == nil {
		return errViewsOff()
	}
	list, err := s.views.Incentives(r.Context(), registrationFrom(r.Context()).ID)
	if err != nil {
		return err
	}
	for i := range list {
		if !list[i].DueAt.IsZero() {
			list[i].DueAt = list[i].DueAt.UTC()
		}
	}
	writeJSON(w, http.StatusOK, incentivesJSON{Incentives: list})
	return nil
}
