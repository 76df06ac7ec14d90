package http

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"github.com/prakerja/prakerja"
)

// Console sign-in: username and password (POST /ops/login) open a pending
// session that only the second step accepts: the TOTP code (POST
// /ops/login/code), or on the first sign-in the enrolment of an
// authenticator app (GET /ops/enrol, then its first code on POST
// /ops/enrol). Each step answers every failure with one message, so the
// form never tells whether a username exists or which part was wrong.

// Console sign-in inputs.
var (
	usernameInput = inputSpec{Name: "username", Type: "text", Autocomplete: "username", MaxLen: prakerja.StaffUsernameMax}
	passwordInput = inputSpec{Name: "password", Type: "password", Autocomplete: "current-password", MaxLen: prakerja.StaffPasswordMax}
	totpInput     = inputSpec{Name: "totp", Type: "text", InputMode: "numeric", Autocomplete: "one-time-code", MaxLen: 6, Hint: true}
)

// opsLoginView is the sign-in form, and the code form after it.
type opsLoginView struct {
	pageBase
	Next     string
	Off      bool // no staff service: sign-in is not configured
	Username inputView
	Password inputView
	Code     inputView
	Enrol    *prakerja.StaffEnrolment
	Action   string // where the code form posts
}

// opsNext is the validated return path of a sign-in form, or "".
func opsNext(r *http.Request) string {
	if r.Method == http.MethodPost {
		return safeOpsNext(r.PostForm.Get("next"))
	}
	return safeOpsNext(r.URL.Query().Get("next"))
}

// opsLandings are the home pages by permission, first match wins:
// programme staff land on the backlog, partners on their own page.
var opsLandings = []struct {
	perm prakerja.Permission
	path string
}{
	{prakerja.PermDashboard, "/ops/"},
	{prakerja.PermPlatformOwn, "/ops/platform"},
	{prakerja.PermNominationOwn, "/ops/institution"},
}

// opsLanding is where a signed-in staff member goes: next when given,
// else their role's home page, else their account page.
func opsLanding(st *prakerja.Staff, next string) string {
	if next != "" {
		return next
	}
	for _, l := range opsLandings {
		if st.Can(l.perm) {
			return l.path
		}
	}
	return "/ops/account"
}

// withNext appends a validated next parameter to path.
func withNext(path, next string) string {
	if next == "" {
		return path
	}
	return path + "?next=" + url.QueryEscape(next)
}

// pageOpsLogin handles GET /ops/login: the form, or straight on when the
// session is still live.
func (s *Server) pageOpsLogin(w http.ResponseWriter, r *http.Request) {
	next := opsNext(r)
	if st := s.opsStaff(r); st != nil {
		http.Redirect(w, r, opsLanding(st, next), http.StatusSeeOther)
		return
	}
	v := s.opsLoginView(r, next, "")
	switch {
	case r.URL.Query().Get("changed") != "":
		v.Flash = v.T("ops.account.changed")
	case r.URL.Query().Get("again") != "":
		v.Flash = v.T("ops.login.again")
	}
	s.render(w, r, http.StatusOK, "ops_login", v)
}

// opsLoginView builds the username and password form.
func (s *Server) opsLoginView(r *http.Request, next, username string) *opsLoginView {
	v := &opsLoginView{pageBase: s.base(r, "ops.login.heading", withNext("/ops/login", next)), Next: next, Off: s.staff == nil}
	v.Username = usernameInput.view(v.loc, username, "")
	v.Password = passwordInput.view(v.loc, "", "")
	return v
}

// pageOpsLoginSubmit handles POST /ops/login.
func (s *Server) pageOpsLoginSubmit(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	next, username := opsNext(r), strings.TrimSpace(r.PostForm.Get("username"))
	if s.staff == nil {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeUnavailable, "Staff sign-in is not configured."))
		return
	}
	res, err := s.staff.SignInPassword(r.Context(), username, r.PostForm.Get("password"), s.clientIP(r))
	if err != nil {
		v := s.opsLoginView(r, next, username)
		v.Summary = []summaryItem{{ID: "username", Text: s.opsSignInError(v.loc, err)}}
		s.render(w, r, pageStatus(w, err), "ops_login", v)
		return
	}
	if old := s.opsToken(r); old != "" {
		// A session the browser held before is ended, not orphaned: one
		// browser, one session.
		if err := s.staff.SignOut(r.Context(), old); err != nil {
			s.log.ErrorContext(r.Context(), "end the previous staff session", "err", err)
		}
	}
	s.setOpsCookie(w, res.Token)
	if res.NeedEnrol {
		http.Redirect(w, r, withNext("/ops/enrol", next), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, withNext("/ops/login/code", next), http.StatusSeeOther)
}

// pageOpsLoginCodeForm handles GET /ops/login/code: the code form after
// the password (a redirect, so reloading it never re-posts the password).
func (s *Server) pageOpsLoginCodeForm(w http.ResponseWriter, r *http.Request) {
	next := opsNext(r)
	if s.staff == nil || s.opsToken(r) == "" {
		http.Redirect(w, r, withNext("/ops/login", next), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "ops_totp", s.opsCodeView(r, next, nil))
}

// opsSignInError is the one message for a refused sign-in step; only
// throttling and outages say something else.
func (s *Server) opsSignInError(loc locale, err error) string {
	switch prakerja.ErrorCode(err) {
	case prakerja.CodeUnauthorized, prakerja.CodeInvalid, prakerja.CodeNotFound, prakerja.CodeOTPUsed,
		prakerja.CodeOTPInvalid, prakerja.CodeOTPExpired:
		return loc.T("ops.login.failed")
	}
	return s.codeMessage(loc, err)
}

// opsCodeView builds the TOTP form; with enrol it also shows the secret.
func (s *Server) opsCodeView(r *http.Request, next string, enrol *prakerja.StaffEnrolment) *opsLoginView {
	v := &opsLoginView{pageBase: s.base(r, "ops.totp.heading", withNext("/ops/login/code", next)), Next: next,
		Enrol: enrol, Action: "/ops/login/code"}
	if enrol != nil {
		v.TitleKey, v.Self, v.Action = "ops.enrol.heading", withNext("/ops/enrol", next), "/ops/enrol"
	}
	v.Code = totpInput.view(v.loc, "", "")
	return v
}

// pageOpsLoginCode handles POST /ops/login/code and POST /ops/enrol: the
// second step. Success replaces the pending session with a new one.
func (s *Server) pageOpsLoginCode(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	next, tok := opsNext(r), s.opsToken(r)
	if s.staff == nil || tok == "" {
		http.Redirect(w, r, withNext("/ops/login", next), http.StatusSeeOther)
		return
	}
	res, err := s.staff.SignInCode(r.Context(), tok, strings.TrimSpace(r.PostForm.Get("totp")), s.clientIP(r))
	if prakerja.ErrorCode(err) == prakerja.CodeUnauthorized {
		// The pending session expired, or failures locked the account:
		// start again from the password.
		s.clearOpsCookie(w)
		u := "/ops/login?again=1"
		if next != "" {
			u += "&next=" + url.QueryEscape(next)
		}
		http.Redirect(w, r, u, http.StatusSeeOther)
		return
	}
	if err != nil {
		var enrol *prakerja.StaffEnrolment
		if r.URL.Path == "/ops/enrol" {
			enrol, _ = s.staff.Enrolment(r.Context(), tok)
		}
		v := s.opsCodeView(r, next, enrol)
		v.Summary = []summaryItem{{ID: "totp", Text: s.opsSignInError(v.loc, err)}}
		s.render(w, r, pageStatus(w, err), "ops_totp", v)
		return
	}
	s.setOpsCookie(w, res.Token)
	http.Redirect(w, r, opsLanding(res.Staff, next), http.StatusSeeOther)
}

// pageOpsEnrol handles GET /ops/enrol: the secret to add to an
// authenticator app, for a pending session of an account without one.
func (s *Server) pageOpsEnrol(w http.ResponseWriter, r *http.Request) {
	next, tok := opsNext(r), s.opsToken(r)
	if s.staff == nil || tok == "" {
		http.Redirect(w, r, withNext("/ops/login", next), http.StatusSeeOther)
		return
	}
	enrol, err := s.staff.Enrolment(r.Context(), tok)
	if err != nil {
		http.Redirect(w, r, withNext("/ops/login", next), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "ops_totp", s.opsCodeView(r, next, enrol))
}

// pageOpsEnrolQR handles GET /ops/enrol/qr: the enrolment URI as a QR
// code image, served here rather than as a data: URI so the pages' CSP
// stays img-src 'self'.
func (s *Server) pageOpsEnrolQR(w http.ResponseWriter, r *http.Request) {
	tok := s.opsToken(r)
	if s.staff == nil || tok == "" {
		http.NotFound(w, r)
		return
	}
	enrol, err := s.staff.Enrolment(r.Context(), tok)
	if err != nil || len(enrol.QRPNG) == 0 {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, "", s.clock.Now(), bytes.NewReader(enrol.QRPNG))
}

// pageOpsLogout handles POST /ops/logout: the session ends on the server,
// not just in the browser.
func (s *Server) pageOpsLogout(w http.ResponseWriter, r *http.Request) {
	if tok := s.opsToken(r); tok != "" && s.staff != nil {
		if err := s.staff.SignOut(r.Context(), tok); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.clearOpsCookie(w)
	http.Redirect(w, r, "/ops/login", http.StatusSeeOther)
}

// opsRoot handles GET / on the console: on to the signed-in staff
// member's landing page (partners have no dashboard).
func (s *Server) opsRoot(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, opsLanding(staffFrom(r.Context()), ""), http.StatusSeeOther)
}
