package registry

import (
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// Sentinel causes. The errors Check returns wrap one of them (or a
// transport or context error), so callers can tell them apart with
// errors.Is; prakerja.ErrorCode gives the code. None of them ever carries
// personal data: the client puts request bodies in no error.
var (
	// ErrCircuitOpen: the breaker refused to send (code unavailable; the
	// error's Retry is the rest of the cool-down when known).
	ErrCircuitOpen = errors.New("registry: circuit open")
	// ErrExhausted: every try of a batch failed (code unavailable).
	ErrExhausted = errors.New("registry: retries exhausted")
	// ErrUnauthorized: the registry refused the token (401 or 403). It
	// is an operator's mistake, not an outage, so it is never retried and
	// has code internal.
	ErrUnauthorized = errors.New("registry: token refused")
	// ErrRejected: the registry refused the request as malformed (other
	// 4xx): a bug on one side of the protocol, code internal.
	ErrRejected = errors.New("registry: request refused")
	// ErrProtocol: a 200 answer that does not fit the request (wrong
	// number of items, unknown status). Counted as a registry failure.
	ErrProtocol = errors.New("registry: malformed answer")
)

// unavailable marks cause with code unavailable so that jobs back off,
// with retry as the hint of how long (0 = unknown).
func unavailable(cause error, retry time.Duration) error {
	return fmt.Errorf("%w: %w", &prakerja.Error{
		Code:    prakerja.CodeUnavailable,
		Message: "population registry unavailable",
		Retry:   retry,
	}, cause)
}

// attemptError is how one HTTP attempt failed and what to do about it.
type attemptError struct {
	status     int           // HTTP status, 0 when there was none
	retry      bool          // worth sending again
	failure    bool          // counts against the registry's health
	retryAfter time.Duration // the registry's Retry-After, if any
	err        error
}

func (e *attemptError) Error() string { return e.err.Error() }
func (e *attemptError) Unwrap() error { return e.err }
