package http

import (
	"net/http"
	"strings"
	"testing"

	"github.com/prakerja/prakerja/mock"
)

func TestAPIRequestLimits(t *testing.T) {
	t.Parallel()
	ok := func(svc *mock.RegistrationService) { *svc = *okService() }
	big := `{"full_name":"` + strings.Repeat("a", BodyMax) + `"}`
	runScenarios(t, []scenario{
		{name: "ErrTooLarge", method: "POST", url: "/api/v1/registrations", body: big, setup: ok,
			wantStatus: http.StatusRequestEntityTooLarge, wantType: "application/problem+json", wantBody: []string{`"code":"body_too_large"`}},
		{name: "ErrUnsupportedMediaForm", method: "POST", url: "/api/v1/registrations", body: "full_name=x", setup: ok,
			header:     map[string]string{"Content-Type": "application/x-www-form-urlencoded"},
			wantStatus: http.StatusUnsupportedMediaType, wantBody: []string{`"code":"unsupported_media"`}},
		{name: "ErrUnsupportedMediaMissing", method: "POST", url: "/api/v1/registrations", body: registerBody, setup: ok,
			header:     map[string]string{"Content-Type": ""},
			wantStatus: http.StatusUnsupportedMediaType},
		{name: "ErrUnsupportedMediaCharset", method: "POST", url: "/api/v1/registrations", body: registerBody, setup: ok,
			header:     map[string]string{"Content-Type": "application/json; charset=latin1"},
			wantStatus: http.StatusUnsupportedMediaType},
		{name: "OKCharsetUTF8", method: "POST", url: "/api/v1/registrations", body: registerBody, setup: ok,
			header:     map[string]string{"Content-Type": "application/json; charset=UTF-8"},
			wantStatus: http.StatusCreated},
		{name: "ErrMalformedUnknownField", method: "POST", url: "/api/v1/registrations", body: `{"full_name":"x","password":"secret"}`, setup: ok,
			wantStatus: http.StatusBadRequest, wantBody: []string{`"code":"malformed_request"`, `Unknown field \"password\"`}},
		{name: "ErrMalformedTrailingData", method: "POST", url: "/api/v1/registrations", body: registerBody + ` {"again":1}`, setup: ok,
			wantStatus: http.StatusBadRequest, wantBody: []string{`Unexpected data after the JSON object at line 1`}},
		{name: "ErrMalformedSyntax", method: "POST", url: "/api/v1/logins", body: "{\n  \"identifier\" \"x\"\n}", setup: ok,
			wantStatus: http.StatusBadRequest, wantBody: []string{`Invalid JSON at line 2, column 16`}},
		{name: "ErrMalformedTruncated", method: "POST", url: "/api/v1/logins", body: `{"identifier":`, setup: ok,
			wantStatus: http.StatusBadRequest, wantBody: []string{`ends early`}},
		{name: "ErrMalformedEmpty", method: "POST", url: "/api/v1/logins", setup: ok,
			wantStatus: http.StatusBadRequest, wantBody: []string{`empty`}},
		{name: "ErrMalformedNotObject", method: "POST", url: "/api/v1/logins", body: `["x"]`, setup: ok,
			wantStatus: http.StatusBadRequest, wantBody: []string{`must be a JSON object, not array`}},
		{name: "ErrInvalidWrongType", method: "POST", url: "/api/v1/registrations", body: `{"nik":3171014506900001}`, setup: ok,
			wantStatus: http.StatusUnprocessableEntity,
			wantBody:   []string{`"code":"invalid"`, `{"field":"nik","code":"bad_format","detail":"Must be a string, not a number."}`}},
		{name: "ErrNotFoundAPIPath", method: "GET", url: "/api/v1/nope",
			wantStatus: http.StatusNotFound, wantType: "application/problem+json"},
		{name: "ErrMethodNotAllowed", method: "PUT", url: "/api/v1/me",
			wantStatus: http.StatusMethodNotAllowed, wantType: "application/problem+json",
			wantHeader: map[string]string{"Allow": "GET, HEAD"}},
	})
}

func TestLineCol(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		body      string
		offset    int64
		line, col int
	}{
		{"FirstByte", "x", 1, 1, 1},
		{"SecondLine", "ab\ncd", 5, 2, 2},
		{"Empty", "", 0, 1, 1},
		{"PastEnd", "ab", 9, 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if l, c := lineCol([]byte(tt.body), tt.offset); l != tt.line || c != tt.col {
				t.Errorf("lineCol = %d,%d, want %d,%d", l, c, tt.line, tt.col)
			}
		})
	}
}
