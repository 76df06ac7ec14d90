package onlinetest

import "time"

// Record is what the retake rule needs of one past attempt.
type Record struct {
	No          int       `json:"no"`
	StartedAt   time.Time `json:"started_at"`
	Deadline    time.Time `json:"deadline"`
	SubmittedAt time.Time `json:"submitted_at"` // zero when never submitted
	Passed      bool      `json:"passed"`
}

// Record returns the retake record of a, with res when it was scored (nil
// when it never was).
func (a *Attempt) Record(res *Result) Record {
	r := Record{No: a.No, StartedAt: a.StartedAt, Deadline: a.Deadline}
	if res != nil {
		r.SubmittedAt, r.Passed = res.SubmittedAt, res.Passed
	}
	return r
}

// Reason says why another attempt may not start. The strings are stable:
// clients and translations key on them.
type Reason string

// Reasons of a refused retake.
const (
	ReasonPassed       Reason = "already_passed"      // a pass is final; no need to retake
	ReasonInProgress   Reason = "attempt_in_progress" // the last attempt is still open
	ReasonExhausted    Reason = "attempts_exhausted"  // attempts_max used up
	ReasonWaitRequired Reason = "retake_wait"         // retake_wait has not passed; see NotBefore
)

// Decision is the answer of CanRetake. Next is the number of the attempt to
// start when Allowed; NotBefore is set for ReasonWaitRequired.
type Decision struct {
	Allowed   bool      `json:"allowed"`
	Reason    Reason    `json:"reason,omitempty"`
	Next      int       `json:"next,omitempty"`
	NotBefore time.Time `json:"not_before,omitzero"`
}

// CanRetake applies the retake rule to the past attempts of one
// registration at now: no attempt after a pass, none while one is open, at
// most AttemptsMax in all, and RetakeWait between the end of the last one
// (its submission, or its deadline when it was never submitted) and the
// start of the next. An empty history allows the first attempt.
func (r Rules) CanRetake(history []Record, now time.Time) Decision {
	var last Record // the latest started; history may come in any order
	for i, h := range history {
		if h.Passed {
			return Decision{Reason: ReasonPassed}
		}
		if i == 0 || h.StartedAt.After(last.StartedAt) {
			last = h
		}
	}
	if len(history) > 0 && last.SubmittedAt.IsZero() && !now.After(last.Deadline) {
		return Decision{Reason: ReasonInProgress}
	}
	if len(history) >= r.AttemptsMax {
		return Decision{Reason: ReasonExhausted}
	}
	if len(history) > 0 {
		end := last.Deadline
		if !last.SubmittedAt.IsZero() {
			end = last.SubmittedAt
		}
		if notBefore := end.Add(r.RetakeWait); now.Before(notBefore) {
			return Decision{Reason: ReasonWaitRequired, NotBefore: notBefore}
		}
	}
	return Decision{Allowed: true, Next: len(history) + 1}
}
