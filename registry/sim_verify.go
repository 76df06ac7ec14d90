package registry

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// verify serves POST /v1/verify: token, then the injected faults, then
// the answers.
func (s *Simulator) verify(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	if !s.authorised(r) {
		w.Header().Set("WWW-Authenticate", "Bearer")
		writeError(w, http.StatusUnauthorized, "unauthorized", "missing or wrong bearer token")
		return
	}
	s.stats.requests.Add(1)
	status, n := s.serveVerify(w, r)
	s.cfg.Logger.Debug("verify", "status", status, "items", n, "ms", time.Since(start).Milliseconds())
}

// serveVerify does the work of verify and returns the status sent and the
// items answered, for the log line. The body is read to its end before
// any fault: only then does net/http watch the connection and cancel the
// request's context when the client hangs up, which is what ends a
// simulated hang early.
func (s *Simulator) serveVerify(w http.ResponseWriter, r *http.Request) (int, int) {
	req, status, msg := readRequest(w, r)
	if status != http.StatusOK {
		code := "bad_request"
		if status == http.StatusRequestEntityTooLarge {
			code = "body_too_large"
		}
		writeError(w, status, code, msg)
		return status, 0
	}
	if status, done := s.injectFault(w, r); done {
		return status, 0
	}
	resp := wireResponse{Items: make([]wireAnswer, len(req.Items))}
	for i := range req.Items {
		resp.Items[i] = s.answer(&req.Items[i])
	}
	s.stats.items.Add(int64(len(req.Items)))
	writeJSON(w, http.StatusOK, resp)
	return http.StatusOK, len(req.Items)
}

// readRequest decodes a verification request, or says which status and
// message refuse it.
func readRequest(w http.ResponseWriter, r *http.Request) (wireRequest, int, string) {
	var req wireRequest
	body := http.MaxBytesReader(w, r.Body, requestBodyMax)
	err := json.NewDecoder(body).Decode(&req)
	if err == nil {
		_, err = io.Copy(io.Discard, body)
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return req, http.StatusRequestEntityTooLarge, fmt.Sprintf("body over %d bytes", requestBodyMax)
	case err != nil:
		return req, http.StatusBadRequest, "body is not a verification request"
	case len(req.Items) == 0 || len(req.Items) > BatchMax:
		return req, http.StatusBadRequest, fmt.Sprintf("a request holds 1–%d items", BatchMax)
	}
	return req, http.StatusOK, ""
}

// authorised checks the bearer token in constant time.
func (s *Simulator) authorised(r *http.Request) bool {
	if s.cfg.Token == "" {
		return true
	}
	got := []byte(r.Header.Get("Authorization"))
	want := []byte("Bearer " + s.cfg.Token)
	return subtle.ConstantTimeCompare(got, want) == 1
}

// answer compares one item with the registry's record of its NIK.
func (s *Simulator) answer(it *wireItem) wireAnswer {
	if f := it.invalidField(); f != "" {
		return wireAnswer{Status: wireInvalid, Field: f}
	}
	p, ok := s.pop.ByNIK(it.NIK)
	if !ok || p.ID >= s.limit {
		return wireAnswer{Status: string(StatusNotFound)}
	}
	birth, _ := time.Parse(dateLayout, it.BirthDate) // invalidField parsed it already
	nameOK := NamesMatch(p.FullName, it.FullName)
	f := Fields{KK: outcomeOf(p.KK == it.KK), FullName: outcomeOf(nameOK), BirthDate: outcomeOf(p.BirthDate.Equal(birth))}
	a := wireAnswer{Status: string(StatusMismatch), Fields: &f, NameScore: 100,
		Citizen: &p.Citizen, Occupation: p.Occupation}
	if f.all() {
		a.Status = string(StatusMatch)
	}
	if !nameOK {
		a.NameScore = NameScore(p.FullName, it.FullName)
	}
	return a
}

func outcomeOf(match bool) Outcome {
	if match {
		return OutcomeMatch
	}
	return OutcomeMismatch
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client may be gone; nothing to do then
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, wireError{Error: code, Message: msg})
}
