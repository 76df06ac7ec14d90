package http

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registration"
)

func TestAPIStatusCheck(t *testing.T) {
	t.Parallel()
	body := `{"nik":"` + testNIK + `","birth_date":"1990-06-05"}`
	limited := func() error {
		e := prakerja.Errorf(prakerja.CodeRateLimited, "Too many.")
		e.Retry = time.Minute
		return e
	}
	tests := []struct {
		name   string
		lang   string
		err    error
		status int
		want   []string
	}{
		{"OK", "", nil, http.StatusOK, []string{`{"status":"in_selection","label":"Ikut Seleksi"}`}},
		{"OKEnglish", "en", nil, http.StatusOK, []string{`"label":"In selection"`}},
		{"ErrNotFound", "", prakerja.Errorf(prakerja.CodeNotFound, "No match."), http.StatusNotFound, []string{`"code":"not_found"`}},
		{"ErrRateLimited", "", limited(), http.StatusTooManyRequests, []string{`"code":"rate_limited"`}},
		{"ErrInvalid", "", &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Bad.",
			Fields: []prakerja.FieldError{{Field: "nik", Code: prakerja.CodeNIKFormat, Message: "16 digits."}}},
			http.StatusUnprocessableEntity, []string{`"field":"nik"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, nil)
			var got registration.StatusCheckInput
			env.statusChecks.fn = func(in registration.StatusCheckInput, c prakerja.Client) (prakerja.PublicStatus, error) {
				got = in
				return prakerja.PublicInSelection, tt.err
			}
			sc := scenario{method: "POST", url: "/api/v1/status-checks", body: body, wantStatus: tt.status,
				header: map[string]string{"Accept-Language": tt.lang}, wantBody: tt.want, notBody: []string{testNIK}}
			sc.check(t, env.do(sc.request()))
			if got.NIK != testNIK || got.BirthDate != "1990-06-05" {
				t.Errorf("service got %+v", got)
			}
			if strings.Contains(env.logs.String(), testNIK) {
				t.Error("a log line holds the NIK")
			}
		})
	}
}

func TestPageStatusCheck(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, nil)
	get := scenario{method: "GET", url: "/cek-status", wantStatus: http.StatusOK, wantType: "text/html",
		wantBody: []string{messagesID["status_check.heading"], `action="/cek-status"`, `name="nik"`, `name="birth_date"`}}
	get.check(t, env.do(get.request()))
	post := scenario{method: "POST", url: "/cek-status", body: "nik=" + testNIK + "&birth_date=1990-06-05",
		wantStatus: http.StatusOK, wantBody: []string{"<strong>Ikut Seleksi</strong>"}, notBody: []string{testNIK}}
	post.check(t, env.do(post.request()))

	env.statusChecks.fn = func(registration.StatusCheckInput, prakerja.Client) (prakerja.PublicStatus, error) {
		return "", prakerja.Errorf(prakerja.CodeNotFound, "No match.")
	}
	miss := post
	miss.wantStatus, miss.wantBody = http.StatusNotFound, []string{messagesID["code.not_found"], `value="1990-06-05"`}
	miss.check(t, env.do(miss.request()))
}

// TestPublicStatusTranslated holds every public status word in both
// languages.
func TestPublicStatusTranslated(t *testing.T) {
	t.Parallel()
	for _, st := range publicStatusKeys {
		for _, l := range []locale{localeID, localeEN} {
			if _, ok := messages[l]["public."+string(st)]; !ok {
				t.Errorf("public status %q has no %s word", st, l)
			}
		}
	}
}
