package http

import (
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
)

// problemTypeBase prefixes each problem's "type" URI; the suffix is the code,
// so clients can switch on either.
const problemTypeBase = "https://prakerja.example/problems/"

// contentTypeProblem is the RFC 9457 media type.
const contentTypeProblem = "application/problem+json"

// Problem is an RFC 9457 problem document with our extensions: the stable
// code and one entry per bad field.
type Problem struct {
	Type   string         `json:"type"`
	Title  string         `json:"title"`
	Status int            `json:"status"`
	Code   prakerja.Code  `json:"code"`
	Detail string         `json:"detail"`
	Errors []ProblemField `json:"errors,omitempty"`
}

// ProblemField is one bad input field. Detail is user-safe English from the
// service; clients translate by Code.
type ProblemField struct {
	Field  string        `json:"field"`
	Code   prakerja.Code `json:"code"`
	Detail string        `json:"detail"`
}

// retryAfterer is implemented by errors that know when to retry. The root
// Error has no such field yet (see the report); a service may wrap its
// rate-limit errors in a type that has it.
type retryAfterer interface{ RetryAfter() time.Duration }

// retryAfter returns how long a rate-limited client should wait, and
// whether the error said so; otherwise retryAfterDefault is a hint for the
// Retry-After header only (a page must not promise a wrong time).
func retryAfter(err error) (time.Duration, bool) {
	var ra retryAfterer
	if errors.As(err, &ra) && ra.RetryAfter() > 0 {
		return ra.RetryAfter(), true
	}
	return retryAfterDefault, false
}

// problemFor builds the problem for err in the request's language. Internal
// errors get the generic text: their causes belong in logs only.
func problemFor(err error, loc locale) Problem {
	code := prakerja.ErrorCode(err)
	if _, ok := codeStatus[code]; !ok {
		code = prakerja.CodeInternal
	}
	detail := prakerja.ErrorMessage(err)
	if code == prakerja.CodeInternal {
		detail = loc.T("code.internal")
	}
	return Problem{
		Type:   problemTypeBase + string(code),
		Title:  loc.T("code." + string(code)),
		Status: statusOf(code),
		Code:   code,
		Detail: detail,
		Errors: problemFields(err),
	}
}

// problemFields lists the field errors of err, or derives the one field a
// field-less code is about (nik_taken → nik).
func problemFields(err error) []ProblemField {
	var out []ProblemField
	for _, f := range prakerja.ErrorFields(err) {
		out = append(out, ProblemField{Field: f.Field, Code: f.Code, Detail: f.Message})
	}
	if len(out) > 0 {
		return out
	}
	code := prakerja.ErrorCode(err)
	if field, ok := codeField[code]; ok {
		out = append(out, ProblemField{Field: field, Code: code, Detail: prakerja.ErrorMessage(err)})
	}
	return out
}

// writeProblem answers err as application/problem+json, logging server-side
// failures with their cause (never the request body).
func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	s.writeProblemStatus(w, r, err, 0)
}

// writeProblemStatus is writeProblem with the status forced, for the few
// answers (405) that have no code of their own in the closed set.
func (s *Server) writeProblemStatus(w http.ResponseWriter, r *http.Request, err error, status int) {
	p := problemFor(err, localeFor(r))
	if status != 0 {
		p.Status = status
	}
	s.logFailure(r, p.Status, err)
	switch p.Code {
	case prakerja.CodeRateLimited, prakerja.CodeUnavailable, prakerja.CodeSchemaOutdated:
		d, _ := retryAfter(err)
		setRetryAfter(w, d)
	case prakerja.CodeIdempotencyPending:
		w.Header().Set("Retry-After", strconv.Itoa(idempotencyPendingRetrySec))
	case prakerja.CodeTestRetakeWait:
		// Only a known wait: a guessed one would send the client back early.
		if d, known := retryAfter(err); known {
			setRetryAfter(w, d)
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSONAs(w, p.Status, contentTypeProblem, p)
}

// logFailure logs 5xx answers with the error chain so operators see the
// cause while the user sees a generic message.
func (s *Server) logFailure(r *http.Request, status int, err error) {
	if status < 500 {
		return
	}
	s.log.LogAttrs(r.Context(), slog.LevelError, "request failed",
		slog.String("route", routeLabel(r)),
		slog.String("request_id", requestID(r.Context())),
		slog.Int("status", status),
		slog.String("err", err.Error()),
	)
}

// setRetryAfter writes Retry-After in whole seconds, rounded up.
func setRetryAfter(w http.ResponseWriter, d time.Duration) {
	secs := int(math.Ceil(d.Seconds()))
	if secs < 1 {
		secs = 1
	}
	w.Header().Set("Retry-After", strconv.Itoa(secs))
}
