package http

import (
	"net/http"
	"time"
)

// phoneOTPJSON tells when the SMS code stops working, so the app can show
// a countdown instead of letting the user type an expired code.
type phoneOTPJSON struct {
	ExpiresAt time.Time `json:"expires_at"`
}

// apiSendPhoneOTP handles POST /api/v1/phone-verifications: send (or resend)
// the SMS code to the signed-in registrant's phone. The body may be empty.
func (s *Server) apiSendPhoneOTP(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req struct{}
	if err := decodeOptionalJSON(body, &req); err != nil {
		return err
	}
	reg := registrationFrom(r.Context())
	exp, err := s.regs.SendPhoneOTP(r.Context(), reg.ID, s.client(r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, phoneOTPJSON{ExpiresAt: exp.UTC()})
	return nil
}

// phoneCodeRequest is the code the registrant received by SMS.
type phoneCodeRequest struct {
	Code string `json:"code"`
}

// apiVerifyPhone handles POST /api/v1/phone-verifications/confirm.
func (s *Server) apiVerifyPhone(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req phoneCodeRequest
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	reg, err := s.regs.VerifyPhone(r.Context(), registrationFrom(r.Context()).ID, req.Code)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, statusOfRegistration(reg))
	return nil
}
