package http

import (
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
)

// apiCreateRegistration handles POST /api/v1/registrations: the account is
// created and the confirmation e-mail queued; the registrant is not signed
// in until they follow the link.
func (s *Server) apiCreateRegistration(w http.ResponseWriter, r *http.Request, body []byte) error {
	var in prakerja.RegisterInput
	if err := decodeJSON(body, &in); err != nil {
		return err
	}
	reg, err := s.regs.Register(r.Context(), in, s.client(r))
	if err != nil {
		return err
	}
	w.Header().Set("Location", s.absURL("/api/v1/registrations/"+strconv.FormatInt(reg.ID, 10)))
	writeJSON(w, http.StatusCreated, statusOfRegistration(reg))
	return nil
}

// apiGetRegistration handles GET /api/v1/registrations/{id}, the Location of
// a new registration. Only its owner may read it; anyone else gets 404 so
// ids reveal nothing.
func (s *Server) apiGetRegistration(w http.ResponseWriter, r *http.Request) error {
	me := registrationFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id != me.ID {
		return prakerja.Errorf(prakerja.CodeNotFound, "No such registration.")
	}
	return s.writeMe(w, r, me.ID)
}
