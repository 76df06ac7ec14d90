package http

import (
	"context"
	"fmt"
	"net/http"

	"github.com/prakerja/prakerja"
)

// healthJSON is the body of a healthy answer.
type healthJSON struct {
	Status string `json:"status"`
}

// health handles GET /healthz for load balancers: 200 only when the server
// is ready (not starting, not draining) and the database answers within
// cfg.HealthTimeout, so a stuck database takes the node out of rotation.
func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	if !s.ready.Load() {
		return prakerja.Errorf(prakerja.CodeUnavailable, "Not ready.")
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.HealthTimeout)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.logPing(r, err)
		return &prakerja.Error{Code: prakerja.CodeUnavailable, Message: "Database not answering."}
	}
	writeJSON(w, http.StatusOK, healthJSON{Status: "ok"})
	return nil
}

// logPing records why a health check failed; kept apart so health stays a
// plain answer for the balancer.
func (s *Server) logPing(r *http.Request, err error) {
	s.logFailure(r, http.StatusServiceUnavailable, fmt.Errorf("health ping: %w", err))
}
