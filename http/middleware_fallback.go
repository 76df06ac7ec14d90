package http

import (
	"bytes"
	"maps"
	"net/http"
	"strings"

	"github.com/prakerja/prakerja"
)

// apiFallback answers unknown API paths and wrong methods with a problem
// document instead of the mux's plain text, so API clients parse one error
// format. Everything else goes to the mux unchanged.
func (s *Server) apiFallback(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" || !strings.HasPrefix(r.URL.Path, "/api/") {
			mux.ServeHTTP(w, r)
			return
		}
		// No pattern: the mux would answer 404, 405 or a redirect. Let it
		// decide into a buffer, then rewrite the two error cases.
		buf := &bufferedResponse{header: http.Header{}}
		h.ServeHTTP(buf, r)
		switch buf.status {
		case http.StatusNotFound:
			s.writeProblem(w, r, prakerja.Errorf(prakerja.CodeNotFound, "No such API endpoint."))
		case http.StatusMethodNotAllowed:
			w.Header().Set("Allow", buf.header.Get("Allow"))
			err := prakerja.Errorf(prakerja.CodeMalformed, "Method %s is not allowed here.", r.Method)
			s.writeProblemStatus(w, r, err, http.StatusMethodNotAllowed)
		default:
			maps.Copy(w.Header(), buf.header)
			w.WriteHeader(buf.status)
			_, _ = w.Write(buf.body.Bytes())
		}
	})
}

// bufferedResponse holds a small response in memory.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
