package http

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

// TestRegisterTargetingFields: the form asks the work impact (optional,
// translated options) and offers an unticked consent box with the notice;
// what is posted reaches the service; a client that sends neither field
// still registers with the defaults.
func TestRegisterTargetingFields(t *testing.T) {
	t.Parallel()
	var got []prakerja.RegisterInput
	svc := okService()
	svc.RegisterFn = func(_ context.Context, in prakerja.RegisterInput, _ prakerja.Client) (*prakerja.Registration, error) {
		got = append(got, in)
		return testRegistration(prakerja.StatusRegistered), nil
	}
	env := newTestEnv(t, svc)
	rec := env.do(httptest.NewRequest("GET", "/register?province=31&lang=en", nil))
	body := rec.Body.String()
	for _, want := range []string{`<select id="work_impact" name="work_impact"`, `<option value="lost_job">Lost my job, or my business closed</option>`,
		`<input type="checkbox" id="targeting_consent" name="targeting_consent" value="yes" aria-describedby="targeting_consent-notice">`,
		prakerja.TargetingNoticeVersion} {
		if !strings.Contains(body, want) {
			t.Fatalf("form lacks %q", want)
		}
	}
	post := func(form string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/register", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return env.do(req)
	}
	base := "full_name=Siti&email=s%40x.id&phone=0812&nik=1&kk=2&birth_date=1990-01-01&sex=F&domicile_district=31.71.01"
	if rec := post(base + "&work_impact=reduced_hours&targeting_consent=yes"); rec.Code != http.StatusSeeOther {
		t.Fatalf("POST /register = %d", rec.Code)
	}
	if rec := post(base); rec.Code != http.StatusSeeOther {
		t.Fatalf("POST /register without the new fields = %d", rec.Code)
	}
	req := httptest.NewRequest("POST", "/api/v1/registrations", strings.NewReader(
		`{"full_name":"Siti","email":"s@x.id","phone":"0812","nik":"1","kk":"2","birth_date":"1990-01-01","sex":"F","domicile_district":"31.71.01"}`))
	req.Header.Set("Content-Type", "application/json")
	if rec := env.do(req); rec.Code != http.StatusCreated {
		t.Fatalf("API without the new fields = %d: %s", rec.Code, rec.Body)
	}
	if len(got) != 3 || got[0].WorkImpact != "reduced_hours" || !got[0].TargetingConsent ||
		got[1].WorkImpact != "" || got[1].TargetingConsent || got[2].WorkImpact != "" || got[2].TargetingConsent {
		t.Fatalf("service got %+v", got)
	}
}
