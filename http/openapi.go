package http

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the hand-written OpenAPI 3.1 description of every non-page
// route. openapi_test.go keeps it true to the mux and the handlers.
//
//go:embed openapi.json
var openAPIDoc []byte

// apiOpenAPI handles GET /api/v1/openapi.json.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(openAPIDoc)
	return nil
}
