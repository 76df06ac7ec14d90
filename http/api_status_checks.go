package http

import (
	"context"
	"net/http"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registration"
)

// StatusChecker answers the public status check; registration.Service
// implements it.
type StatusChecker interface {
	// CheckStatus returns the status word of the registration holding a
	// NIK with the given birth date. Returns CodeInvalid, CodeRateLimited
	// or CodeNotFound (alike for an unknown NIK and a wrong birth date).
	CheckStatus(ctx context.Context, in registration.StatusCheckInput, c prakerja.Client) (prakerja.PublicStatus, error)
}

// statusCheckJSON is the whole answer: the status and its word in the
// caller's language, never anything of the registration itself.
type statusCheckJSON struct {
	Status prakerja.PublicStatus `json:"status"`
	Label  string                `json:"label"`
}

// apiStatusCheck handles POST /api/v1/status-checks. It is a POST, not a
// GET with query parameters, so the NIK never lands in a URL or an access
// log.
func (s *Server) apiStatusCheck(w http.ResponseWriter, r *http.Request, body []byte) error {
	var in registration.StatusCheckInput
	if err := decodeJSON(body, &in); err != nil {
		return err
	}
	st, err := s.checkStatus(r, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, statusCheckJSON{Status: st, Label: localeFor(r).T("public." + string(st))})
	return nil
}

// checkStatus calls the status checker, or says the check is off.
func (s *Server) checkStatus(r *http.Request, in registration.StatusCheckInput) (prakerja.PublicStatus, error) {
	if s.statusChecks == nil {
		return "", prakerja.Errorf(prakerja.CodeUnavailable, "The status check is not available on this server yet.")
	}
	return s.statusChecks.CheckStatus(r.Context(), in, s.client(r))
}
