package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

type requestIDKey struct{}

// requestID returns the request's id, or "" outside a request.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// routeLabel is the matched pattern, e.g. "GET /confirm-email". The raw URL is
// never logged nor used as a label: a confirmation link's token is a secret
// and a query string could hold personal data.
func routeLabel(r *http.Request) string {
	if r.Pattern == "" {
		return "unmatched"
	}
	return r.Pattern
}

// observe assigns a request id, counts and times the request, and writes one
// JSON access log line: method, route pattern, status, duration, bytes, id.
// Bodies, cookies and query strings are never logged.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := incomingRequestID(r.Header.Get("X-Request-Id"))
		w.Header().Set("X-Request-Id", id)
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
		rec := &recorder{ResponseWriter: w}
		s.metrics.inFlight.Inc()
		defer s.metrics.inFlight.Dec()
		next.ServeHTTP(rec, r)

		took := time.Since(start)
		route := routeLabel(r)
		status := strconv.Itoa(rec.statusOrOK())
		s.metrics.requests.WithLabelValues(route, status).Inc()
		s.metrics.duration.WithLabelValues(route, status).Observe(took.Seconds())
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "http request",
			slog.String("method", r.Method),
			slog.String("route", route),
			slog.Int("status", rec.statusOrOK()),
			slog.Float64("duration_ms", float64(took.Microseconds())/1000),
			slog.Int64("bytes", rec.bytes),
			slog.String("request_id", id),
		)
	})
}

// incomingRequestID keeps a caller's X-Request-Id only when it is short and
// made of safe characters; otherwise it could smuggle data into our logs.
func incomingRequestID(v string) string {
	if v != "" && len(v) <= RequestIDMax && isTokenChars(v) {
		return v
	}
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func isTokenChars(v string) bool {
	for _, c := range []byte(v) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) statusOrOK() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}
