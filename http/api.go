package http

import (
	"context"
	"net/http"
	"strings"

	"github.com/prakerja/prakerja"
)

// apiFunc is a JSON API handler; a returned error becomes a problem document.
type apiFunc func(w http.ResponseWriter, r *http.Request) error

// bodyFunc is an API handler that gets the request body, already read and
// checked against the size and media-type limits.
type bodyFunc func(w http.ResponseWriter, r *http.Request, body []byte) error

// api adapts an apiFunc to http.Handler.
func (s *Server) api(h apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if err := h(w, r); err != nil {
			s.writeProblem(w, r, err)
		}
	})
}

// post reads and checks a POST body, then runs h under the Idempotency-Key
// protocol when the client sent a key.
func (s *Server) post(h bodyFunc) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		body, err := readBody(w, r, s.cfg.BodyMax)
		if err != nil {
			return err
		}
		if _, ok := r.Header[idempotencyKeyHeader]; !ok {
			return h(w, r, body)
		}
		return s.idempotent(w, r, body, h)
	}
}

type registrationKey struct{}

// registrationFrom returns the signed-in registrant put in ctx by
// authenticated.
func registrationFrom(ctx context.Context) *prakerja.Registration {
	reg, _ := ctx.Value(registrationKey{}).(*prakerja.Registration)
	return reg
}

// authenticated resolves the session cookie before h runs; without a valid
// session the answer is 401 and h never sees the request.
func (s *Server) authenticated(h apiFunc) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		tok := sessionToken(r)
		if tok == "" {
			return prakerja.Errorf(prakerja.CodeUnauthorized, "Sign in first.")
		}
		reg, err := s.regs.Authenticate(r.Context(), tok)
		if err != nil {
			return err
		}
		return h(w, r.WithContext(context.WithValue(r.Context(), registrationKey{}, reg)))
	}
}

// absURL makes a path absolute with cfg.BaseURL when one is configured;
// relative Location headers are valid too (RFC 9110), so none is needed.
func (s *Server) absURL(path string) string {
	return strings.TrimSuffix(s.cfg.BaseURL, "/") + path
}

// statusJSON is the small answer of every step that changes a registration.
type statusJSON struct {
	ID     int64                       `json:"id"`
	Status prakerja.RegistrationStatus `json:"status"`
}

func statusOfRegistration(reg *prakerja.Registration) statusJSON {
	return statusJSON{ID: reg.ID, Status: reg.Status}
}
