package http

import (
	"context"
	"net/http"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registration"
)

// DisputeFiler files NIK disputes; registration.Service implements it. It
// is its own interface, not part of prakerja.RegistrationService, so that
// the registrant stage's contract did not have to change for issue 3.
type DisputeFiler interface {
	// FileDispute stores a complaint against the registration holding a
	// NIK. Returns CodeInvalid (with Fields), CodeRateLimited and
	// CodeNotFound (no registration holds the NIK).
	FileDispute(ctx context.Context, in registration.DisputeInput, c prakerja.Client) (*prakerja.Dispute, error)
}

// disputeJSON is the answer to a filed dispute: only its id and status,
// nothing of what the claimant sent.
type disputeJSON struct {
	ID     int64                  `json:"id"`
	Status prakerja.DisputeStatus `json:"status"`
}

// apiFileDispute handles POST /api/v1/disputes. It answers 202: the
// dispute is stored, and a reviewer decides later.
func (s *Server) apiFileDispute(w http.ResponseWriter, r *http.Request, body []byte) error {
	var in registration.DisputeInput
	if err := decodeJSON(body, &in); err != nil {
		return err
	}
	d, err := s.fileDispute(r, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, disputeJSON{ID: d.ID, Status: d.Status})
	return nil
}

// fileDispute calls the dispute service, or says the feature is off when
// none was wired.
func (s *Server) fileDispute(r *http.Request, in registration.DisputeInput) (*prakerja.Dispute, error) {
	if s.disputes == nil {
		return nil, prakerja.Errorf(prakerja.CodeUnavailable, "Disputes cannot be filed on this server yet.")
	}
	return s.disputes.FileDispute(r.Context(), in, s.client(r))
}
