package sqldb

import (
	"fmt"
	"slices"

	"github.com/prakerja/prakerja"
)

// DetailMax bounds a step result's note for auditors, in bytes.
const DetailMax = 200

// CompleteFlagsMax bounds the duplicate flags one CompleteWork call
// stores: a few candidates per claimed registration.
const CompleteFlagsMax = 10 * prakerja.ClaimMax

// FieldErrorsMax bounds the field errors one refusal lists, so a batch of
// thousands of bad results does not make a huge error.
const FieldErrorsMax = 50

// ScoreMax is the highest duplicate flag score.
const ScoreMax = 100

// fieldErrors collects the field errors of one call, up to FieldErrorsMax.
type fieldErrors []prakerja.FieldError

func (f *fieldErrors) add(field string, code prakerja.Code, format string, args ...any) {
	if len(*f) < FieldErrorsMax {
		*f = append(*f, prakerja.FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
	}
}

// err is nil without field errors, else one CodeInvalid error holding them.
func (f fieldErrors) err(message string) error {
	if len(f) == 0 {
		return nil
	}
	return &prakerja.Error{Code: prakerja.CodeInvalid, Message: message, Fields: f}
}

// validateCompletion checks a whole CompleteWork call before anything is
// written, so a bad result refuses the call instead of half of it.
func validateCompletion(step prakerja.Step, results []prakerja.StepResult, flags []prakerja.DuplicateFlag) error {
	switch {
	case step.From() == "":
		return prakerja.Errorf(prakerja.CodeInvalid, "Step %q is unknown.", step)
	case len(results) > prakerja.ClaimMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "At most %d results per call.", prakerja.ClaimMax)
	case len(flags) > CompleteFlagsMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "At most %d flags per call.", CompleteFlagsMax)
	}
	var f fieldErrors
	seen := make(map[int64]bool, len(results))
	for i, r := range results {
		if seen[r.RegistrationID] {
			f.add(fmt.Sprintf("results[%d].registration_id", i), prakerja.CodeBadValue, "Registration %d has two results.", r.RegistrationID)
		}
		seen[r.RegistrationID] = true
		validateResult(&f, step, fmt.Sprintf("results[%d]", i), r)
	}
	for i, fl := range flags {
		validateFlag(&f, fmt.Sprintf("flags[%d]", i), fl)
	}
	return f.err("Some step results or flags are not valid; nothing was stored.")
}

// validateResult checks one result: a known outcome with its reasons, or
// a retry time, never both.
func validateResult(f *fieldErrors, step prakerja.Step, at string, r prakerja.StepResult) {
	if r.RegistrationID <= 0 {
		f.add(at+".registration_id", prakerja.CodeRequired, "A result needs its registration.")
	}
	switch {
	case r.Status == "" && r.RetryAt.IsZero():
		f.add(at+".status", prakerja.CodeRequired, "A result needs a status or a retry time.")
	case r.Status != "" && !r.RetryAt.IsZero():
		f.add(at+".retry_at", prakerja.CodeBadValue, "A result has a status or a retry time, not both.")
	case r.Status != "" && !slices.Contains(step.Outcomes(), r.Status):
		f.add(at+".status", prakerja.CodeBadValue, "Status %q is no outcome of step %s.", r.Status, step)
	case failing(r.Status) && len(r.Reasons) == 0:
		f.add(at+".reasons", prakerja.CodeRequired, "Status %s needs at least one reason.", r.Status)
	case !failing(r.Status) && len(r.Reasons) > 0:
		f.add(at+".reasons", prakerja.CodeBadValue, "Only a failing status carries reasons.")
	}
	validateReasons(f, at+".reasons", r.Reasons)
	if len(r.Detail) > DetailMax {
		f.add(at+".detail", prakerja.CodeTooLong, "The detail is over %d bytes.", DetailMax)
	}
	if r.Next != nil {
		validateNext(f, step, at+".next", r)
	}
}

// validateNext checks a chained decision: only after the status the next
// step takes its work from, and one of that step's outcomes.
func validateNext(f *fieldErrors, step prakerja.Step, at string, r prakerja.StepResult) {
	next := step.Next()
	n := r.Next
	switch {
	case next == "" || r.Status != next.From():
		f.add(at, prakerja.CodeBadValue, "Only a %s result can carry the next step's decision.", next.From())
	case !slices.Contains(next.Outcomes(), n.Status):
		f.add(at+".status", prakerja.CodeBadValue, "Status %q is no outcome of step %s.", n.Status, next)
	case failing(n.Status) && len(n.Reasons) == 0:
		f.add(at+".reasons", prakerja.CodeRequired, "Status %s needs at least one reason.", n.Status)
	case !failing(n.Status) && len(n.Reasons) > 0:
		f.add(at+".reasons", prakerja.CodeBadValue, "Only a failing status carries reasons.")
	}
	validateReasons(f, at+".reasons", n.Reasons)
	if len(n.Detail) > DetailMax {
		f.add(at+".detail", prakerja.CodeTooLong, "The detail is over %d bytes.", DetailMax)
	}
}

// validateReasons bounds the reason codes kept with a registration.
func validateReasons(f *fieldErrors, at string, reasons []string) {
	if len(reasons) > prakerja.ReasonsMax {
		f.add(at, prakerja.CodeTooLong, "At most %d reasons.", prakerja.ReasonsMax)
	}
	for i, code := range reasons {
		if code == "" || len(code) > prakerja.ReasonCodeMax {
			f.add(fmt.Sprintf("%s[%d]", at, i), prakerja.CodeBadFormat, "A reason code has 1 to %d bytes.", prakerja.ReasonCodeMax)
		}
	}
}

// validateFlag checks one duplicate flag as CompleteWork receives it.
func validateFlag(f *fieldErrors, at string, fl prakerja.DuplicateFlag) {
	if fl.A <= 0 || fl.B <= 0 || fl.A == fl.B {
		f.add(at, prakerja.CodeBadValue, "A flag names two different registrations.")
	}
	if fl.Reason == "" || len(fl.Reason) > prakerja.ReasonCodeMax {
		f.add(at+".reason", prakerja.CodeBadFormat, "A flag reason has 1 to %d bytes.", prakerja.ReasonCodeMax)
	}
	if fl.Score < 0 || fl.Score > ScoreMax {
		f.add(at+".score", prakerja.CodeBadValue, "A flag score is 0 to %d.", ScoreMax)
	}
}
