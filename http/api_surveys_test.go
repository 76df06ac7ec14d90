package http

import (
	"net/http"
	"testing"
)

// TestSurveyRoutes checks the survey API and the participant pages: the
// list, an answer (refused when out of its list), and both pages in
// Bahasa Indonesia by default and in English on request.
func TestSurveyRoutes(t *testing.T) {
	t.Parallel()
	answers := `{"employment":"employed","usefulness":4,"income_change":"up"}`
	for _, sc := range []scenario{
		{name: "List", method: "GET", url: "/api/v1/me/surveys", session: true, wantStatus: http.StatusOK,
			wantBody: []string{`"number":1`, `"state":"open"`, `"amount":50000`}},
		{name: "ErrListNoSession", method: "GET", url: "/api/v1/me/surveys", wantStatus: http.StatusUnauthorized},
		{name: "Submit", method: "POST", url: "/api/v1/me/surveys/1", body: answers, session: true,
			wantStatus: http.StatusCreated, wantBody: []string{`"surveys"`}},
		{name: "ErrSubmitBadAnswer", method: "POST", url: "/api/v1/me/surveys/1", session: true,
			body: `{"employment":"astronaut","usefulness":9,"income_change":"up"}`, wantStatus: http.StatusUnprocessableEntity,
			wantBody: []string{`"employment"`, `"usefulness"`}},
		{name: "ErrSubmitNoSuchSurvey", method: "POST", url: "/api/v1/me/surveys/99", body: answers, session: true,
			wantStatus: http.StatusNotFound},
		{name: "PageSurveys", method: "GET", url: "/survei", session: true, wantStatus: http.StatusOK,
			wantBody: []string{"Survei evaluasi", "Dapat diisi sekarang", `action="/survei/1"`, "Rp 50.000"}},
		{name: "PageSurveysEnglish", method: "GET", url: "/survei?lang=en", session: true, wantStatus: http.StatusOK,
			wantBody: []string{"Evaluation surveys", "Open now"}},
		{name: "PageSubmit", method: "POST", url: "/survei/1", session: true,
			body: "employment=employed&usefulness=4&income_change=up", wantStatus: http.StatusSeeOther,
			wantHeader: map[string]string{"Location": "/survei?sent=1"}},
		{name: "PageIncentives", method: "GET", url: "/insentif", session: true, wantStatus: http.StatusOK,
			wantBody: []string{"Jadwal insentif", "Tersedia", "Terjadwal pada", "Menunggu pelatihan selesai", "Rp 600.000"}},
		{name: "PageIncentivesEnglish", method: "GET", url: "/insentif?lang=en", session: true, wantStatus: http.StatusOK,
			wantBody: []string{"Incentive schedule", "Scheduled on"}},
		{name: "PageNoSession", method: "GET", url: "/insentif", wantStatus: http.StatusSeeOther},
	} {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			sc.run(t)
		})
	}
}

// TestIncentivesAPI checks the schedule's JSON: states, amounts and the
// due time of a scheduled slot in UTC.
func TestIncentivesAPI(t *testing.T) {
	t.Parallel()
	scenario{method: "GET", url: "/api/v1/me/incentives", session: true, wantStatus: http.StatusOK,
		wantBody: []string{`"state":"available"`, `"state":"scheduled"`, `"due_at":"`, `"amount":600000`}}.run(t)
}
