package registry

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"
)

// post sends one batch body and decodes the answer. Every failure comes
// back as an *attemptError saying whether to retry and whether it counts
// against the registry.
func (c *Client) post(ctx context.Context, body []byte, n int) ([]Result, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return nil, &attemptError{err: fmt.Errorf("registry: new request: %w", err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if c.cfg.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	}
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		// Timeouts, refused and reset connections: the registry may be
		// fine a moment later.
		return nil, &attemptError{retry: true, failure: true, err: fmt.Errorf("registry: post: %w", err)}
	}
	defer func() {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, responseBodyMax)) // only to reuse the connection
		resp.Body.Close()
	}()
	switch s := resp.StatusCode; {
	case s == http.StatusOK:
		return decodeAnswers(resp.Body, n)
	case s >= 500:
		return nil, &attemptError{status: s, retry: true, failure: true,
			retryAfter: parseRetryAfter(resp.Header.Get("Retry-After")), err: fmt.Errorf("registry: status %d", s)}
	case s == http.StatusUnauthorized || s == http.StatusForbidden:
		return nil, &attemptError{status: s, err: fmt.Errorf("%w: status %d", ErrUnauthorized, s)}
	default:
		return nil, &attemptError{status: s, err: fmt.Errorf("%w: status %d", ErrRejected, s)}
	}
}

// decodeAnswers reads a 200 body. A body cut short is retried like a
// dropped connection; a whole body that does not fit the request is a
// protocol fault, counted against the registry but not retried, since the
// same request would get the same wrong answer.
func decodeAnswers(r io.Reader, n int) ([]Result, error) {
	var wr wireResponse
	if err := json.NewDecoder(io.LimitReader(r, responseBodyMax)).Decode(&wr); err != nil {
		return nil, &attemptError{status: http.StatusOK, retry: true, failure: true, err: fmt.Errorf("registry: decode answer: %w", err)}
	}
	if len(wr.Items) != n {
		return nil, &attemptError{status: http.StatusOK, failure: true,
			err: fmt.Errorf("%w: %d answers for %d items", ErrProtocol, len(wr.Items), n)}
	}
	out := make([]Result, n)
	for i, a := range wr.Items {
		res, ok := a.result()
		if !ok {
			return nil, &attemptError{status: http.StatusOK, failure: true, err: fmt.Errorf("%w: item %d", ErrProtocol, i)}
		}
		out[i] = res
	}
	return out, nil
}

// result converts one wire answer; false when it is not one the protocol
// allows.
func (a *wireAnswer) result() (Result, bool) {
	switch Status(a.Status) {
	case StatusNotFound:
		return Result{Status: StatusNotFound}, true
	case StatusMatch, StatusMismatch:
		if a.Fields == nil || !a.Fields.valid() || a.Fields.all() != (a.Status == string(StatusMatch)) {
			return Result{}, false
		}
		if a.Citizen == nil || len(a.Occupation) > OccupationMax || !utf8.ValidString(a.Occupation) {
			return Result{}, false
		}
		return Result{Status: Status(a.Status), Fields: *a.Fields, NameScore: a.NameScore,
			Citizen: *a.Citizen, Occupation: a.Occupation}, true
	}
	if a.Status == wireInvalid {
		return Result{Err: invalidError(a.Field)}, true
	}
	return Result{}, false
}

// all reports whether every field matches.
func (f *Fields) all() bool {
	return f.KK == OutcomeMatch && f.FullName == OutcomeMatch && f.BirthDate == OutcomeMatch
}

// valid reports whether every field has a known outcome.
func (f *Fields) valid() bool {
	ok := func(o Outcome) bool { return o == OutcomeMatch || o == OutcomeMismatch }
	return ok(f.KK) && ok(f.FullName) && ok(f.BirthDate)
}

// parseRetryAfter reads a Retry-After given in seconds; the HTTP-date
// form is not worth supporting for a hint.
func parseRetryAfter(v string) time.Duration {
	secs, err := strconv.Atoi(v)
	if err != nil || secs <= 0 {
		return 0
	}
	return time.Duration(secs) * time.Second
}
