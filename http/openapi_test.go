package http

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/registration"
)

// openAPI is the parsed document, kept generic: the test reads only what
// it checks.
type openAPI map[string]any

func loadOpenAPI(t *testing.T) openAPI {
	t.Helper()
	var doc openAPI
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1") {
		t.Fatalf("openapi version %q, want 3.1.x", v)
	}
	return doc
}

// docOp is one operation of the document.
type docOp struct {
	method, path string
	op           map[string]any
}

func (o docOp) key() string { return o.method + " " + o.path }

func (doc openAPI) ops() []docOp {
	var out []docOp
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			out = append(out, docOp{strings.ToUpper(method), path, op.(map[string]any)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return out
}

// resolve follows a local $ref.
func (doc openAPI) resolve(t *testing.T, v map[string]any) map[string]any {
	t.Helper()
	ref, ok := v["$ref"].(string)
	if !ok {
		return v
	}
	var cur any = map[string]any(doc)
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("bad $ref %s", ref)
		}
		cur = m[part]
	}
	m, ok := cur.(map[string]any)
	if !ok {
		t.Fatalf("$ref %s resolves to nothing", ref)
	}
	return doc.resolve(t, m)
}

// example builds a value from a schema: the first of "examples", or an
// object of its properties' examples, every required property included.
func (doc openAPI) example(t *testing.T, schema map[string]any) any {
	t.Helper()
	schema = doc.resolve(t, schema)
	if ex, ok := schema["examples"].([]any); ok && len(ex) > 0 {
		return ex[0]
	}
	if schema["type"] != "object" {
		t.Fatalf("schema without examples: %v", schema)
	}
	obj := map[string]any{}
	props, _ := schema["properties"].(map[string]any)
	for name, p := range props {
		obj[name] = doc.example(t, p.(map[string]any))
	}
	for _, r := range asSlice(schema["required"]) {
		if _, ok := obj[r.(string)]; !ok {
			t.Fatalf("required property %v has no schema", r)
		}
	}
	return obj
}

func asSlice(v any) []any { s, _ := v.([]any); return s }

// request builds a valid request for op from the document's examples.
func (doc openAPI) request(t *testing.T, o docOp) (*http.Request, bool) {
	t.Helper()
	path := o.path
	for _, p := range asSlice(o.op["parameters"]) {
		p := doc.resolve(t, p.(map[string]any))
		if p["in"] == "path" {
			path = strings.Replace(path, "{"+p["name"].(string)+"}", fmt.Sprint(p["example"]), 1)
		}
	}
	var body []byte
	contentType := ""
	if rb, ok := o.op["requestBody"].(map[string]any); ok {
		content := rb["content"].(map[string]any)
		if media, ok := content["application/json"].(map[string]any); ok {
			if schema, ok := media["schema"].(map[string]any); ok && (rb["required"] == true) {
				body, _ = json.Marshal(doc.example(t, schema))
			}
		} else if media, ok := content["application/xml"].(map[string]any); ok {
			body, contentType = []byte(doc.example(t, media["schema"].(map[string]any)).(string)), "application/xml"
		}
	}
	session := false
	for _, s := range asSlice(o.op["security"]) {
		if _, ok := s.(map[string]any)["session"]; ok {
			session = true
		}
	}
	sc := scenario{method: o.method, url: path, body: string(body), session: session}
	req := sc.request()
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req, session
}

// statuses lists the documented response statuses of op.
func (o docOp) statuses() []int {
	var out []int
	for k := range o.op["responses"].(map[string]any) {
		n, _ := strconv.Atoi(k)
		out = append(out, n)
	}
	return out
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	env := newTestEnv(t, okService())
	var fromRoutes, fromDoc []string
	for _, rt := range env.srv.routes() {
		if !rt.page {
			fromRoutes = append(fromRoutes, rt.pattern)
		}
	}
	for _, o := range doc.ops() {
		fromDoc = append(fromDoc, o.key())
		// The mux must route the documented request to that very pattern.
		req, _ := doc.request(t, o)
		if _, pattern := env.srv.mux.Handler(req); pattern != o.key() {
			t.Errorf("%s routes to pattern %q", o.key(), pattern)
		}
	}
	sort.Strings(fromRoutes)
	sort.Strings(fromDoc)
	if !slices.Equal(fromRoutes, fromDoc) {
		t.Errorf("routes and document differ:\nroutes: %v\ndoc:    %v", fromRoutes, fromDoc)
	}
}

// TestOpenAPIExamplesAccepted sends each operation's example request to the
// handlers and expects its documented success; a schema property the Go
// request type lacks would be an unknown field (400), and a Go field the
// schema lacks would arrive empty.
func TestOpenAPIExamplesAccepted(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	for _, o := range doc.ops() {
		t.Run(o.key(), func(t *testing.T) {
			t.Parallel()
			svc := okService()
			svc.RegisterFn = func(_ context.Context, in prakerja.RegisterInput, _ prakerja.Client) (*prakerja.Registration, error) {
				assertAllSet(t, in)
				return testRegistration(prakerja.StatusRegistered), nil
			}
			svc.FinishLoginFn = func(_ context.Context, id, code string) (*prakerja.Registration, *prakerja.SessionToken, error) {
				assertAllSet(t, loginConfirmRequest{LoginID: id, Code: code})
				return testRegistration(prakerja.StatusPhoneVerified), &prakerja.SessionToken{Token: testToken, ExpiresAt: testNow}, nil
			}
			env := newTestEnv(t, svc)
			env.disputes.fn = func(_ context.Context, in registration.DisputeInput, _ prakerja.Client) (*prakerja.Dispute, error) {
				assertAllSet(t, in)
				return &prakerja.Dispute{ID: 7, Status: prakerja.DisputeOpen}, nil
			}
			req, _ := doc.request(t, o)
			rec := env.do(req)
			if rec.Code >= 300 || !slices.Contains(o.statuses(), rec.Code) {
				t.Fatalf("example got %d (documented %v): %s", rec.Code, o.statuses(), rec.Body)
			}
		})
	}
}

// assertAllSet fails when a field of the decoded request stayed empty.
func assertAllSet(t *testing.T, v any) {
	t.Helper()
	rv := reflect.ValueOf(v)
	for i := range rv.NumField() {
		if rv.Field(i).IsZero() {
			t.Errorf("%s.%s is empty: not in the document's example?", rv.Type().Name(), rv.Type().Field(i).Name)
		}
	}
}

// serviceCodes are the codes each route's service calls document in
// service.go (plus those every call can fail with).
var serviceCodes = map[string][]prakerja.Code{
	"POST /api/v1/registrations":               {prakerja.CodeInvalid, prakerja.CodeNIKTaken, prakerja.CodeEmailTaken, prakerja.CodePhoneTaken},
	"GET /api/v1/registrations/{id}":           {prakerja.CodeNotFound},
	"POST /api/v1/email-confirmations":         {prakerja.CodeNotFound, prakerja.CodeOTPExpired, prakerja.CodeOTPUsed},
	"POST /api/v1/phone-verifications":         {prakerja.CodeConflict, prakerja.CodeRateLimited},
	"POST /api/v1/phone-verifications/confirm": {prakerja.CodeNotFound, prakerja.CodeOTPInvalid, prakerja.CodeOTPExpired, prakerja.CodeOTPUsed, prakerja.CodeOTPExhausted},
	"POST /api/v1/logins":                      {prakerja.CodeInvalid, prakerja.CodeRateLimited},
	"POST /api/v1/logins/confirm":              {prakerja.CodeOTPInvalid, prakerja.CodeOTPExpired, prakerja.CodeOTPUsed, prakerja.CodeOTPExhausted},
	"DELETE /api/v1/session":                   {},
	"GET /api/v1/me":                           {prakerja.CodeNotFound},
	"POST /api/v1/disputes":                    {prakerja.CodeInvalid, prakerja.CodeRateLimited, prakerja.CodeNotFound},
}

// TestOpenAPIListsEveryStatus provokes every answer a route can give (each
// documented service error, and for POSTs each body and idempotency
// failure) and checks that the document lists its status.
func TestOpenAPIListsEveryStatus(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	for _, o := range doc.ops() {
		t.Run(o.key(), func(t *testing.T) {
			t.Parallel()
			seen := map[int]string{}
			try := func(what string, svc *mock.RegistrationService, edit func(*http.Request, *idemStore)) {
				env := newTestEnv(t, svc)
				req, _ := doc.request(t, o)
				if edit != nil {
					edit(req, env.store)
				}
				seen[env.do(req).Code] = what
			}
			try("ok", okService(), nil)
			if codes, ok := serviceCodes[o.key()]; ok {
				for _, c := range append(codes, prakerja.CodeInternal, prakerja.CodeUnavailable) {
					try(string(c), failingService(prakerja.Errorf(c, "x")), nil)
				}
			}
			tryUnauthenticated(t, doc, o, try)
			if o.method == http.MethodPost {
				tryBodyFailures(try)
			}
			if o.path == "/healthz" {
				try("not ready", okService(), func(_ *http.Request, s *idemStore) { s.pingErr = errSecretCause })
			}
			if strings.Contains(o.path, "{code}") {
				try("unknown region", okService(), func(r *http.Request, _ *idemStore) {
					r.URL.Path = strings.Replace(o.path, "{code}", "00", 1)
				})
			}
			for st, what := range seen {
				if !slices.Contains(o.statuses(), st) {
					t.Errorf("%s answers %d (%s), not in the document %v", o.key(), st, what, o.statuses())
				}
			}
		})
	}
}

// tryUnauthenticated sends a session route's request without the cookie.
func tryUnauthenticated(t *testing.T, doc openAPI, o docOp, try func(string, *mock.RegistrationService, func(*http.Request, *idemStore))) {
	t.Helper()
	if _, session := doc.request(t, o); !session {
		return
	}
	try("no session", okService(), func(r *http.Request, _ *idemStore) { r.Header.Del("Cookie") })
}

// tryBodyFailures provokes the JSON-body and Idempotency-Key answers.
func tryBodyFailures(try func(string, *mock.RegistrationService, func(*http.Request, *idemStore))) {
	setBody := func(r *http.Request, b []byte) {
		r.Body = http.NoBody
		if len(b) > 0 {
			r.Body = ioNopCloser(bytes.NewReader(b))
		}
		r.ContentLength = int64(len(b))
	}
	try("malformed", okService(), func(r *http.Request, _ *idemStore) {
		setBody(r, []byte(`{"x":`))
		r.Header.Set("Content-Type", "application/json")
	})
	try("unknown field", okService(), func(r *http.Request, _ *idemStore) {
		setBody(r, []byte(`{"nope":1}`))
		r.Header.Set("Content-Type", "application/json")
	})
	try("wrong type", okService(), func(r *http.Request, _ *idemStore) {
		setBody(r, []byte(`[]`))
		r.Header.Set("Content-Type", "application/json")
	})
	try("too large", okService(), func(r *http.Request, _ *idemStore) {
		setBody(r, bytes.Repeat([]byte(" "), BodyMax+1))
		r.Header.Set("Content-Type", "application/json")
	})
	try("media type", okService(), func(r *http.Request, _ *idemStore) {
		setBody(r, []byte("a=1"))
		r.Header.Set("Content-Type", "text/plain")
	})
	try("bad key", okService(), func(r *http.Request, _ *idemStore) { r.Header.Set(idempotencyKeyHeader, strings.Repeat("k", 200)) })
	try("key reused", okService(), func(r *http.Request, s *idemStore) {
		r.Header.Set(idempotencyKeyHeader, "k")
		s.beginAs = func([]byte) *prakerja.IdempotentResponse {
			return &prakerja.IdempotentResponse{RequestHash: []byte("other")}
		}
	})
	try("key pending", okService(), func(r *http.Request, s *idemStore) {
		r.Header.Set(idempotencyKeyHeader, "k")
		s.beginAs = func(h []byte) *prakerja.IdempotentResponse { return &prakerja.IdempotentResponse{RequestHash: h} }
	})
}

func TestOpenAPICodeEnum(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	enum := doc.resolve(t, map[string]any{"$ref": "#/components/schemas/Code"})["enum"]
	var got []string
	for _, c := range asSlice(enum) {
		got = append(got, c.(string))
	}
	for _, c := range errorGoCodes(t) {
		if !slices.Contains(got, string(c)) {
			t.Errorf("code %q missing from the document's Code enum", c)
		}
	}
}
