package http

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/prakerja/prakerja"
)

// StaffService signs console staff in and out and manages their accounts;
// staff.Service implements it. Errors are prakerja codes: CodeUnauthorized
// for any failed sign-in step (never saying which part was wrong),
// CodeRateLimited, CodeInvalid with Fields, CodeConflict, CodeNotFound,
// CodeForbidden.
type StaffService interface {
	// SignInPassword checks username and password and starts a pending
	// session that opens only the TOTP (or enrolment) step.
	SignInPassword(ctx context.Context, username, password, clientIP string) (*prakerja.StaffSignIn, error)
	// SignInCode finishes a pending session with a TOTP code, returning a
	// new (rotated) full session.
	SignInCode(ctx context.Context, pendingToken, code, clientIP string) (*prakerja.StaffSignIn, error)
	// Enrolment returns the TOTP secret to enrol for a pending session
	// whose account has none confirmed, creating it on first call.
	Enrolment(ctx context.Context, pendingToken string) (*prakerja.StaffEnrolment, error)
	// Session returns the staff member of a full, live session and marks
	// it used. Returns CodeUnauthorized.
	Session(ctx context.Context, token string) (*prakerja.Staff, error)
	// SignOut ends a session (full or pending).
	SignOut(ctx context.Context, token string) error
	// ChangePassword replaces st's password after checking the old one.
	ChangePassword(ctx context.Context, st *prakerja.Staff, oldPassword, newPassword string) error
	// List lists the accounts.
	List(ctx context.Context) ([]*prakerja.Staff, error)
	// Create makes an account; an empty Password is generated and
	// returned, to be shown once.
	Create(ctx context.Context, actor string, n prakerja.NewStaff) (*prakerja.Staff, string, error)
	// Disable disables an account and ends its sessions.
	Disable(ctx context.Context, actor string, id int64) error
	// Enable lets a disabled account sign in again, enrolling a new
	// authenticator.
	Enable(ctx context.Context, actor string, id int64) error
	// ResetTOTP clears an account's TOTP, so it enrols again at its next
	// sign-in, and ends its sessions.
	ResetTOTP(ctx context.Context, actor string, id int64) error
}

// opsCookie is the console session cookie's name. With secure cookies it
// carries the __Host- prefix, which makes the browser insist on Secure,
// Path=/ and no Domain, so no sibling host can plant or read it.
func (s *Server) opsCookie() string {
	if s.cfg.SecureCookies {
		return "__Host-ops_session"
	}
	return "ops_session"
}

// setOpsCookie sets the console session cookie: a browser-session cookie
// (the server enforces idle and absolute expiry), HttpOnly, and
// SameSite=Strict because no other site ever has a reason to link into the
// console signed in.
func (s *Server) setOpsCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: s.opsCookie(), Value: token, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode})
}

// clearOpsCookie drops the console session cookie.
func (s *Server) clearOpsCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.opsCookie(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode})
}

// opsToken returns the console session cookie's value, or "".
func (s *Server) opsToken(r *http.Request) string {
	c, err := r.Cookie(s.opsCookie())
	if err != nil {
		return ""
	}
	return c.Value
}

type staffKey struct{}

// staffFrom returns the signed-in staff member of a console request, or
// nil on a public (sign-in) route or outside the console.
func staffFrom(ctx context.Context) *prakerja.Staff {
	st, _ := ctx.Value(staffKey{}).(*prakerja.Staff)
	return st
}

// withStaff returns ctx carrying st, for staffFrom.
func withStaff(ctx context.Context, st *prakerja.Staff) context.Context {
	return context.WithValue(ctx, staffKey{}, st)
}

// mustGuardOpsRoutes panics when an operator route names no permission and
// is not marked public: a route nobody decided on is a wiring bug, and it
// must stop the binary at start rather than be served open.
func mustGuardOpsRoutes(routes []route) {
	for _, rt := range routes {
		if rt.perm == "" && !rt.public {
			panic(fmt.Sprintf("http: operator route %q names no permission", rt.pattern))
		}
		if rt.perm != "" && rt.public {
			panic(fmt.Sprintf("http: operator route %q is public and names a permission", rt.pattern))
		}
	}
}

// opsGuard enforces rt.perm: it resolves the session, sends the signed-out
// to the sign-in page (pages) or answers 401 (API, /metrics), answers 403
// to staff whose role lacks the permission, and otherwise calls the route
// with the staff member in the context.
func (s *Server) opsGuard(rt route) http.Handler {
	if rt.public {
		return rt.handler
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.perm == prakerja.PermMetrics && s.metricsBearerOK(r) {
			rt.handler.ServeHTTP(w, r)
			return
		}
		st := s.opsStaff(r)
		if st == nil {
			s.opsSignedOut(w, r, rt)
			return
		}
		if !st.Can(rt.perm) {
			s.opsDenied(w, r, rt)
			return
		}
		rt.handler.ServeHTTP(w, r.WithContext(withStaff(r.Context(), st)))
	})
}

// opsStaff returns the staff member of r's session, or nil.
func (s *Server) opsStaff(r *http.Request) *prakerja.Staff {
	tok := s.opsToken(r)
	if tok == "" || s.staff == nil {
		return nil
	}
	st, err := s.staff.Session(r.Context(), tok)
	if err != nil {
		if prakerja.ErrorCode(err) != prakerja.CodeUnauthorized {
			s.log.ErrorContext(r.Context(), "staff session", "err", err)
		}
		return nil
	}
	return st
}

// metricsBearerOK reports whether r carries the configured scrape token
// (Authorization: Bearer …), compared in constant time.
func (s *Server) metricsBearerOK(r *http.Request) bool {
	if s.cfg.MetricsToken == "" {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.MetricsToken)) == 1
}

// servePublicMetrics is /metrics on the public listener: open when no
// scrape token is configured (a private network's choice), otherwise only
// with the token, so a public deployment need not publish its figures.
func (s *Server) servePublicMetrics(w http.ResponseWriter, r *http.Request) {
	if s.cfg.MetricsToken != "" && !s.metricsBearerOK(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
		s.writeProblem(w, r, prakerja.Errorf(prakerja.CodeUnauthorized, "Metrics need the scrape token."))
		return
	}
	s.serveMetrics(w, r)
}

// opsSignedOut answers a request without a live session.
func (s *Server) opsSignedOut(w http.ResponseWriter, r *http.Request, rt route) {
	if s.opsToken(r) != "" {
		s.clearOpsCookie(w)
	}
	if !rt.page {
		w.Header().Set("WWW-Authenticate", `Bearer realm="prakerja-ops"`)
		s.writeProblem(w, r, prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in."))
		return
	}
	target := "/ops/login"
	if r.Method == http.MethodGet && safeOpsNext(r.URL.RequestURI()) != "" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// opsDenied answers a signed-in staff member whose role lacks the route's
// permission: 403, as a page or a problem document.
func (s *Server) opsDenied(w http.ResponseWriter, r *http.Request, rt route) {
	err := prakerja.Errorf(prakerja.CodeForbidden, "Your role may not use this page.")
	if !rt.page {
		s.writeProblem(w, r, err)
		return
	}
	s.logFailure(r, http.StatusForbidden, err)
	s.renderError(w, r, err, "/ops/account", "ops.account.heading")
}

// safeOpsNext returns next if it is a local console path to return to
// after sign-in (no scheme, no host, no "//" or backslash tricks), else "".
func safeOpsNext(next string) string {
	if len(next) > 512 || !strings.HasPrefix(next, "/ops/") || strings.HasPrefix(next, "/ops/login") ||
		strings.ContainsAny(next, "\\\r\n\t") || strings.Contains(next, "//") || strings.Contains(next, "/..") ||
		strings.Contains(next, "/./") {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return ""
	}
	return next
}

// opsPublic is an operator page open without a session: only the sign-in
// steps and sign-out are.
func (s *Server) opsPublic(pattern string, h http.HandlerFunc) route {
	return route{pattern: pattern, handler: s.pageHandler(h), page: true, public: true}
}
