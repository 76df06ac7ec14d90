package http

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/pquerna/otp/totp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/browsertest"
)

// browserStaffPassword is every test staff account's password.
const browserStaffPassword = "Uji-Konsol-Prakerja-2025"

// opsPathValues are the operator routes with wildcards, by path, and the
// path to visit for each, with ids of records that exist. A new route
// with a wildcard not listed here fails the test, asking for one.
func (e *browserEnv) opsPathValues() map[string]string {
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	return map[string]string{
		"/ops/dashboard/waves/{id}": "/ops/dashboard/waves/" + id(e.wave),
		"/ops/registrants/{id}":     "/ops/registrants/" + id(e.reg),
		"/ops/complaints/{id}":      "/ops/complaints/" + id(e.complaint),
		"/ops/data-requests/{id}":   "/ops/data-requests/" + id(e.dataRequest),
	}
}

// opsPage is one operator GET page: its path, wildcards filled in, and the
// permission it needs.
type opsPage struct {
	path string
	perm prakerja.Permission
}

// opsGETPages returns every GET page in opsRoutes that needs a session,
// so a page added to the table is checked without touching this test.
// The public sign-in pages are checked while signing in.
func (e *browserEnv) opsGETPages(t *testing.T) []opsPage {
	t.Helper()
	values := e.opsPathValues()
	var pages []opsPage
	for _, rt := range e.srv.opsRoutes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		if method != http.MethodGet || !rt.page || rt.public {
			continue
		}
		if strings.Contains(path, "{") && !strings.HasSuffix(path, "{$}") {
			v, ok := values[path]
			if !ok {
				t.Errorf("route %q: add its ids to opsPathValues", rt.pattern)
				continue
			}
			path = v
		}
		pages = append(pages, opsPage{strings.TrimSuffix(path, "{$}"), rt.perm})
	}
	if len(pages) == 0 {
		t.Fatal("opsRoutes has no GET pages")
	}
	return pages
}

// roleFor returns the first role, in the console's order, that holds perm.
func roleFor(perm prakerja.Permission) (prakerja.Role, bool) {
	for _, r := range prakerja.Roles() {
		if prakerja.RoleCan(r, perm) {
			return r, true
		}
	}
	return "", false
}

// opsSignIn signs in as the staff account of role for tag through the
// console's forms in a fresh browser context: username and password, then
// enrolment, reading the secret off the page and typing the TOTP code an
// authenticator app would show at the server's time. With check set it
// also checks the sign-in pages themselves.
func (e *browserEnv) opsSignIn(t *testing.T, base string, role prakerja.Role, tag string, check bool) *browsertest.Page {
	t.Helper()
	username := opsUsername(role, tag)
	p := e.b.Incognito(t, base)
	p.Viewport(browsertest.Laptop)
	if got := p.Go("/ops/"); got != http.StatusOK || !strings.Contains(p.Location(), "/ops/login") {
		t.Fatalf("signed out: /ops/ gave %d at %s, want the sign-in page", got, p.Location())
	}
	// Signed in again from the sign-in page itself, so each role lands
	// where the console sends it, not on a page it may not see.
	p.Go("/ops/login")
	if check {
		checkPage(t, p, "")
		p.Axe()
	}
	p.Fill("#username", username)
	p.Fill("#password", browserStaffPassword)
	if got := p.Click("form[action='/ops/login'] button[type=submit]"); got != http.StatusOK {
		t.Fatalf("%s: password step: status %d: %s", role, got, p.Body())
	}
	if check {
		checkPage(t, p, "")
		p.Axe()
	}
	secret := strings.TrimSpace(p.Text("main code"))
	code, err := totp.GenerateCode(secret, e.clock.Now())
	if err != nil {
		t.Fatalf("%s: TOTP from the enrolment secret %q: %v", role, secret, err)
	}
	p.Fill("#totp", code)
	if got := p.Click("main form:not([action='/ops/logout']) button[type=submit]"); got != http.StatusOK {
		t.Fatalf("%s: code step: status %d: %s", role, got, p.Body())
	}
	if strings.Contains(p.Location(), "/ops/login") || strings.Contains(p.Location(), "/ops/enrol") {
		t.Fatalf("%s: still signing in at %s: %s", role, p.Location(), p.Body())
	}
	return p
}

// opsUsername is the test account of role for tag.
func opsUsername(role prakerja.Role, tag string) string {
	return "uji." + strings.ReplaceAll(string(role), "_", ".") + "." + tag
}

// opsAccount creates the staff account of role for tag.
func (e *browserEnv) opsAccount(t *testing.T, role prakerja.Role, tag string) {
	t.Helper()
	if _, _, err := e.staff.Create(context.Background(), "test", prakerja.NewStaff{Username: opsUsername(role, tag),
		DisplayName: "Uji " + string(role), Role: role, PartnerRef: partnerRefFor(role), Password: browserStaffPassword}); err != nil {
		t.Fatalf("create %s: %v", opsUsername(role, tag), err)
	}
}

// partnerRefFor is the partner a partner-bound role's account belongs to.
func partnerRefFor(role prakerja.Role) string {
	switch role {
	case prakerja.RolePlatform:
		return "tokopedia" // a seed catalogue platform
	case prakerja.RoleInstitution:
		return "kemnaker"
	}
	return ""
}

// testOps signs in through the console's real forms, with an account for
// each role the pages need and each screen (parallel subtests; the server's
// clock is fixed, so one TOTP code signs in each account once), and renders
// every operator GET page on a phone in Indonesian and a laptop in English,
// with axe-core.
func (e *browserEnv) testOps(t *testing.T) {
	ops := httptest.NewServer(e.srv.OpsHandler())
	t.Cleanup(ops.Close)
	byRole := map[prakerja.Role][]string{}
	var roles []prakerja.Role
	for _, pg := range e.opsGETPages(t) {
		role, ok := roleFor(pg.perm)
		if !ok {
			t.Errorf("%s: no role holds %s", pg.path, pg.perm)
			continue
		}
		if byRole[role] == nil {
			roles = append(roles, role)
		}
		byRole[role] = append(byRole[role], pg.path)
	}
	// Every account exists before any page is seen, so the staff list
	// shows the same rows (with their buttons) whichever subtest runs first.
	for _, role := range roles {
		for _, bl := range browserLocales {
			e.opsAccount(t, role, string(bl.loc))
		}
	}
	for i, role := range roles {
		for j, bl := range browserLocales {
			t.Run(string(role)+"/"+bl.vp.Name, func(t *testing.T) {
				t.Parallel()
				p := e.opsSignIn(t, ops.URL, role, string(bl.loc), i == 0 && j == 0)
				p.Viewport(bl.vp)
				for _, path := range byRole[role] {
					if got := p.Go(withLang(path, bl.loc)); got != http.StatusOK {
						t.Errorf("%s as %s: status %d: %s", path, role, got, p.Body())
						continue
					}
					checkPage(t, p, "")
					p.Axe()
				}
			})
		}
	}
}
