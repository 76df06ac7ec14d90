package http

import (
	"context"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/onlinetest"
	"github.com/prakerja/prakerja/registration"
)

// testsFake is a TestTaker for the handlers: one bank (the built-in one),
// one attempt per registrant kept in memory, and function fields to force
// an answer.
type testsFake struct {
	mu       sync.Mutex
	attempt  *onlinetest.Attempt
	finished bool
	passed   bool
	// startFn and submitFn, when set, answer StartTest and SubmitTest.
	startFn  func() error
	submitFn func(answers []onlinetest.Answer) (*registration.TestOutcome, error)
	// answers records the answers of each SubmitTest call.
	answers [][]onlinetest.Answer
}

var _ TestTaker = (*testsFake)(nil)

const fakeAttemptID = 7

func (f *testsFake) sitting() *registration.TestSitting {
	return &registration.TestSitting{AttemptID: fakeAttemptID, View: f.attempt.View(), PassPercent: f.attempt.PassPercent}
}

func (f *testsFake) StartTest(_ context.Context, regID int64) (*registration.TestSitting, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.startFn != nil {
		if err := f.startFn(); err != nil {
			return nil, false, err
		}
	}
	if f.attempt != nil {
		return f.sitting(), false, nil
	}
	a := onlinetest.Start(onlinetest.Builtin(), "42", 1, testNow, onlinetest.Seed{})
	f.attempt = &a
	return f.sitting(), true, nil
}

func (f *testsFake) TestSitting(_ context.Context, _, id int64) (*registration.TestSitting, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.attempt == nil || id != fakeAttemptID {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No such attempt.")
	}
	return f.sitting(), nil
}

func (f *testsFake) SubmitTest(_ context.Context, _, id int64, answers []onlinetest.Answer) (*registration.TestOutcome, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answers = append(f.answers, answers)
	if f.submitFn != nil {
		return f.submitFn(answers)
	}
	f.finished, f.passed = true, true
	return &registration.TestOutcome{AttemptID: id, No: 1, Score: 75, Passed: true, PassPercent: 60, SubmittedAt: testNow}, nil
}

func (f *testsFake) TestStatus(context.Context, int64) (*registration.TestStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := &registration.TestStatus{AttemptsMax: 3, PassPercent: 60, Passed: f.passed,
		Retake: onlinetest.Decision{Allowed: f.attempt == nil, Next: 1}}
	if f.attempt != nil {
		ta := prakerja.TestAttempt{ID: fakeAttemptID, No: 1, StartedAt: f.attempt.StartedAt, Deadline: f.attempt.Deadline,
			Passed: f.passed}
		if f.finished {
			ta.FinishedAt, ta.Score = testNow.Add(10*time.Minute), 75
			st.Retake = onlinetest.Decision{Reason: onlinetest.ReasonPassed}
		} else {
			st.OpenAttempt = fakeAttemptID
			st.Retake = onlinetest.Decision{Reason: onlinetest.ReasonInProgress}
		}
		st.Attempts = []prakerja.TestAttempt{ta}
	}
	return st, nil
}

// statusFake is a StatusChecker answering a fixed status, or fn's.
type statusFake struct {
	fn func(in registration.StatusCheckInput, c prakerja.Client) (prakerja.PublicStatus, error)
}

var _ StatusChecker = (*statusFake)(nil)

func (f *statusFake) CheckStatus(_ context.Context, in registration.StatusCheckInput, c prakerja.Client) (prakerja.PublicStatus, error) {
	if f.fn != nil {
		return f.fn(in, c)
	}
	return prakerja.PublicInSelection, nil
}
