package http

import (
	"fmt"
	"net/http"
)

// recoverPanics turns a handler panic into a logged internal error, so one
// bug costs one request, not the process. http.ErrAbortHandler keeps its
// meaning (abort the response silently).
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.fail(w, r, fmt.Errorf("panic: %v", v))
		}()
		next.ServeHTTP(w, r)
	})
}
