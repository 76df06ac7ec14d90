package http

import "net/http"

// emailConfirmationRequest carries the secret from the confirmation link.
type emailConfirmationRequest struct {
	Token string `json:"token"`
}

// apiConfirmEmail handles POST /api/v1/email-confirmations: the link's token
// proves the e-mail address and signs the registrant in.
func (s *Server) apiConfirmEmail(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req emailConfirmationRequest
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	reg, tok, err := s.regs.ConfirmEmail(r.Context(), req.Token)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, tok)
	writeJSON(w, http.StatusOK, statusOfRegistration(reg))
	return nil
}
