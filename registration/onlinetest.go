package registration

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/onlinetest"
)

// TestSitting is an attempt as its registrant sees it: the questions
// without the answer key, and the rules shown above them.
type TestSitting struct {
	AttemptID   int64
	View        onlinetest.View
	PassPercent int
}

// TestOutcome is the score of a submitted attempt.
type TestOutcome struct {
	AttemptID   int64
	No          int
	Score       int // percent of the scored points
	Passed      bool
	PassPercent int
	SubmittedAt time.Time
}

// TestStatus is a registrant's test history and whether another attempt
// may start (and if not, why and when).
type TestStatus struct {
	Attempts    []prakerja.TestAttempt // Doc cleared: the key never leaves the service
	Passed      bool
	Retake      onlinetest.Decision
	OpenAttempt int64 // the attempt still open, 0 when none
	AttemptsMax int
	PassPercent int
}

// builtinBank is parsed once: the built-in bank is the default of every
// service that was not given one.
var builtinBank = sync.OnceValue(onlinetest.Builtin)

// UseTestBank sets the online test's question bank (from configuration).
// Call it while wiring, before the service serves requests.
func (s *Service) UseTestBank(b *onlinetest.Bank) { s.bank = b }

// testBank returns the configured bank or the built-in one.
func (s *Service) testBank() *onlinetest.Bank {
	if s.bank != nil {
		return s.bank
	}
	return builtinBank()
}

// StartTest starts the registrant's next attempt, or returns the open one
// (created false) so that a reload or a retry never burns an attempt.
// Only an eligible registrant takes the test: it gates joining a wave,
// which needs eligibility anyway. Returns CodeNotFound, CodeNotVerified,
// CodeTestAlreadyPassed, CodeTestAttemptsExhausted or CodeTestRetakeWait
// (with Retry); a concurrent start that wins is answered with its attempt.
func (s *Service) StartTest(ctx context.Context, registrationID int64) (*TestSitting, bool, error) {
	now := s.now()
	rec, err := s.store.Registration(ctx, registrationID)
	if err != nil {
		return nil, false, err
	}
	if rec.Status != prakerja.StatusEligible {
		return nil, false, prakerja.Errorf(prakerja.CodeNotVerified, "The test opens once the registration is verified and eligible.")
	}
	st, err := s.testStatus(ctx, registrationID, now)
	if err != nil {
		return nil, false, err
	}
	if st.OpenAttempt != 0 {
		sit, err := s.TestSitting(ctx, registrationID, st.OpenAttempt)
		return sit, false, err
	}
	if !st.Retake.Allowed {
		return nil, false, refusal(st.Retake, now)
	}
	sit, err := s.startAttempt(ctx, registrationID, st.Retake.Next, now)
	if code := prakerja.ErrorCode(err); code == prakerja.CodeTestInProgress || code == prakerja.CodeConflict {
		return s.lostStart(ctx, registrationID, now, err)
	}
	return sit, err == nil, err
}

// lostStart answers a start that a concurrent one (a double click) beat:
// the winner's open attempt, as if this request had come second.
func (s *Service) lostStart(ctx context.Context, regID int64, now time.Time, lost error) (*TestSitting, bool, error) {
	st, err := s.testStatus(ctx, regID, now)
	if err != nil {
		return nil, false, err
	}
	if st.OpenAttempt == 0 {
		return nil, false, lost
	}
	sit, err := s.TestSitting(ctx, regID, st.OpenAttempt)
	return sit, false, err
}

// startAttempt draws and stores attempt no.
func (s *Service) startAttempt(ctx context.Context, regID int64, no int, now time.Time) (*TestSitting, error) {
	b := s.testBank()
	a := onlinetest.Start(b, strconv.FormatInt(regID, 10), no, now, onlinetest.NewSeed())
	doc, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("start test: %w", err)
	}
	ta := &prakerja.TestAttempt{RegistrationID: regID, No: no, Bank: a.Bank, BankVersion: a.BankVersion,
		Doc: doc, StartedAt: a.StartedAt, Deadline: a.Deadline}
	if err := s.store.StartTestAttempt(ctx, ta, now); err != nil {
		return nil, err
	}
	return &TestSitting{AttemptID: ta.ID, View: a.View(), PassPercent: a.PassPercent}, nil
}

// refusal turns a retake decision into the error the registrant sees.
func refusal(d onlinetest.Decision, now time.Time) error {
	switch d.Reason {
	case onlinetest.ReasonPassed:
		return prakerja.Errorf(prakerja.CodeTestAlreadyPassed, "The test is already passed; a pass is kept for every wave.")
	case onlinetest.ReasonExhausted:
		return prakerja.Errorf(prakerja.CodeTestAttemptsExhausted, "Every allowed attempt of the test is used.")
	case onlinetest.ReasonInProgress:
		return prakerja.Errorf(prakerja.CodeTestInProgress, "An attempt of the test is still open.")
	}
	e := prakerja.Errorf(prakerja.CodeTestRetakeWait, "The test may be taken again after %s WIB.",
		d.NotBefore.In(prakerja.WIB).Format("02-01-2006 15:04"))
	e.Retry = d.NotBefore.Sub(now)
	return e
}

// TestSitting returns an attempt of the registrant for showing again.
// Another registrant's attempt is reported as not found, not forbidden,
// so attempt ids reveal nothing. Returns CodeNotFound.
func (s *Service) TestSitting(ctx context.Context, registrationID, attemptID int64) (*TestSitting, error) {
	ta, a, err := s.ownAttempt(ctx, registrationID, attemptID)
	if err != nil {
		return nil, err
	}
	return &TestSitting{AttemptID: ta.ID, View: a.View(), PassPercent: a.PassPercent}, nil
}

// ownAttempt reads an attempt of the registrant and decodes its document.
func (s *Service) ownAttempt(ctx context.Context, regID, attemptID int64) (*prakerja.TestAttempt, *onlinetest.Attempt, error) {
	ta, err := s.store.TestAttempt(ctx, attemptID)
	if err == nil && ta.RegistrationID != regID {
		err = prakerja.Errorf(prakerja.CodeNotFound, "Test attempt %d not found.", attemptID)
	}
	if err != nil {
		return nil, nil, err
	}
	var a onlinetest.Attempt
	if err := json.Unmarshal(ta.Doc, &a); err != nil {
		return nil, nil, fmt.Errorf("test attempt %d: %w", attemptID, err)
	}
	return ta, &a, nil
}

// SubmitTest scores the answers of an open attempt, once, with the clock
// read once: the same instant decides the deadline here and in the store.
// Returns CodeNotFound, CodeInvalid (with Fields), CodeTestSubmitted or
// CodeTestDeadlinePassed.
func (s *Service) SubmitTest(ctx context.Context, registrationID, attemptID int64, answers []onlinetest.Answer) (*TestOutcome, error) {
	now := s.now()
	ta, a, err := s.ownAttempt(ctx, registrationID, attemptID)
	if err != nil {
		return nil, err
	}
	if !ta.FinishedAt.IsZero() {
		return nil, prakerja.Errorf(prakerja.CodeTestSubmitted, "The answers of this attempt were already sent.")
	}
	res, err := onlinetest.Score(*a, answers, now)
	if errors.Is(err, onlinetest.ErrDeadlinePassed) {
		return nil, prakerja.Errorf(prakerja.CodeTestDeadlinePassed, "The time for this attempt is over.")
	}
	if err != nil {
		return nil, err
	}
	if _, err := s.store.FinishTestAttempt(ctx, ta.ID, res.Percent, res.Passed, now); err != nil {
		return nil, err
	}
	return &TestOutcome{AttemptID: ta.ID, No: ta.No, Score: res.Percent, Passed: res.Passed,
		PassPercent: a.PassPercent, SubmittedAt: now}, nil
}

// TestStatus returns the registrant's attempts and the retake decision at
// the server's clock.
func (s *Service) TestStatus(ctx context.Context, registrationID int64) (*TestStatus, error) {
	return s.testStatus(ctx, registrationID, s.now())
}

func (s *Service) testStatus(ctx context.Context, regID int64, now time.Time) (*TestStatus, error) {
	list, err := s.store.TestAttempts(ctx, regID)
	if err != nil {
		return nil, err
	}
	rules := s.testBank().Rules
	st := &TestStatus{AttemptsMax: rules.AttemptsMax, PassPercent: rules.PassPercent}
	history := make([]onlinetest.Record, 0, len(list))
	for i := range list {
		ta := &list[i]
		ta.Doc = nil
		st.Passed = st.Passed || ta.Passed
		if ta.Open(now) {
			st.OpenAttempt = ta.ID
		}
		history = append(history, onlinetest.Record{No: ta.No, StartedAt: ta.StartedAt, Deadline: ta.Deadline,
			SubmittedAt: ta.FinishedAt, Passed: ta.Passed})
	}
	st.Attempts, st.Retake = list, rules.CanRetake(history, now)
	return st, nil
}
