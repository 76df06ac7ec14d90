package http

import (
	"bytes"
	"net/http"
	"strings"
)

// replayedHeaders are the response headers a replay must repeat besides
// Content-Type. Set-Cookie is deliberately absent: a session token must not
// sit in clear in the idempotency table, so a replayed sign-in carries no
// cookie and the client signs in again (documented in openapi.json).
var replayedHeaders = []string{"Location"}

// encodeStored prefixes body with the replayed headers, one "Name: value"
// line each, then an empty line: the store keeps one opaque body per key,
// and Location must survive a replay of 201 Created.
func encodeStored(h http.Header, body []byte) []byte {
	var b bytes.Buffer
	for _, name := range replayedHeaders {
		if v := h.Get(name); v != "" {
			b.WriteString(name + ": " + v + "\n")
		}
	}
	b.WriteString("\n")
	b.Write(body)
	return b.Bytes()
}

// decodeStored splits what encodeStored joined.
func decodeStored(stored []byte) (map[string]string, []byte) {
	header := map[string]string{}
	for {
		line, rest, ok := bytes.Cut(stored, []byte("\n"))
		if !ok {
			return header, stored
		}
		stored = rest
		if len(line) == 0 {
			return header, stored
		}
		if name, v, ok := strings.Cut(string(line), ": "); ok {
			header[name] = v
		}
	}
}

// capture passes a response through to the client and keeps a copy of its
// status and (bounded) body for the idempotency record.
type capture struct {
	http.ResponseWriter
	status   int
	body     bytes.Buffer
	overflow bool
}

func (c *capture) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *capture) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	if c.body.Len()+len(p) > responseCaptureMax {
		c.overflow = true
	} else {
		c.body.Write(p)
	}
	return c.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (c *capture) Unwrap() http.ResponseWriter { return c.ResponseWriter }

func (c *capture) statusOrOK() int {
	if c.status == 0 {
		return http.StatusOK
	}
	return c.status
}
