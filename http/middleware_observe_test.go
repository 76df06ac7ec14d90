package http

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

// TestLogsHoldNoPersonalData walks the whole flow, API and pages, with real
// personal data and secrets, including failures, and checks that none of it
// reaches the logs while the access log still has what operators need.
func TestLogsHoldNoPersonalData(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	form := url.Values{"full_name": {"Siti Aminah"}, "email": {testEmail}, "phone": {testPhone}, "nik": {testNIK},
		"kk": {testKK}, "birth_date": {"1990-06-05"}, "sex": {"F"}, "domicile_district": {testDistrict}}.Encode()
	requests := []scenario{
		{method: "POST", url: "/api/v1/registrations", body: registerBody, header: map[string]string{"Idempotency-Key": "k"}},
		{method: "POST", url: "/api/v1/registrations", body: registerBody, header: map[string]string{"Idempotency-Key": "k"}},
		{method: "POST", url: "/api/v1/email-confirmations", body: `{"token":"` + testLinkTok + `"}`},
		{method: "POST", url: "/api/v1/logins", body: `{"identifier":"` + testEmail + `"}`},
		{method: "POST", url: "/api/v1/logins/confirm", body: `{"login_id":"` + testLoginID + `","code":"` + testOTP + `"}`},
		{method: "POST", url: "/api/v1/phone-verifications/confirm", body: `{"code":"` + testOTP + `"}`, session: true},
		{method: "GET", url: "/api/v1/me", session: true},
		{method: "GET", url: "/api/v1/me?email=" + url.QueryEscape(testEmail), session: true},
		{method: "GET", url: "/confirm-email?token=" + testLinkTok},
		{method: "POST", url: "/confirm-email", body: "token=" + testLinkTok},
		{method: "POST", url: "/register", body: form},
		{method: "POST", url: "/login", body: "identifier=" + url.QueryEscape(testPhone)},
		{method: "GET", url: "/dashboard", session: true},
		{method: "GET", url: "/register?nik=" + testNIK},
		{method: "GET", url: "/nope/" + testNIK},
	}
	for _, sc := range requests {
		env.do(sc.request())
	}
	failing := newTestEnv(t, failingService(prakerja.Errorf(prakerja.CodeInternal, "seal nik %s: %v", "[redacted]", errSecretCause)))
	failing.do(scenario{method: "POST", url: "/api/v1/registrations", body: registerBody}.request())
	failing.do(scenario{method: "POST", url: "/register", body: form}.request())
	failing.do(scenario{method: "POST", url: "/confirm-email", body: "token=" + testLinkTok}.request())

	logs := env.logs.String() + failing.logs.String()
	for _, secret := range []string{testNIK, testKK, testEmail, testPhone, "81234567890", testToken, testLinkTok, testOTP, "Siti"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q:\n%s", secret, logs)
		}
	}
	if !strings.Contains(failing.logs.String(), "connection refused") {
		t.Errorf("internal error cause not logged:\n%s", failing.logs)
	}
	var line map[string]any
	first, _, _ := strings.Cut(env.logs.String(), "\n")
	if err := json.Unmarshal([]byte(first), &line); err != nil {
		t.Fatalf("access log is not JSON: %v: %s", err, first)
	}
	for _, k := range []string{"method", "route", "status", "duration_ms", "bytes", "request_id"} {
		if _, ok := line[k]; !ok {
			t.Errorf("access log lacks %q: %s", k, first)
		}
	}
	if line["route"] != "POST /api/v1/registrations" {
		t.Errorf("route = %v, want the pattern", line["route"])
	}
}

func TestRequestID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		keep     bool
	}{
		{"OKKept", "abc-123_x.y", true},
		{"OKGeneratedWhenAbsent", "", false},
		{"OKReplacedWhenUnsafe", "a b\"c", false},
		{"OKReplacedWhenLong", strings.Repeat("a", RequestIDMax+1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, nil)
			req := scenario{method: "GET", url: "/api/v1/regions/provinces"}.request()
			if tt.in != "" {
				req.Header.Set("X-Request-Id", tt.in)
			}
			rec := env.do(req)
			got := rec.Header().Get("X-Request-Id")
			if tt.keep && got != tt.in || !tt.keep && (got == tt.in || len(got) != 24) {
				t.Errorf("X-Request-Id = %q (in %q)", got, tt.in)
			}
			if !strings.Contains(env.logs.String(), `"request_id":"`+got+`"`) {
				t.Errorf("log lacks the request id")
			}
		})
	}
}

func TestRegionsAPI(t *testing.T) {
	t.Parallel()
	runScenarios(t, []scenario{
		{name: "OKProvinces", method: "GET", url: "/api/v1/regions/provinces", wantStatus: http.StatusOK,
			wantBody: []string{`{"code":"31","name":`}, wantHeader: map[string]string{"Cache-Control": "public, max-age=86400"}},
		{name: "OKRegencies", method: "GET", url: "/api/v1/regions/provinces/31/regencies", wantStatus: http.StatusOK,
			wantBody: []string{`"regencies":[`, `"code":"31.71"`}},
		{name: "OKDistricts", method: "GET", url: "/api/v1/regions/regencies/31.71/districts", wantStatus: http.StatusOK,
			wantBody: []string{`"districts":[`, `"code":"31.71.01"`}},
		{name: "ErrNotFoundProvince", method: "GET", url: "/api/v1/regions/provinces/99/regencies", wantStatus: http.StatusNotFound,
			wantType: contentTypeProblem},
		{name: "ErrNotFoundRegency", method: "GET", url: "/api/v1/regions/regencies/3171/districts", wantStatus: http.StatusNotFound},
	})
}
