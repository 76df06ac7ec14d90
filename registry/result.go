package registry

import (
	"context"
	"strings"
	"time"
)

// Request is one identity to verify: the four facts a registrant states
// that the registry also holds.
type Request struct {
	NIK      string
	KK       string
	FullName string
	// BirthDate is compared as the civil date it shows in its own
	// location, so both a UTC midnight (as population and the store keep
	// dates) and a WIB midnight mean the day they name.
	BirthDate time.Time
}

// Status is the registry's verdict on one request.
type Status string

// Statuses. Only StatusMatch verifies an identity; a registrant with
// another status has to correct their data (or Dukcapil's, at the civil
// registry office).
const (
	StatusMatch    Status = "match"     // the NIK is known and every field matches
	StatusMismatch Status = "mismatch"  // the NIK is known and at least one field differs
	StatusNotFound Status = "not_found" // no resident has the NIK
)

// Outcome is the comparison of one field.
type Outcome string

// Field outcomes.
const (
	OutcomeMatch    Outcome = "match"
	OutcomeMismatch Outcome = "mismatch"
)

// Fields are the per-field outcomes of a known NIK. They let the
// registrant be told which field to re-enter, as the real KTP check does.
type Fields struct {
	KK        Outcome `json:"kk"`
	FullName  Outcome `json:"full_name"`
	BirthDate Outcome `json:"birth_date"`
}

// Result is the answer for one Request. Exactly one of Status and Err is
// set.
type Result struct {
	Status Status
	// Fields is zero unless Status is StatusMatch or StatusMismatch.
	Fields Fields
	// NameScore is the similarity (0–100) of the stated and registered
	// names after NameKey; 100 on a name match, 0 when not found.
	NameScore int
	// Citizen is the registry's Kewarganegaraan: true for WNI, false for
	// WNA. Like Occupation it is set only with StatusMatch or
	// StatusMismatch, and it describes the NIK's holder whatever the other
	// fields say.
	Citizen bool
	// Occupation is the registry's Pekerjaan text as Dukcapil writes it,
	// upper case (e.g. "PELAJAR/MAHASISWA"); it may be empty.
	Occupation string
	// Err is why this item has no answer: code invalid when the request
	// is malformed (its Fields name the field), code unavailable when the
	// batch carrying it failed, or the context's error.
	Err error
}

// OccupationStudent is the Pekerjaan Dukcapil records for pupils and
// students.
const OccupationStudent = "PELAJAR/MAHASISWA"

// InFormalEducation reports whether the registry records the holder as a
// pupil or student, which is what the schemes' in_formal_education rule
// asks. The comparison forgives case and surrounding spaces, since not
// every civil-registry office types alike.
func (r Result) InFormalEducation() bool {
	return strings.EqualFold(strings.TrimSpace(r.Occupation), OccupationStudent)
}

// Checker verifies identities against the population registry. Client
// implements it over HTTP; fakes implement it in tests of its callers.
type Checker interface {
	// Check verifies reqs and returns one Result per request, in order.
	// A malformed request gets a Result whose Err has code invalid and
	// does not fail the call. When the registry cannot answer some items
	// (it is down, slow, answers outside the protocol, or the circuit
	// breaker is open), those items carry the error, the others keep
	// their answers, and Check returns the first such error: code
	// unavailable (with a Retry hint when one is known), code internal
	// when the registry refused the client itself (a wrong token or a
	// protocol bug), or the context's error. More than CheckMax requests
	// is refused with code invalid and no results.
	Check(ctx context.Context, reqs []Request) ([]Result, error)
}
