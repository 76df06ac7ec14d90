package http

import (
	"net/http"

	"github.com/prakerja/prakerja"
)

// pageConfirmEmail handles GET /confirm-email?token=…, the link in the
// welcome e-mail. It confirms, signs the registrant in and sends them on to
// the phone step. The token is a secret: access logs record only the route
// pattern, and Referrer-Policy keeps it out of the next request.
func (s *Server) pageConfirmEmail(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
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
