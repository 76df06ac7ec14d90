package http

import (
	"net/http"
	"time"

	"github.com/prakerja/prakerja"
)

// loginRequest names the account by its verified phone or e-mail.
type loginRequest struct {
	Identifier string `json:"identifier"`
}

// loginJSON is a started sign-in. The answer is the same whether or not the
// account exists, so the endpoint cannot be used to test who registered.
type loginJSON struct {
	LoginID   string           `json:"login_id"`
	Channel   prakerja.Channel `json:"channel"`
	ExpiresAt time.Time        `json:"expires_at"`
}

// apiStartLogin handles POST /api/v1/logins.
func (s *Server) apiStartLogin(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req loginRequest
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	l, err := s.regs.StartLogin(r.Context(), req.Identifier, s.client(r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, loginJSON{LoginID: l.ID, Channel: l.Channel, ExpiresAt: l.ExpiresAt.UTC()})
	return nil
}

// loginConfirmRequest is the code sent by StartLogin.
type loginConfirmRequest struct {
	LoginID string `json:"login_id"`
	Code    string `json:"code"`
}

// apiFinishLogin handles POST /api/v1/logins/confirm and opens a session.
func (s *Server) apiFinishLogin(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req loginConfirmRequest
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	reg, tok, err := s.regs.FinishLogin(r.Context(), req.LoginID, req.Code)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, tok)
	writeJSON(w, http.StatusOK, statusOfRegistration(reg))
	return nil
}
