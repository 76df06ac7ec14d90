package http

import (
	"net/http"

	"github.com/prakerja/prakerja"
)

// pageSession returns the signed-in registrant, or redirects to the login
// page (dropping a dead cookie) and returns false.
func (s *Server) pageSession(w http.ResponseWriter, r *http.Request) (*prakerja.Registration, bool) {
	tok := sessionToken(r)
	if tok == "" {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return nil, false
	}
	reg, err := s.regs.Authenticate(r.Context(), tok)
	switch {
	case prakerja.ErrorCode(err) == prakerja.CodeUnauthorized:
		s.clearSessionCookie(w)
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return nil, false
	case err != nil:
		s.fail(w, r, err)
		return nil, false
	}
	return reg, true
}

// pageHome sends a visitor where they most likely want to be.
func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	if sessionToken(r) != "" {
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/register", http.StatusSeeOther)
}

// pageDaftar keeps the address registrants know from the real platform
// (dashboard.prakerja.go.id/daftar) working.
func (s *Server) pageDaftar(w http.ResponseWriter, r *http.Request) {
	target := "/register"
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusMovedPermanently)
}
