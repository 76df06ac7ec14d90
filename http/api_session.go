package http

import (
	"fmt"
	"net/http"
)

// apiLogout handles DELETE /api/v1/session: the session is revoked on the
// server (a copied cookie stops working) and the cookie cleared. Without a
// cookie there is nothing to revoke, which is still a success.
func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request) error {
	if tok := sessionToken(r); tok != "" {
		if err := s.regs.Logout(r.Context(), tok); err != nil {
			return fmt.Errorf("logout: %w", err)
		}
	}
	s.clearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
	return nil
}
