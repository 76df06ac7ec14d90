package http

import (
	"net/http"

	"github.com/prakerja/prakerja"
)

// dataRequestInput is POST /api/v1/me/data-requests.
type dataRequestInput struct {
	Kind    prakerja.DataRequestKind `json:"kind"`
	Details string                   `json:"details"`
}

// apiMyData handles GET /api/v1/me/data: the UU PDP download, recorded as
// an answered access request.
func (s *Server) apiMyData(w http.ResponseWriter, r *http.Request) error {
	return s.writeMyData(w, r, registrationFrom(r.Context()).ID, false)
}

// apiMyDataRequests handles GET /api/v1/me/data-requests.
func (s *Server) apiMyDataRequests(w http.ResponseWriter, r *http.Request) error {
	if s.dataRequests == nil {
		return errDataRequestsOff()
	}
	mine, err := s.dataRequests.Mine(r.Context(), registrationFrom(r.Context()).ID)
	if err != nil {
		return err
	}
	if mine == nil {
		mine = []*prakerja.DataRequest{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"data_requests": mine})
	return nil
}

// apiOpenDataRequest handles POST /api/v1/me/data-requests: a correction
// or a withdrawal, answered by staff within 3x24 hours.
func (s *Server) apiOpenDataRequest(w http.ResponseWriter, r *http.Request, body []byte) error {
	if s.dataRequests == nil {
		return errDataRequestsOff()
	}
	var in dataRequestInput
	if err := decodeJSON(body, &in); err != nil {
		return err
	}
	me := registrationFrom(r.Context())
	q, err := s.dataRequests.Open(r.Context(), me.ID, in.Kind, in.Details)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, q)
	return nil
}
