package http

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/staff"
)

// wildcardRE matches a path wildcard of a route pattern.
var wildcardRE = regexp.MustCompile(`\{[^}]*\}`)

// routeTarget turns a pattern into a request target: every wildcard
// becomes 1 and {$} nothing.
func routeTarget(pattern string) (method, target string) {
	method, path, _ := strings.Cut(pattern, " ")
	path = strings.ReplaceAll(path, "{$}", "")
	return method, wildcardRE.ReplaceAllString(path, "1")
}

// roleSession signs an account of role in through the service (the forms
// are tested in ops_signin_test.go) and returns its session token.
func roleSession(t *testing.T, e *signinEnv, role prakerja.Role) string {
	t.Helper()
	ctx := context.Background()
	st := e.account(strings.ReplaceAll(string(role), "_", "-"), role)
	res, err := e.svc.SignInPassword(ctx, st.Username, testPassword, "192.0.2.10")
	if err != nil {
		t.Fatalf("%s: password: %v", role, err)
	}
	enrol, err := e.svc.Enrolment(ctx, res.Token)
	if err != nil {
		t.Fatalf("%s: enrolment: %v", role, err)
	}
	code, err := staff.Code(enrol.Secret, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	full, err := e.svc.SignInCode(ctx, res.Token, code, "192.0.2.10")
	if err != nil {
		t.Fatalf("%s: code: %v", role, err)
	}
	return full.Token
}

// TestOpsRoleMatrix sends every operator route (from the table, so a new
// route is covered the day it is added) as every role and signed out: a
// role gets past the guard exactly when prakerja.RoleCan says so (any
// answer but 401, 403 or the sign-in redirect; 404 or 400 for the made-up
// id are fine), 403 otherwise; signed out, pages redirect to sign-in and
// the rest answer 401.
func TestOpsRoleMatrix(t *testing.T) {
	t.Parallel()
	e := newSigninEnv(t, Config{})
	e.account("target", prakerja.RoleSupport) // id 1: what {id} routes act on
	tokens := map[prakerja.Role]string{}
	for _, r := range prakerja.Roles() {
		tokens[r] = roleSession(t, e, r)
	}
	routes := e.srv.opsRoutes()
	if len(routes) < 10 {
		t.Fatalf("only %d operator routes", len(routes))
	}
	for _, rt := range routes {
		if rt.public {
			continue
		}
		method, target := routeTarget(rt.pattern)
		var form url.Values
		if method == http.MethodPost {
			form = url.Values{}
		}
		rec := e.send(method, target, "", form)
		if rt.page {
			if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/ops/login") {
				t.Errorf("%s signed out: %d %q, want a redirect to /ops/login", rt.pattern, rec.Code, rec.Header().Get("Location"))
			}
		} else if rec.Code != http.StatusUnauthorized {
			t.Errorf("%s signed out: %d, want 401", rt.pattern, rec.Code)
		}
		for _, r := range prakerja.Roles() {
			rec := e.send(method, target, tokens[r], form)
			denied := rec.Code == http.StatusForbidden || rec.Code == http.StatusUnauthorized ||
				strings.HasPrefix(rec.Header().Get("Location"), "/ops/login")
			if want := prakerja.RoleCan(r, rt.perm); denied == want {
				t.Errorf("%s as %s: %d (location %q); RoleCan(%s) = %v", rt.pattern, r, rec.Code,
					rec.Header().Get("Location"), rt.perm, want)
			}
		}
	}
	// Every session is still live: no route under test signed anyone out.
	for r, tok := range tokens {
		if _, err := e.svc.Session(context.Background(), tok); err != nil {
			t.Errorf("%s's session ended during the matrix: %v", r, err)
		}
	}
}

// TestOpsRoutesGuarded checks that NewServer refuses an operator route
// that names no permission and is not public.
func TestOpsRoutesGuarded(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("a route without a permission did not panic")
		}
	}()
	mustGuardOpsRoutes([]route{{pattern: "GET /ops/new", handler: http.NotFoundHandler(), page: true}})
}
