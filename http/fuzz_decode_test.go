package http

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/onlinetest"
	"github.com/prakerja/prakerja/registration"
)

// testAnswersRequest mirrors the body apiSubmitTest decodes.
type testAnswersRequest struct {
	Answers []onlinetest.Answer `json:"answers"`
}

// decodeTarget is one request type the JSON API decodes, with the route
// that takes it (empty when the route needs a partner signature).
type decodeTarget struct {
	name     string
	route    string
	optional bool // an empty body is allowed
	fresh    func() any
}

// decodeTargets lists every request body type of the JSON API.
var decodeTargets = []decodeTarget{
	{"registration", "/api/v1/registrations", false, func() any { return new(prakerja.RegisterInput) }},
	{"dispute", "/api/v1/disputes", false, func() any { return new(registration.DisputeInput) }},
	{"status_check", "/api/v1/status-checks", false, func() any { return new(registration.StatusCheckInput) }},
	{"login", "/api/v1/logins", false, func() any { return new(loginRequest) }},
	{"login_confirm", "/api/v1/logins/confirm", false, func() any { return new(loginConfirmRequest) }},
	{"email_confirmation", "/api/v1/email-confirmations", false, func() any { return new(emailConfirmationRequest) }},
	{"phone_code", "/api/v1/phone-verifications/confirm", false, func() any { return new(phoneCodeRequest) }},
	{"test_answers", "/api/v1/tests/7/answers", false, func() any { return new(testAnswersRequest) }},
	{"join", "/api/v1/waves/1/joins", true, func() any { return new(struct{}) }},
	{"charge", "", false, func() any { return new(chargeRequest) }},
	{"review", "/api/v1/me/purchases/1/review", false, func() any { return new(reviewRequest) }},
	{"complaint", "/api/v1/me/complaints", false, func() any { return new(complaintRequest) }},
	{"complaint_note", "/api/v1/me/complaints/1/notes", false, func() any { return new(complaintNoteRequest) }},
	{"payout_account", "/api/v1/me/payout-accounts", false, func() any { return new(payoutAccountRequest) }},
	{"payout_confirm", "/api/v1/me/payout-accounts/1/confirmations", false, func() any { return new(payoutConfirmRequest) }},
	{"nominations", "", false, func() any { return new(nominationRowsRequest) }},
	{"data_request", "/api/v1/me/data-requests", false, func() any { return new(dataRequestInput) }},
	{"survey", "/api/v1/me/surveys/1", false, func() any { return new(prakerja.SurveyAnswers) }},
}

// longDigitRun finds what could be a NIK or KK (16 digits) or a phone number
// quoted back in an error.
var longDigitRun = regexp.MustCompile(`[0-9]{10,}`)

// decodeMessageMax bounds what an error may say, whatever the input.
const decodeMessageMax = 300

// addDecodeSeeds adds seeds shared by the decode targets.
func addDecodeSeeds(f *testing.F) {
	for _, s := range []struct {
		kind uint8
		body string
	}{
		{0, `{"nik":"3171010501900001","birth_date":"1990-01-05"}`}, {7, `{"answers":[{"question_id":"q1","option":2}]}`},
		{0, `{"nik":3171010501900001}`}, {17, `{"usefulness":31710105019000013171010501}`}, {3, `{"3171010501900001":1}`},
		{10, `{"stars":1e400}`}, {15, `{"rows":[{"nik":"3171010501900001","category":"phk"}]}`}, {2, `[]`},
		{2, `3171010501900001`}, {6, `{"code":"123456"} {}`}, {6, `{"code":"123456"`}, {8, ""}, {1, `{"a":`},
		{7, `{"answers":[{"option":"x"}]}`}, {7, `{"answers":[{"option":99999999999999999999}]}`},
	} {
		f.Add(s.kind, []byte(s.body))
	}
}

// checkDecodeError checks the properties every refused body shares: a
// coded error of the two decode codes, a 4xx problem, a bounded message
// that quotes no long run of digits (a NIK, KK or phone number).
func checkDecodeError(t *testing.T, err error) {
	t.Helper()
	code := prakerja.ErrorCode(err)
	if code != prakerja.CodeMalformed && code != prakerja.CodeInvalid {
		t.Fatalf("code %q (%v), want malformed or invalid", code, err)
	}
	p := problemFor(err, localeEN)
	if p.Status < 400 || p.Status > 499 || p.Code != code {
		t.Fatalf("problem %+v for %v", p, err)
	}
	texts := []string{prakerja.ErrorMessage(err)}
	for _, fe := range prakerja.ErrorFields(err) {
		texts = append(texts, fe.Field, fe.Message)
	}
	for _, s := range texts {
		if len(s) > decodeMessageMax || longDigitRun.MatchString(s) {
			t.Fatalf("error text %q quotes the input or is too long", s)
		}
	}
}

// FuzzDecodeJSON decodes any body as each request type: a refusal is a
// coded 4xx problem that quotes no digits of the input; an accepted body
// re-encodes to the same value; and an unknown field is always refused.
func FuzzDecodeJSON(f *testing.F) {
	addDecodeSeeds(f)
	f.Fuzz(func(t *testing.T, kind uint8, body []byte) {
		dt := decodeTargets[int(kind)%len(decodeTargets)]
		v := dt.fresh()
		decode := decodeJSON
		if dt.optional {
			decode = decodeOptionalJSON
		}
		if err := decode(body, v); err != nil {
			checkDecodeError(t, err)
			return
		}
		again := roundTrip(t, v, dt.fresh())
		if !reflect.DeepEqual(v, again) {
			t.Fatalf("%s: round trip changed %#v to %#v", dt.name, v, again)
		}
		enc, _ := json.Marshal(v)
		extra := append([]byte(`{"zz_unknown":0`), enc[1:]...)
		if len(enc) > 2 {
			extra = append([]byte(`{"zz_unknown":0,`), enc[1:]...)
		}
		if err := decodeJSON(extra, dt.fresh()); prakerja.ErrorCode(err) != prakerja.CodeMalformed {
			t.Fatalf("%s: unknown field gave %v, want malformed", dt.name, err)
		}
	})
}

// roundTrip encodes v and decodes it into into with decodeJSON.
func roundTrip(t *testing.T, v, into any) any {
	t.Helper()
	enc, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("accepted value does not encode: %v", err)
	}
	if err := decodeJSON(enc, into); err != nil {
		t.Fatalf("re-encoded %s is refused: %v", enc, err)
	}
	return into
}

// FuzzReadBody checks the body gate of every JSON POST: a foreign media
// type is 415, a body over the limit 413, anything else passes unchanged.
func FuzzReadBody(f *testing.F) {
	const limit = 64
	for _, s := range []struct{ ct, body string }{
		{"application/json", `{}`}, {"application/json; charset=UTF-8", `{"a":1}`}, {"", ""}, {"", "{}"},
		{"text/plain", "{}"}, {"application/json; charset=latin1", "{}"}, {"application/json", string(make([]byte, limit+1))},
		{"application/json", string(make([]byte, limit))}, {"application/json;", "{}"},
	} {
		f.Add(s.ct, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, ct string, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/registrations", bytes.NewReader(body))
		r.Header.Set("Content-Type", ct)
		got, err := readBody(httptest.NewRecorder(), r, limit)
		want := prakerja.Code("")
		switch {
		case ct != "" && !isJSONMediaType(ct):
			want = prakerja.CodeUnsupportedMedia
		case len(body) > limit:
			want = prakerja.CodeTooLarge
		case len(body) > 0 && ct == "":
			want = prakerja.CodeUnsupportedMedia
		}
		if code := prakerja.ErrorCode(err); err != nil && code != want || err == nil && want != "" {
			t.Fatalf("readBody(%q, %d bytes) = %v, want code %q", ct, len(body), err, want)
		}
		if err == nil && !bytes.Equal(got, body) {
			t.Fatalf("body changed: %q, want %q", got, body)
		}
		if err != nil && statusOf(prakerja.ErrorCode(err))/100 != 4 {
			t.Fatalf("status %d for %v", statusOf(prakerja.ErrorCode(err)), err)
		}
	})
}
