// Package eligibility decides whether an applicant may be selected in a wave,
// by the eligibility rules of the programme scheme (see scheme.Rule): CEL
// conditions kept in the scheme file, compiled once per scheme and evaluated
// for each of the millions of joiners of a wave.
//
// Compile a scheme's rules into an Evaluator once; Evaluate is then safe for
// concurrent use, allocates little, and reports every rule an applicant
// fails, each with its stable reason code and its message in Bahasa
// Indonesia and English, as DOMAIN §9.28 asks ("every rejection carries a
// machine-readable reason shown to the user").
package eligibility

import (
	"errors"
	"fmt"
)

// Applicant holds the facts the rules read about one applicant, as the CEL
// variables applicant.age, applicant.sex, … (scheme.ApplicantVariables()). The
// caller gathers them once per wave: Age from AgeOn with the wave's reference
// date, Exclusions from screening the NIK against the exclusion lists, and
// KKParticipants from the participants already selected from the same KK.
type Applicant struct {
	// Age is in whole years on the wave's reference date in WIB; compute it
	// with AgeOn. A forgotten Age is 0, which fails the minimum-age rule.
	Age int
	// Sex is "M" or "F", as registered.
	Sex string
	// Citizen is true for an Indonesian citizen (WNI).
	Citizen bool
	// InFormalEducation is true when enrolled in school or university.
	InFormalEducation bool
	// Exclusions lists the exclusion categories (scheme.CategoryNames)
	// the NIK was found on, each once; nil when none. The rules' cost
	// estimate assumes at most scheme.ApplicantExclusionsMax entries.
	Exclusions []string
	// KKParticipants counts participants already selected or active from
	// the applicant's family card (KK), the applicant not included.
	KKParticipants int
	// Revoked is true when a participation of this NIK was revoked, or the
	// NIK blacklisted, before.
	Revoked bool
	// DomicileProvince is the two-digit Kemendagri code of the domicile
	// province, e.g. "32" for Jawa Barat.
	DomicileProvince string
}

// Decision is the outcome of the rules for one applicant.
type Decision struct {
	// Eligible is true when every rule holds. An ineligible applicant has
	// at least one Reason.
	Eligible bool `json:"eligible"`
	// Reasons lists every rule that failed, in the scheme's order.
	Reasons []Reason `json:"reasons,omitempty"`
	// Errors lists the rules that could not be evaluated (a runtime error
	// such as an index out of range, or the cost limit). Such a rule counts
	// as failed, and is also in Reasons, so that a broken rule never lets an
	// ineligible applicant through; the errors are for the operator's log,
	// never for the registrant.
	Errors []RuleError `json:"-"`
}

// Reason is one failed rule, as shown to the registrant.
type Reason struct {
	Code      string `json:"code"`       // the rule's stable reason code, e.g. "age_below_minimum"
	MessageID string `json:"message_id"` // in Bahasa Indonesia, placeholders filled in
	MessageEN string `json:"message_en"` // in English, placeholders filled in
}

// RuleError is a rule that could not be evaluated for an applicant.
type RuleError struct {
	Code string // the rule's reason code
	Err  error
}

func (e RuleError) Error() string { return fmt.Sprintf("eligibility rule %s: %s", e.Code, e.Err) }

// Unwrap returns the evaluation error.
func (e RuleError) Unwrap() error { return e.Err }

// errNotBool reports a rule whose result is not a bool; the scheme's type
// check makes it unreachable, and it is kept so that it fails closed.
var errNotBool = errors.New("result is not a bool")
