package http

import (
	"net/http"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/onlinetest"
	"github.com/prakerja/prakerja/registration"
)

// testAttemptJSON is one past or open attempt, without its questions.
type testAttemptJSON struct {
	ID         int64      `json:"id"`
	No         int        `json:"no"`
	StartedAt  time.Time  `json:"started_at"`
	Deadline   time.Time  `json:"deadline"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	Score      *int       `json:"score,omitempty"`
	Passed     bool       `json:"passed"`
	Open       bool       `json:"open"`
}

// testStatusJSON is the history and whether (and when) a retake may start.
type testStatusJSON struct {
	Passed          bool              `json:"passed"`
	PassPercent     int               `json:"pass_percent"`
	AttemptsMax     int               `json:"attempts_max"`
	Attempts        []testAttemptJSON `json:"attempts"`
	CanStart        bool              `json:"can_start"`
	Reason          onlinetest.Reason `json:"reason,omitempty"`
	NotBefore       *time.Time        `json:"not_before,omitempty"`
	NotBeforeWIB    string            `json:"not_before_wib,omitempty"`
	OpenAttemptID   int64             `json:"open_attempt_id,omitempty"`
	OpenDeadlineWIB string            `json:"open_deadline_wib,omitempty"`
}

// apiTestStatus handles GET /api/v1/tests.
func (s *Server) apiTestStatus(w http.ResponseWriter, r *http.Request) error {
	if s.tests == nil {
		return errTestsOff()
	}
	st, err := s.tests.TestStatus(r.Context(), registrationFrom(r.Context()).ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, testStatusJSONOf(st, s.clock.Now()))
	return nil
}

func testStatusJSONOf(st *registration.TestStatus, now time.Time) testStatusJSON {
	out := testStatusJSON{Passed: st.Passed, PassPercent: st.PassPercent, AttemptsMax: st.AttemptsMax,
		Attempts: make([]testAttemptJSON, 0, len(st.Attempts)), CanStart: st.Retake.Allowed,
		Reason: st.Retake.Reason, OpenAttemptID: st.OpenAttempt}
	if !st.Retake.NotBefore.IsZero() {
		nb := st.Retake.NotBefore.UTC()
		out.NotBefore, out.NotBeforeWIB = &nb, nb.In(prakerja.WIB).Format(testDeadlineLayout)
	}
	for _, a := range st.Attempts {
		j := testAttemptJSON{ID: a.ID, No: a.No, StartedAt: a.StartedAt.UTC(), Deadline: a.Deadline.UTC(),
			Passed: a.Passed, Open: a.Open(now)}
		if !a.FinishedAt.IsZero() {
			f, score := a.FinishedAt.UTC(), a.Score
			j.FinishedAt, j.Score = &f, &score
		}
		if j.Open {
			out.OpenDeadlineWIB = a.Deadline.In(prakerja.WIB).Format(testDeadlineLayout)
		}
		out.Attempts = append(out.Attempts, j)
	}
	return out
}
