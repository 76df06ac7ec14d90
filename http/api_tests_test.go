package http

import (
	"net/http"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/onlinetest"
	"github.com/prakerja/prakerja/registration"
)

// newTestsEnv is a server whose signed-in registrant is eligible.
func newTestsEnv(t *testing.T) *testEnv {
	t.Helper()
	svc := &mock.RegistrationService{}
	withSession(svc, prakerja.StatusEligible)
	return newTestEnv(t, svc)
}

func TestAPIStartTest(t *testing.T) {
	t.Parallel()
	env := newTestsEnv(t)
	sc := scenario{method: "POST", url: "/api/v1/tests", session: true, wantStatus: http.StatusCreated,
		wantBody: []string{`"id":7`, `"deadline":"2020-04-16T03:30:00Z"`, `"deadline_wib":"16-04-2020 10:30:00 WIB"`,
			`"pass_percent":60`, `"questions":[`},
		notBody: []string{`"correct"`, `"points"`, `"seed"`}}
	sc.check(t, env.do(sc.request()))
	sc.wantStatus = http.StatusOK // the open attempt again, not a new one
	sc.check(t, env.do(sc.request()))
	scenario{method: "POST", url: "/api/v1/tests", wantStatus: http.StatusUnauthorized}.check(t, env.do(scenario{method: "POST", url: "/api/v1/tests"}.request()))
}

func TestAPIStartTestRefused(t *testing.T) {
	t.Parallel()
	wait := func() error {
		e := prakerja.Errorf(prakerja.CodeTestRetakeWait, "Later.")
		e.Retry = 24 * time.Hour
		return e
	}
	tests := []struct {
		name   string
		err    func() error
		status int
		header map[string]string
	}{
		{"ErrTestRetakeWait", wait, http.StatusConflict, map[string]string{"Retry-After": "86400"}},
		{"ErrTestAttemptsExhausted", func() error { return prakerja.Errorf(prakerja.CodeTestAttemptsExhausted, "x") }, http.StatusForbidden, nil},
		{"ErrTestAlreadyPassed", func() error { return prakerja.Errorf(prakerja.CodeTestAlreadyPassed, "x") }, http.StatusConflict, nil},
		{"ErrNotVerified", func() error { return prakerja.Errorf(prakerja.CodeNotVerified, "x") }, http.StatusForbidden, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newTestsEnv(t)
			env.tests.startFn = tt.err
			code := string(prakerja.ErrorCode(tt.err()))
			sc := scenario{method: "POST", url: "/api/v1/tests", session: true, wantStatus: tt.status,
				wantType: contentTypeProblem, wantHeader: tt.header, wantBody: []string{`"code":"` + code + `"`}}
			sc.check(t, env.do(sc.request()))
		})
	}
}

func TestAPISubmitTest(t *testing.T) {
	t.Parallel()
	env := newTestsEnv(t)
	start := scenario{method: "POST", url: "/api/v1/tests", session: true}
	env.do(start.request())
	sc := scenario{method: "POST", url: "/api/v1/tests/7/answers", session: true,
		body: `{"answers":[{"question_id":"num-01","option":2}]}`, wantStatus: http.StatusOK,
		wantBody: []string{`"attempt_id":7`, `"score":75`, `"passed":true`, `"pass_percent":60`, `"submitted_at":"2020-04-16T03:00:00Z"`}}
	sc.check(t, env.do(sc.request()))
	if got := env.tests.answers; len(got) != 1 || got[0][0] != (onlinetest.Answer{QuestionID: "num-01", Option: 2}) {
		t.Fatalf("answers = %v", got)
	}
	env.tests.submitFn = func([]onlinetest.Answer) (*registration.TestOutcome, error) {
		return nil, prakerja.Errorf(prakerja.CodeTestDeadlinePassed, "Over.")
	}
	sc.wantStatus, sc.wantBody = http.StatusConflict, []string{`"code":"test_deadline_passed"`}
	sc.check(t, env.do(sc.request()))
	bad := scenario{method: "POST", url: "/api/v1/tests/x/answers", session: true, body: `{"answers":[]}`,
		wantStatus: http.StatusNotFound}
	bad.check(t, env.do(bad.request()))
}

func TestAPITestStatus(t *testing.T) {
	t.Parallel()
	env := newTestsEnv(t)
	sc := scenario{method: "GET", url: "/api/v1/tests", session: true, wantStatus: http.StatusOK,
		wantBody: []string{`"passed":false`, `"attempts":[]`, `"can_start":true`, `"attempts_max":3`}}
	sc.check(t, env.do(sc.request()))
	env.do(scenario{method: "POST", url: "/api/v1/tests", session: true}.request())
	sc.wantBody = []string{`"open":true`, `"open_attempt_id":7`, `"reason":"attempt_in_progress"`, `"open_deadline_wib":"16-04-2020 10:30:00 WIB"`}
	sc.check(t, env.do(sc.request()))
}
