package http

import (
	"net"
	"net/http"
	"strings"

	"github.com/prakerja/prakerja"
)

// client describes the caller for rate limits and message language.
func (s *Server) client(r *http.Request) prakerja.Client {
	return prakerja.Client{Addr: s.clientIP(r), Locale: string(localeFor(r))}
}

// clientIP is the TCP peer, or, when cfg.ClientIPHeader names a header set
// by our own proxy, the last address in it: earlier entries are whatever
// the client chose to send and cannot be trusted for rate limits.
func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.ClientIPHeader != "" {
		if v := r.Header.Values(s.cfg.ClientIPHeader); len(v) > 0 {
			last := v[len(v)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if ip := net.ParseIP(strings.TrimSpace(last)); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
