package http

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

// fuzzBodyMax is the body limit of the fuzzed server, small so that the
// fuzzer reaches it.
const fuzzBodyMax = 512

// FuzzAPIPost sends any body to each JSON POST route of a server with
// fake services: a body the decoder refuses is answered with that
// decoder's code and its 4xx status as a problem document, a body over
// the limit is 413, and no body makes the server fail (500).
func FuzzAPIPost(f *testing.F) {
	addDecodeSeeds(f)
	f.Add(uint8(0), bytes.Repeat([]byte(" "), fuzzBodyMax+1))
	env := newTestEnv(f, okService())
	env.srv.cfg.BodyMax = fuzzBodyMax
	var routes []decodeTarget
	for _, dt := range decodeTargets {
		if dt.route != "" {
			routes = append(routes, dt)
		}
	}
	f.Fuzz(func(t *testing.T, kind uint8, body []byte) {
		dt := routes[int(kind)%len(routes)]
		req := httptest.NewRequest(http.MethodPost, dt.route, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: testToken})
		rec := env.do(req)
		if rec.Code >= 500 {
			t.Fatalf("%s: status %d: %s", dt.name, rec.Code, rec.Body)
		}
		want := wantDecodeCode(dt, body)
		if want == "" {
			return
		}
		var p Problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil ||
			!strings.HasPrefix(rec.Header().Get("Content-Type"), contentTypeProblem) {
			t.Fatalf("%s: not a problem (%v): %s", dt.name, err, rec.Body)
		}
		if p.Code != want || rec.Code != statusOf(want) || p.Status != rec.Code {
			t.Fatalf("%s: got %d %s, want %d %s", dt.name, rec.Code, p.Code, statusOf(want), want)
		}
	})
}

// wantDecodeCode is the code the server must answer body with before any
// service sees it, or "" when the body gets through to the service.
func wantDecodeCode(dt decodeTarget, body []byte) prakerja.Code {
	if len(body) > fuzzBodyMax {
		return prakerja.CodeTooLarge
	}
	decode := decodeJSON
	if dt.optional {
		decode = decodeOptionalJSON
	}
	return prakerja.ErrorCode(decode(body, dt.fresh()))
}
