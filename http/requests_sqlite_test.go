package http

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

// registrantRequest sends a registrant's request (token "" = signed out)
// to srv's public handler; a body starting with { is JSON, any other a
// form.
func registrantRequest(srv *Server, token, method, target, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		ct := "application/x-www-form-urlencoded"
		if strings.HasPrefix(body, "{") {
			ct = "application/json"
		}
		req.Header.Set("Content-Type", ct)
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	return rec
}

// staffRequest sends a staff request (token "" = signed out) to srv's
// console handler; a non-nil form is posted.
func staffRequest(srv *Server, token, method, target string, form url.Values) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(form.Encode()))
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: srv.opsCookie(), Value: token})
	}
	rec := httptest.NewRecorder()
	srv.OpsHandler().ServeHTTP(rec, req)
	return rec
}
