package eligibility

import (
	"fmt"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"

	"github.com/prakerja/prakerja/scheme"
)

// Evaluator applies the eligibility rules of one scheme. Build it with
// Compile; it is immutable and safe for concurrent use.
type Evaluator struct {
	scheme string
	rules  []rule
}

// rule is one compiled rule with the reason it gives when it fails, as two
// programs: fast, for inputs within the sizes the scheme's cost estimate
// assumed (the estimate then bounds its cost, so it needs no tracking), and
// limited, which tracks its cost and stops at scheme.RuleCostMax, for any
// larger input. Tracking the cost would triple the time of every
// evaluation; checking the sizes costs a few comparisons.
type rule struct {
	reason  Reason
	fast    cel.Program
	limited cel.Program
}

// Compile validates s (rules included, see scheme.Rule) and compiles its
// eligibility rules into programs, with their messages' placeholders filled
// in from s. A scheme that does not validate yields its *prakerja.Error of
// code CodeSchemeInvalid.
//
// Programs are optimised (constants folded). No input can make a rule run
// long: the scheme refuses a rule whose estimated worst-case cost, for
// inputs of the sizes scheme.ApplicantExclusionsMax and
// scheme.ApplicantTextMax, exceeds scheme.RuleCostMax, and an input larger
// than those sizes is evaluated with the cost limit enforced.
func Compile(s *scheme.Scheme) (*Evaluator, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	env, err := scheme.RuleEnv(s.Eligibility)
	if err != nil {
		return nil, fmt.Errorf("compile eligibility rules of scheme %s: %w", s.Name, err)
	}
	ev := &Evaluator{scheme: s.Name, rules: make([]rule, 0, len(s.Eligibility.Rules))}
	for _, r := range s.Eligibility.Rules {
		ast, iss := env.Compile(r.Require)
		if iss != nil && iss.Err() != nil { // Validate compiled it already
			return nil, fmt.Errorf("compile eligibility rule %s: %w", r.Code, iss.Err())
		}
		fast, err := env.Program(ast, cel.EvalOptions(cel.OptOptimize))
		if err != nil {
			return nil, fmt.Errorf("plan eligibility rule %s: %w", r.Code, err)
		}
		limited, err := env.Program(ast, cel.EvalOptions(cel.OptOptimize), cel.CostLimit(scheme.RuleCostMax))
		if err != nil {
			return nil, fmt.Errorf("plan eligibility rule %s with a cost limit: %w", r.Code, err)
		}
		ev.rules = append(ev.rules, rule{fast: fast, limited: limited, reason: Reason{
			Code:      r.Code,
			MessageID: s.Eligibility.Expand(r.Message.ID),
			MessageEN: s.Eligibility.Expand(r.Message.EN),
		}})
	}
	return ev, nil
}

// Scheme returns the name of the scheme the evaluator was compiled from.
func (e *Evaluator) Scheme() string { return e.scheme }

// Reasons returns the reason of every rule, in order: what each rule tells
// a registrant it fails, for documentation and translation checks.
func (e *Evaluator) Reasons() []Reason {
	out := make([]Reason, len(e.rules))
	for i := range e.rules {
		out[i] = e.rules[i].reason
	}
	return out
}

// Evaluate applies every rule to a and reports every rule that fails, not
// only the first, so that the registrant learns all reasons at once. A rule
// that cannot be evaluated fails closed (see Decision.Errors).
func (e *Evaluator) Evaluate(a Applicant) Decision {
	act := activation{a: &a}
	fast := withinEstimate(&a)
	var d Decision
	for i := range e.rules {
		r := &e.rules[i]
		prg := r.limited
		if fast {
			prg = r.fast
		}
		out, _, err := prg.Eval(act)
		if err == nil {
			if ok, isBool := out.(types.Bool); isBool {
				if ok {
					continue
				}
			} else {
				err = errNotBool
			}
		}
		if err != nil {
			d.Errors = append(d.Errors, RuleError{Code: r.reason.Code, Err: err})
		}
		d.Reasons = append(d.Reasons, r.reason)
	}
	d.Eligible = len(d.Reasons) == 0
	return d
}

// withinEstimate reports whether a's lists and strings are within the sizes
// the scheme's cost estimate assumed, so that the estimate bounds the cost
// of every rule.
func withinEstimate(a *Applicant) bool {
	if len(a.Exclusions) > scheme.ApplicantExclusionsMax ||
		len(a.Sex) > scheme.ApplicantTextMax || len(a.DomicileProvince) > scheme.ApplicantTextMax {
		return false
	}
	for _, c := range a.Exclusions {
		if len(c) > scheme.ApplicantTextMax {
			return false
		}
	}
	return true
}
