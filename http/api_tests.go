package http

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/onlinetest"
	"github.com/prakerja/prakerja/registration"
)

// TestTaker runs the online test for a signed-in registrant;
// registration.Service implements it.
type TestTaker interface {
	// StartTest starts the next attempt or returns the open one (created
	// false). Returns CodeNotFound, CodeNotVerified, CodeTestAlreadyPassed,
	// CodeTestAttemptsExhausted or CodeTestRetakeWait.
	StartTest(ctx context.Context, registrationID int64) (*registration.TestSitting, bool, error)
	// TestSitting returns one of the registrant's attempts. Returns
	// CodeNotFound.
	TestSitting(ctx context.Context, registrationID, attemptID int64) (*registration.TestSitting, error)
	// SubmitTest scores an open attempt once. Returns CodeNotFound,
	// CodeInvalid, CodeTestSubmitted or CodeTestDeadlinePassed.
	SubmitTest(ctx context.Context, registrationID, attemptID int64, answers []onlinetest.Answer) (*registration.TestOutcome, error)
	// TestStatus returns the attempts and the retake decision.
	TestStatus(ctx context.Context, registrationID int64) (*registration.TestStatus, error)
}

// testDeadlineLayout shows a deadline on the programme's clock.
const testDeadlineLayout = "02-01-2006 15:04:05 WIB"

// testSittingJSON is a started attempt: the questions without the key,
// instants in UTC and the deadline also as the registrant's clock shows it.
type testSittingJSON struct {
	ID int64 `json:"id"`
	onlinetest.View
	DeadlineWIB string `json:"deadline_wib"`
	PassPercent int    `json:"pass_percent"`
}

func testSittingJSONOf(t *registration.TestSitting) testSittingJSON {
	v := t.View
	v.StartedAt, v.Deadline = v.StartedAt.UTC(), v.Deadline.UTC()
	return testSittingJSON{ID: t.AttemptID, View: v, PassPercent: t.PassPercent,
		DeadlineWIB: v.Deadline.In(prakerja.WIB).Format(testDeadlineLayout)}
}

// testOutcomeJSON is the score of a submitted attempt.
type testOutcomeJSON struct {
	AttemptID   int64     `json:"attempt_id"`
	No          int       `json:"no"`
	Score       int       `json:"score"`
	Passed      bool      `json:"passed"`
	PassPercent int       `json:"pass_percent"`
	SubmittedAt time.Time `json:"submitted_at"`
}

// apiStartTest handles POST /api/v1/tests: 201 for a new attempt, 200 for
// the open one, so a retry never burns an attempt.
func (s *Server) apiStartTest(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req struct{}
	if err := decodeOptionalJSON(body, &req); err != nil {
		return err
	}
	if s.tests == nil {
		return errTestsOff()
	}
	sit, created, err := s.tests.StartTest(r.Context(), registrationFrom(r.Context()).ID)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, testSittingJSONOf(sit))
	return nil
}

// apiSubmitTest handles POST /api/v1/tests/{id}/answers: every answer at
// once, scored on the server.
func (s *Server) apiSubmitTest(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req struct {
		Answers []onlinetest.Answer `json:"answers"`
	}
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	if s.tests == nil {
		return errTestsOff()
	}
	id, err := attemptID(r.PathValue("id"))
	if err != nil {
		return err
	}
	out, err := s.tests.SubmitTest(r.Context(), registrationFrom(r.Context()).ID, id, req.Answers)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, testOutcomeJSON{AttemptID: out.AttemptID, No: out.No, Score: out.Score,
		Passed: out.Passed, PassPercent: out.PassPercent, SubmittedAt: out.SubmittedAt.UTC()})
	return nil
}

// attemptID parses an attempt id from a path; a bad one is not found.
func attemptID(raw string) (int64, error) {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, prakerja.Errorf(prakerja.CodeNotFound, "No such test attempt.")
	}
	return id, nil
}

// errTestsOff answers when the server runs without the test service.
func errTestsOff() error {
	return prakerja.Errorf(prakerja.CodeUnavailable, "The online test is not available on this server yet.")
}
