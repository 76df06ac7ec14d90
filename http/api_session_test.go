package http

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
)

// errSecretCause stands for an infrastructure error whose text must reach
// the logs but never a user.
var errSecretCause = errors.New("dial tcp 10.0.0.5:5432: connection refused")

func TestAPIEmailConfirmations(t *testing.T) {
	t.Parallel()
	svcOK := func(svc *mock.RegistrationService) { *svc = *okService() }
	runScenarios(t, []scenario{
		{name: "OK", method: "POST", url: "/api/v1/email-confirmations", body: `{"token":"` + testLinkTok + `"}`, setup: svcOK,
			wantStatus: http.StatusOK, wantBody: []string{`{"id":42,"status":"email_verified"}`}, notBody: []string{testToken}},
		{name: "ErrOTPExpired", method: "POST", url: "/api/v1/email-confirmations", body: `{"token":"x"}`,
			setup: func(svc *mock.RegistrationService) {
				*svc = *failingService(prakerja.Errorf(prakerja.CodeOTPExpired, "Link expired."))
			},
			wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`"code":"otp_expired"`}},
		{name: "ErrNotFound", method: "POST", url: "/api/v1/email-confirmations", body: `{"token":"x"}`,
			setup: func(svc *mock.RegistrationService) {
				*svc = *failingService(prakerja.Errorf(prakerja.CodeNotFound, "No such link."))
			},
			wantStatus: http.StatusNotFound},
	})
}

func TestAPIPhoneVerifications(t *testing.T) {
	t.Parallel()
	svcOK := func(svc *mock.RegistrationService) { *svc = *okService() }
	fail := func(code prakerja.Code) func(*mock.RegistrationService) {
		return func(svc *mock.RegistrationService) { *svc = *failingService(prakerja.Errorf(code, "No.")) }
	}
	runScenarios(t, []scenario{
		{name: "OK", method: "POST", url: "/api/v1/phone-verifications", session: true, setup: svcOK,
			wantStatus: http.StatusAccepted, wantBody: []string{`{"expires_at":"2020-04-16T03:05:00Z"}`}},
		{name: "OKEmptyObject", method: "POST", url: "/api/v1/phone-verifications", body: `{}`, session: true, setup: svcOK,
			wantStatus: http.StatusAccepted},
		{name: "ErrUnauthorized", method: "POST", url: "/api/v1/phone-verifications",
			wantStatus: http.StatusUnauthorized, wantType: "application/problem+json"},
		{name: "ErrRateLimited", method: "POST", url: "/api/v1/phone-verifications", session: true, setup: fail(prakerja.CodeRateLimited),
			wantStatus: http.StatusTooManyRequests, wantHeader: map[string]string{"Retry-After": "60"}},
		{name: "ErrConflict", method: "POST", url: "/api/v1/phone-verifications", session: true, setup: fail(prakerja.CodeConflict),
			wantStatus: http.StatusConflict},
		{name: "ConfirmOK", method: "POST", url: "/api/v1/phone-verifications/confirm", body: `{"code":"123456"}`, session: true, setup: svcOK,
			wantStatus: http.StatusOK, wantBody: []string{`"status":"phone_verified"`}},
		{name: "ConfirmErrOTPInvalid", method: "POST", url: "/api/v1/phone-verifications/confirm", body: `{"code":"000000"}`, session: true,
			setup: fail(prakerja.CodeOTPInvalid), wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`"code":"otp_invalid"`}},
		{name: "ConfirmErrOTPExhausted", method: "POST", url: "/api/v1/phone-verifications/confirm", body: `{"code":"000000"}`, session: true,
			setup: fail(prakerja.CodeOTPExhausted), wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`"code":"otp_exhausted"`}},
	})
}

func TestAPILogins(t *testing.T) {
	t.Parallel()
	svcOK := func(svc *mock.RegistrationService) { *svc = *okService() }
	runScenarios(t, []scenario{
		{name: "OK", method: "POST", url: "/api/v1/logins", body: `{"identifier":"` + testPhone + `"}`, setup: svcOK,
			wantStatus: http.StatusAccepted, wantBody: []string{`{"login_id":"lg_8f14e45fceea167a","channel":"sms","expires_at":"2020-04-16T03:05:00Z"}`}},
		{name: "ErrRateLimited", method: "POST", url: "/api/v1/logins", body: `{"identifier":"x"}`,
			setup: func(svc *mock.RegistrationService) {
				*svc = *failingService(prakerja.Errorf(prakerja.CodeRateLimited, "Slow down."))
			},
			wantStatus: http.StatusTooManyRequests, wantHeader: map[string]string{"Retry-After": "60"}},
		{name: "ConfirmOK", method: "POST", url: "/api/v1/logins/confirm", body: `{"login_id":"` + testLoginID + `","code":"123456"}`, setup: svcOK,
			wantStatus: http.StatusOK, wantBody: []string{`"status":"phone_verified"`}},
		{name: "ConfirmErrOTPUsed", method: "POST", url: "/api/v1/logins/confirm", body: `{"login_id":"a","code":"1"}`,
			setup: func(svc *mock.RegistrationService) {
				*svc = *failingService(prakerja.Errorf(prakerja.CodeOTPUsed, "Used."))
			},
			wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`"code":"otp_used"`}},
	})
}

func TestAPIMe(t *testing.T) {
	t.Parallel()
	runScenarios(t, []scenario{
		{name: "OK", method: "GET", url: "/api/v1/me", session: true, wantStatus: http.StatusOK,
			wantBody: []string{`"nik":"3171********0001"`, `"email":"s***@example.com"`, `"phone":"+628*******890"`,
				`"domicile_district":{"code":"31.71.01","name":`, `"phone_verified_at":null`, `"full_name":"Siti Aminah"`},
			notBody:    []string{testNIK, testEmail, testPhone, testKK},
			wantHeader: map[string]string{"Cache-Control": "no-store"}},
		{name: "ErrUnauthorized", method: "GET", url: "/api/v1/me", wantStatus: http.StatusUnauthorized},
		{name: "ErrUnauthorizedExpired", method: "GET", url: "/api/v1/me", header: map[string]string{"Cookie": sessionCookie + "=old"},
			setup:      func(svc *mock.RegistrationService) { withSession(svc, prakerja.StatusEmailVerified) },
			wantStatus: http.StatusUnauthorized},
	})
}

func TestAPILogout(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		svc := okService()
		var revoked string
		svc.LogoutFn = func(_ context.Context, tok string) error { revoked = tok; return nil }
		env := newTestEnv(t, svc)
		rec := env.do(scenario{method: "DELETE", url: "/api/v1/session", session: true}.request())
		if rec.Code != http.StatusNoContent || revoked != testToken {
			t.Fatalf("status %d, revoked %q", rec.Code, revoked)
		}
		c := rec.Result().Cookies()
		if len(c) != 1 || c[0].Name != sessionCookie || c[0].MaxAge >= 0 || c[0].Value != "" {
			t.Fatalf("cookie not cleared: %+v", c)
		}
	})
	t.Run("OKWithoutSession", func(t *testing.T) {
		t.Parallel()
		env := newTestEnv(t, nil)
		if rec := env.do(scenario{method: "DELETE", url: "/api/v1/session"}.request()); rec.Code != http.StatusNoContent {
			t.Fatalf("status %d", rec.Code)
		}
	})
	t.Run("ErrInternal", func(t *testing.T) {
		t.Parallel()
		env := newTestEnv(t, failingService(errSecretCause))
		rec := env.do(scenario{method: "DELETE", url: "/api/v1/session", session: true}.request())
		if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "refused") {
			t.Fatalf("status %d body %s", rec.Code, rec.Body)
		}
	})
}
