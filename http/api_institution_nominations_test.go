package http

import (
	"strings"
	"testing"

	"github.com/prakerja/prakerja/nomination"
	"github.com/prakerja/prakerja/partnerauth"
)

// TestSubmitNominationsAPI covers the institution route's answers on the
// fakes: the signature checked first, the kind of key, both body forms,
// per-row results, and the body limits.
func TestSubmitNominationsAPI(t *testing.T) {
	t.Parallel()
	const url = "/api/v1/institution/nominations"
	json := map[string]string{"Content-Type": "application/json"}
	csv := map[string]string{"Content-Type": "text/csv; charset=utf-8"}
	bad := map[string]string{"Content-Type": "application/json", partnerauth.HeaderSignature: "bad"}
	many := `{"rows":[` + strings.Repeat(`{"nik":"3171011708900001","category":"phk"},`, nomination.SubmitRowsMax) +
		`{"nik":"3171011708900001","category":"phk"}]}`
	runScenarios(t, []scenario{
		{name: "OKJSONRows", method: "POST", url: url, header: json,
			body:       `{"rows":[{"nik":"3171011708900001","category":"phk"},{"nik":"3171011708900002","category":"pmi"}]}`,
			wantStatus: 201, wantBody: []string{`"institution":"fake_institution"`, `"rows":2`, `{"row":2,"line":3,"status":"accepted"}`}},
		{name: "OKCSV", method: "POST", url: url, header: csv, body: "nik,category\n3171011708900001,phk\n",
			wantStatus: 201, wantBody: []string{`"rows":1`}},
		{name: "ErrRowsRefused", method: "POST", url: url, header: csv, body: "nik,category\n3171011708900001,phk\n3171011708900002,veteran\n",
			wantStatus: 422, wantType: contentTypeProblem,
			wantBody: []string{`"code":"invalid"`, `"refused":1`, `{"row":2,"line":3,"status":"refused","code":"bad_value"}`}},
		{name: "ErrSignature", method: "POST", url: url, header: bad, body: `{"rows":[]}`,
			wantStatus: 401, wantType: contentTypeProblem, wantBody: []string{`"code":"signature_invalid"`}},
		{name: "ErrPlatformSignature", method: "POST", url: "/api/v1/platform/vouchers/ABC/refund", header: bad, body: `{}`,
			wantStatus: 401, wantBody: []string{`"code":"signature_invalid"`}},
		{name: "ErrMediaType", method: "POST", url: url, header: map[string]string{"Content-Type": "text/plain"}, body: "x",
			wantStatus: 415},
		{name: "ErrUnknownField", method: "POST", url: url, header: json, body: `{"rows":[{"nik":"1","kategori":"phk"}]}`,
			wantStatus: 400},
		{name: "ErrTooManyRows", method: "POST", url: url, header: json, body: many, wantStatus: 413},
		{name: "ErrTooLarge", method: "POST", url: url, header: csv, body: strings.Repeat("x", nominationBodyMax+1),
			wantStatus: 413},
	})
}
