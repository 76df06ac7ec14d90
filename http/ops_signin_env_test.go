package http

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/alexedwards/argon2id"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/staff"
)

// testArgon makes hashing cheap in tests; the production parameters are
// staff.Params.
var testArgon = &argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// signinEnv is the operator console on SQLite with the real staff service
// and a clock the test moves.
type signinEnv struct {
	t     *testing.T
	srv   *Server
	ops   http.Handler
	svc   *staff.Service
	store *sqldb.Store
	clock *mock.Clock
}

func newSigninEnv(t *testing.T, cfg Config) *signinEnv {
	t.Helper()
	store := openSQLite(t)
	keys, err := pii.NewKeyFile("test").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	clock := mock.NewClock(testNow)
	svc, err := staff.New(staff.Options{Store: store, Keys: keys, Clock: clock, Params: testArgon})
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(cfg, Deps{Registrations: okService(), Store: store, Clock: clock,
		Logger: slog.New(slog.DiscardHandler), Staff: svc})
	return &signinEnv{t: t, srv: srv, ops: srv.OpsHandler(), svc: svc, store: store, clock: clock}
}

// testPassword is every test account's password.
const testPassword = "kata-sandi-uji-yang-panjang"

// account creates an account of role named username.
func (e *signinEnv) account(username string, role prakerja.Role) *prakerja.Staff {
	e.t.Helper()
	n := prakerja.NewStaff{Username: username, Role: role, Password: testPassword, DisplayName: "Petugas " + username}
	if role == prakerja.RolePlatform || role == prakerja.RoleInstitution {
		n.PartnerRef = "mitra-1"
	}
	st, _, err := e.svc.Create(context.Background(), "test", n)
	if err != nil {
		e.t.Fatalf("create %s: %v", username, err)
	}
	return st
}

// send sends one request with the session cookie token (if any) and an
// urlencoded form body (if any).
func (e *signinEnv) send(method, target, token string, form url.Values, hdr ...string) *httptest.ResponseRecorder {
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, target, nil)
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: e.srv.opsCookie(), Value: token})
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	e.ops.ServeHTTP(rec, req)
	return rec
}

// cookieOf returns the session cookie rec sets, or nil.
func (e *signinEnv) cookieOf(rec *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == e.srv.opsCookie() {
			return c
		}
	}
	return nil
}

var secretRE = regexp.MustCompile(`<code>([A-Z2-7]{16,})</code>`)

// enrol signs username in for the first time through the forms: password,
// the enrolment page's secret, and a code computed from it at the test
// clock. It returns the full session token and the secret.
func (e *signinEnv) enrol(username, next string) (token, secret string) {
	e.t.Helper()
	rec := e.send("POST", "/ops/login", "", url.Values{"username": {username}, "password": {testPassword}, "next": {next}})
	pending := e.cookieOf(rec)
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/ops/enrol") || pending == nil {
		e.t.Fatalf("password step: %d %v", rec.Code, rec.Header())
	}
	rec = e.send("GET", rec.Header().Get("Location"), pending.Value, nil)
	m := secretRE.FindStringSubmatch(rec.Body.String())
	if rec.Code != http.StatusOK || m == nil {
		e.t.Fatalf("enrol page: %d %s", rec.Code, rec.Body)
	}
	return e.code("/ops/enrol", pending.Value, m[1], next), m[1]
}

// signIn signs an enrolled username in through the forms.
func (e *signinEnv) signIn(username, secret string) string {
	e.t.Helper()
	rec := e.send("POST", "/ops/login", "", url.Values{"username": {username}, "password": {testPassword}})
	pending := e.cookieOf(rec)
	if rec.Code != http.StatusSeeOther || pending == nil || rec.Header().Get("Location") != "/ops/login/code" {
		e.t.Fatalf("password step: %d %v", rec.Code, rec.Header())
	}
	rec = e.send("GET", "/ops/login/code", pending.Value, nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `action="/ops/login/code"`) {
		e.t.Fatalf("code form: %d %s", rec.Code, rec.Body)
	}
	return e.code("/ops/login/code", pending.Value, secret, "")
}

// code posts the TOTP code of secret at the test clock to path.
func (e *signinEnv) code(path, pending, secret, next string) string {
	e.t.Helper()
	code, err := staff.Code(secret, e.clock.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	rec := e.send("POST", path, pending, url.Values{"totp": {code}, "next": {next}})
	full := e.cookieOf(rec)
	if rec.Code != http.StatusSeeOther || full == nil || full.Value == "" {
		e.t.Fatalf("code step: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	if full.Value == pending {
		e.t.Fatal("the session token was not rotated at sign-in")
	}
	return full.Value
}

// auditActions lists the actions of the audit chain, in order, failing
// the test if any detail holds the test password.
func (e *signinEnv) auditActions() []string {
	e.t.Helper()
	entries, err := e.store.AuditEntries(context.Background(), 0, prakerja.AuditPageMax)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, a := range entries {
		if strings.Contains(a.Detail, testPassword) || strings.Contains(a.Subject, testPassword) {
			e.t.Errorf("audit record %d holds the password: %+v", a.Seq, a)
		}
		out = append(out, a.Action)
	}
	return out
}
