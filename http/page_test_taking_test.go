package http

import (
	"html/template"
	"net/http"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/onlinetest"
)

// testPageMax is the page budget of a phone on a slow link (README).
const testPageMax = 100 << 10

func TestPageTestFlow(t *testing.T) {
	t.Parallel()
	env := newTestsEnv(t)
	intro := scenario{method: "GET", url: "/test", session: true, wantStatus: http.StatusOK, wantType: "text/html",
		wantBody: []string{template.HTMLEscapeString(messagesID["test.heading"]), `action="/test/start"`, messagesID["test.start"]}}
	intro.check(t, env.do(intro.request()))

	start := scenario{method: "POST", url: "/test/start", session: true, body: "x=1", wantStatus: http.StatusSeeOther,
		wantHeader: map[string]string{"Location": "/test"}}
	start.check(t, env.do(start.request()))

	rec := env.do(scenario{method: "GET", url: "/test", session: true}.request())
	q := scenario{wantStatus: http.StatusOK, wantBody: []string{`action="/test/7/answers"`, `type="radio"`,
		`name="q.`, "16-04-2020 10:30:00 WIB"}, notBody: []string{"<script"}}
	q.check(t, rec)
	if n := rec.Body.Len(); n > testPageMax {
		t.Errorf("test page is %d bytes, over %d", n, testPageMax)
	}
	first := env.tests.attempt.Items[0].QuestionID
	submit := scenario{method: "POST", url: "/test/7/answers", session: true, body: "q." + first + "=1",
		wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/test/7/result"}}
	submit.check(t, env.do(submit.request()))
	if got := env.tests.answers; len(got) != 1 || got[0][0] != (onlinetest.Answer{QuestionID: first, Option: 1}) {
		t.Fatalf("answers = %v", got)
	}
	result := scenario{method: "GET", url: "/test/7/result?lang=en", session: true, wantStatus: http.StatusOK,
		wantBody: []string{messagesEN["test.result_heading"], "<strong>75</strong>", messagesEN["test.passed"]}}
	result.check(t, env.do(result.request()))
}

func TestPageTestEnglishQuestions(t *testing.T) {
	t.Parallel()
	env := newTestsEnv(t)
	env.do(scenario{method: "POST", url: "/test/start", session: true, body: "x=1"}.request())
	rec := env.do(scenario{method: "GET", url: "/test?lang=en", session: true}.request())
	a := env.tests.attempt
	scenario{wantStatus: http.StatusOK, wantBody: []string{a.Items[0].Text.EN}}.check(t, rec)
	if a.Items[0].Text.ID != a.Items[0].Text.EN && strings.Contains(rec.Body.String(), a.Items[0].Text.ID) {
		t.Error("the English page shows the Indonesian question too")
	}
}

func TestPageTestRefusals(t *testing.T) {
	t.Parallel()
	env := newTestsEnv(t)
	env.tests.startFn = func() error { return prakerja.Errorf(prakerja.CodeTestAttemptsExhausted, "x") }
	sc := scenario{method: "POST", url: "/test/start", session: true, body: "x=1", wantStatus: http.StatusForbidden,
		wantBody: []string{messagesID["code.test_attempts_exhausted"], `href="/test"`}}
	sc.check(t, env.do(sc.request()))
	late := scenario{method: "POST", url: "/test/9/answers", session: true, body: "x=1", wantStatus: http.StatusSeeOther}
	late.check(t, env.do(late.request())) // the fake accepts any id; the flow test covers the happy path
	noSession := scenario{method: "GET", url: "/test", wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/login"}}
	noSession.check(t, env.do(noSession.request()))
}

func TestDashboardTestLink(t *testing.T) {
	t.Parallel()
	env := newTestsEnv(t)
	sc := scenario{method: "GET", url: "/dashboard", session: true, wantStatus: http.StatusOK,
		wantBody: []string{`href="/test"`, messagesID["dashboard.take_test"]}}
	sc.check(t, env.do(sc.request()))
	env.tests.passed = true
	sc.wantBody, sc.notBody = nil, []string{messagesID["dashboard.take_test"]}
	sc.check(t, env.do(sc.request()))
}

func TestPageTestNotEligible(t *testing.T) {
	t.Parallel()
	svc := &mock.RegistrationService{}
	withSession(svc, prakerja.StatusPhoneVerified)
	env := newTestEnv(t, svc)
	sc := scenario{method: "GET", url: "/test", session: true, wantStatus: http.StatusOK,
		wantBody: []string{messagesID["test.not_eligible"]}, notBody: []string{`action="/test/start"`}}
	sc.check(t, env.do(sc.request()))
	dash := scenario{method: "GET", url: "/dashboard", session: true, wantStatus: http.StatusOK,
		notBody: []string{messagesID["dashboard.take_test"]}}
	dash.check(t, env.do(dash.request()))
}
