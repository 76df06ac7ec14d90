package http

import (
	"net/http"
	"net/url"

	"github.com/prakerja/prakerja"
)

// confirmEmailView is the page behind the welcome e-mail's link: one button
// that posts the token back.
type confirmEmailView struct {
	pageBase
	Token string
}

// pageConfirmEmail handles GET /confirm-email?token=…, the link in the
// welcome e-mail. It only shows a button that posts the token to
// POST /confirm-email: mail scanners and link previewers (Safe Links,
// antivirus prefetchers) fetch links before the person clicks, and a GET
// that consumed the single-use token would leave them with "link already
// used". The token is a secret: access logs record only the route pattern,
// Referrer-Policy keeps the URL out of the next request, and Cache-Control
// keeps the page out of caches.
func (s *Server) pageConfirmEmail(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if token == "" {
		s.renderError(w, r, prakerja.Errorf(prakerja.CodeNotFound, "no token"), "/login", "login.heading")
		return
	}
	// The language links keep the token, so switching language still works.
	v := &confirmEmailView{pageBase: s.base(r, "confirm.heading", "/confirm-email?token="+url.QueryEscape(token)), Token: token}
	s.render(w, r, http.StatusOK, "confirm_email", v)
}

// pageConfirmEmailSubmit handles POST /confirm-email, the button of the page
// above: it consumes the token, signs the registrant in and sends them on to
// the phone step. Cross-origin posts are refused by pageHandler.
func (s *Server) pageConfirmEmailSubmit(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	token := r.PostForm.Get("token")
	if token == "" {
		s.renderError(w, r, prakerja.Errorf(prakerja.CodeNotFound, "no token"), "/login", "login.heading")
		return
	}
	_, tok, err := s.regs.ConfirmEmail(r.Context(), token)
	if err != nil {
		s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
		s.renderError(w, r, err, "/login", "login.heading")
		return
	}
	s.setSessionCookie(w, tok)
	http.Redirect(w, r, "/phone", http.StatusSeeOther)
}
