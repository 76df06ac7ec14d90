package http

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registration"
)

// disputeBody is a complete dispute request.
const disputeBody = `{"nik":"` + testNIK + `","full_name":"Siti Aminah","phone":"` + testPhone +
	`","statement":"Saya tidak pernah mendaftar di Prakerja."}`

// disputeForm is the same dispute as the page posts it.
var disputeForm = url.Values{
	"nik": {"3171 0145 0690 0001"}, "full_name": {"Siti Aminah"}, "phone": {testPhone},
	"statement": {"Saya tidak pernah mendaftar di Prakerja."},
}.Encode()

// disputeErr sets up the dispute service to fail with err.
func disputeErr(err error) func(context.Context, registration.DisputeInput, prakerja.Client) (*prakerja.Dispute, error) {
	return func(context.Context, registration.DisputeInput, prakerja.Client) (*prakerja.Dispute, error) {
		return nil, err
	}
}

// TestAPIFileDispute posts disputes and checks the answer and problem
// codes, and that no answer or log line repeats the NIK or phone.
func TestAPIFileDispute(t *testing.T) {
	t.Parallel()
	invalid := &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Some fields are not valid.",
		Fields: []prakerja.FieldError{{Field: "statement", Code: prakerja.CodeTooLong, Message: "Too long."}}}
	cases := []struct {
		name   string
		fn     func(context.Context, registration.DisputeInput, prakerja.Client) (*prakerja.Dispute, error)
		status int
		body   []string
	}{
		{"OK", nil, http.StatusAccepted, []string{`{"id":7,"status":"open"}`}},
		{"ErrInvalid", disputeErr(invalid), http.StatusUnprocessableEntity, []string{`"code":"invalid"`, `"field":"statement"`}},
		{"ErrNotRegistered", disputeErr(prakerja.Errorf(prakerja.CodeNotFound, "No registration holds this NIK.")),
			http.StatusNotFound, []string{`"code":"not_found"`}},
		{"ErrRateLimited", disputeErr(prakerja.Errorf(prakerja.CodeRateLimited, "Too many.")), http.StatusTooManyRequests,
			[]string{`"code":"rate_limited"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, okService())
			var got registration.DisputeInput
			env.disputes.fn = tc.fn
			if tc.fn == nil {
				env.disputes.fn = func(_ context.Context, in registration.DisputeInput, c prakerja.Client) (*prakerja.Dispute, error) {
					got = in
					return &prakerja.Dispute{ID: 7, Status: prakerja.DisputeOpen}, nil
				}
			}
			rec := env.do(scenario{method: "POST", url: "/api/v1/disputes", body: disputeBody}.request())
			scenario{wantStatus: tc.status, wantBody: tc.body, notBody: []string{testNIK, testPhone}}.check(t, rec)
			if tc.fn == nil && (got.NIK != testNIK || got.Phone != testPhone || got.Statement == "") {
				t.Errorf("service got %+v", got)
			}
			if logs := env.logs.String(); strings.Contains(logs, testNIK) || strings.Contains(logs, "81234567890") {
				t.Errorf("logs hold personal data: %s", logs)
			}
		})
	}
}

// TestAPIFileDisputeUnwired checks a server without a dispute service
// answers unavailable rather than crashing.
func TestAPIFileDisputeUnwired(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	env.srv.disputes = nil
	rec := env.do(scenario{method: "POST", url: "/api/v1/disputes", body: disputeBody}.request())
	scenario{wantStatus: http.StatusServiceUnavailable, wantBody: []string{`"code":"unavailable"`}}.check(t, rec)
}

// TestPageDispute fills the dispute form: the NIK arrives without the
// spaces people type, success shows the number, errors show next to their
// inputs, and the registration form's nik_taken error links here.
func TestPageDispute(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	scenario{wantStatus: http.StatusOK, wantBody: []string{`action="/dispute"`, `name="statement"`, `name="nik"`}}.check(t,
		env.do(scenario{method: "GET", url: "/dispute"}.request()))

	var got registration.DisputeInput
	env.disputes.fn = func(_ context.Context, in registration.DisputeInput, _ prakerja.Client) (*prakerja.Dispute, error) {
		got = in
		return &prakerja.Dispute{ID: 7, Status: prakerja.DisputeOpen}, nil
	}
	rec := env.do(scenario{method: "POST", url: "/dispute?lang=en", body: disputeForm}.request())
	scenario{wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/dispute?filed=7"}}.check(t, rec)
	rec = env.do(scenario{method: "GET", url: "/dispute?filed=7&lang=en"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{"recorded as number 7"}, notBody: []string{`action="/dispute"`}}.check(t, rec)
	if got.NIK != testNIK {
		t.Errorf("NIK sent as %q", got.NIK)
	}

	env.disputes.fn = disputeErr(&prakerja.Error{Code: prakerja.CodeInvalid, Message: "x",
		Fields: []prakerja.FieldError{{Field: "statement", Code: prakerja.CodeRequired, Message: "x"}}})
	rec = env.do(scenario{method: "POST", url: "/dispute?lang=en", body: disputeForm}.request())
	scenario{wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`id="statement-error"`, `href="#statement"`,
		"Saya tidak pernah mendaftar di Prakerja."}, notBody: []string{"⟦"}}.check(t, rec)

	env.disputes.fn = disputeErr(prakerja.Errorf(prakerja.CodeNotFound, "x"))
	rec = env.do(scenario{method: "POST", url: "/dispute?lang=en", body: disputeForm}.request())
	scenario{wantStatus: http.StatusNotFound, wantBody: []string{messagesEN["code.not_found"]}}.check(t, rec)

	rec = env.do(scenario{method: "POST", url: "/dispute", body: disputeForm,
		header: map[string]string{"Sec-Fetch-Site": "cross-site"}}.request())
	scenario{wantStatus: http.StatusForbidden}.check(t, rec)
}

// TestRegisterNIKTakenLinksDispute checks the registration form offers the
// dispute form exactly when the NIK is taken.
func TestRegisterNIKTakenLinksDispute(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	env.svc.RegisterFn = func(context.Context, prakerja.RegisterInput, prakerja.Client) (*prakerja.Registration, error) {
		return nil, prakerja.Errorf(prakerja.CodeNIKTaken, "x")
	}
	rec := env.do(scenario{method: "POST", url: "/register", body: registerForm}.request())
	scenario{wantStatus: http.StatusConflict, wantBody: []string{`href="/dispute"`}}.check(t, rec)
	env.svc.RegisterFn = func(context.Context, prakerja.RegisterInput, prakerja.Client) (*prakerja.Registration, error) {
		return nil, prakerja.Errorf(prakerja.CodeEmailTaken, "x")
	}
	rec = env.do(scenario{method: "POST", url: "/register", body: registerForm}.request())
	scenario{wantStatus: http.StatusConflict, notBody: []string{`href="/dispute"`}}.check(t, rec)
}
