package http

import (
	"net/http"
	"strings"

	"github.com/prakerja/prakerja"
)

// identifierInput takes the verified phone number or e-mail address.
var identifierInput = inputSpec{Name: "identifier", Type: "text", Autocomplete: "username", MaxLen: prakerja.EmailMax, Hint: true}

// loginView is the first sign-in step.
type loginView struct {
	pageBase
	Identifier inputView
}

// loginCodeView is the second sign-in step: the code that was sent.
type loginCodeView struct {
	pageBase
	LoginID    string
	ChannelKey string // "login.sent_sms" or "login.sent_email"
	ExpiresAt  string
	Code       inputView
}

// pageLogin handles GET /login; ?out=1 confirms a logout.
func (s *Server) pageLogin(w http.ResponseWriter, r *http.Request) {
	v := &loginView{pageBase: s.base(r, "login.heading", "/login")}
	v.Identifier = identifierInput.view(v.loc, "", "")
	if r.URL.Query().Get("out") == "1" {
		v.Flash = v.T("logout.done")
	}
	s.render(w, r, http.StatusOK, "login", v)
}

// pageLoginSubmit handles POST /login: send a sign-in code.
func (s *Server) pageLoginSubmit(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	ident := strings.TrimSpace(r.PostForm.Get("identifier"))
	l, err := s.regs.StartLogin(r.Context(), ident, s.client(r))
	if err != nil {
		v := &loginView{pageBase: s.base(r, "login.heading", "/login")}
		fe := s.translateError(v.loc, err, []string{"identifier"})
		v.Summary = fe.summary
		v.Identifier = identifierInput.view(v.loc, ident, fe.byField["identifier"])
		s.render(w, r, pageStatus(w, err), "login", v)
		return
	}
	v := &loginCodeView{pageBase: s.base(r, "login.code_heading", "/login"), LoginID: l.ID}
	v.ChannelKey = "login.sent_email"
	if l.Channel == prakerja.ChannelSMS {
		v.ChannelKey = "login.sent_sms"
	}
	v.ExpiresAt = formatWIB(l.ExpiresAt)
	v.Code = codeInput.view(v.loc, "", "")
	s.render(w, r, http.StatusOK, "login_code", v)
}

// pageLoginConfirm handles POST /login/confirm: check the code, open a
// session, go to the dashboard.
func (s *Server) pageLoginConfirm(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	loginID := r.PostForm.Get("login_id")
	_, tok, err := s.regs.FinishLogin(r.Context(), loginID, strings.TrimSpace(r.PostForm.Get("code")))
	if err != nil {
		v := &loginCodeView{pageBase: s.base(r, "login.code_heading", "/login"), LoginID: loginID}
		fe := s.translateError(v.loc, asFieldError(err, "code"), []string{"code"})
		v.Summary = fe.summary
		v.Code = codeInput.view(v.loc, "", fe.byField["code"])
		s.render(w, r, pageStatus(w, err), "login_code", v)
		return
	}
	s.setSessionCookie(w, tok)
	http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
}
