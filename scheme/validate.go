package scheme

import (
	"fmt"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/yamlconf"
)

// problem is one thing wrong with a scheme: the field (dotted path, "" for the
// file as a whole), the line it is on (0 when unknown, as for a Scheme built
// in code), a field code for prakerja.FieldError, and a sentence for a person.
// LineOffset places a problem inside a field that spans lines (a rule written
// as a literal block): Parse adds it to the line of the field's first line.
type problem = yamlconf.Problem

// Validate checks every field of s against its range and the cross-field
// rules (the declared total equals the sum of the parts; interval_days is set
// when there is more than one incentive; max_age is 0 or at least min_age),
// and compiles and type-checks every eligibility rule (see Rule). It
// returns nil or a *prakerja.Error of code CodeSchemeInvalid listing every
// problem, one per line, as "field: reason".
func (s *Scheme) Validate() error {
	return newError("", s.check(func(string) bool { return false }))
}

// check returns the problems of s. skip reports paths that already failed to
// decode: they are not checked again, nor are the cross-field rules that read
// them, so that one mistake yields one message.
func (s *Scheme) check(skip func(path string) bool) []problem {
	var problems []problem
	failed := map[string]bool{}
	for i := range fields {
		f := &fields[i]
		if skip(f.path) {
			continue
		}
		if p := f.check(s); p != nil {
			problems = append(problems, *p)
			failed[f.path] = true
		}
	}
	usable := func(paths ...string) bool {
		for _, p := range paths {
			if failed[p] || skip(p) {
				return false
			}
		}
		return true
	}
	add := func(path string, format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		problems = append(problems, problem{Path: path, Code: prakerja.CodeBadValue, Message: msg})
		failed[path] = true
	}

	if usable("incentives.count", "incentives.interval_days") &&
		s.Incentives.Count > 1 && s.Incentives.IntervalDays < 1 {
		add("incentives.interval_days", "must be at least 1 when incentives.count is more than 1, got %d",
			s.Incentives.IntervalDays)
	}
	if usable("eligibility.min_age", "eligibility.max_age") &&
		s.Eligibility.MaxAge != 0 && s.Eligibility.MaxAge < s.Eligibility.MinAge {
		add("eligibility.max_age", "must be 0 (no upper limit) or at least eligibility.min_age (%d), got %d",
			s.Eligibility.MinAge, s.Eligibility.MaxAge)
	}
	if usable("training_balance", "incentives.amount", "incentives.count",
		"surveys.amount", "surveys.count", "total") && s.DeclaredTotal != s.Total() {
		add("total", "is %s but training_balance + incentives + surveys = %s + %d × %s + %d × %s = %s",
			FormatRupiah(s.DeclaredTotal), FormatRupiah(s.TrainingBalance),
			s.Incentives.Count, FormatRupiah(s.Incentives.Amount),
			s.Surveys.Count, FormatRupiah(s.Surveys.Amount), FormatRupiah(s.Total()))
	}
	ruleSkip := func(path string) bool { return failed[path] || skip(path) }
	problems = append(problems, checkCategories(s, ruleSkip)...)
	problems = append(problems, checkRules(s, ruleSkip)...)
	return problems
}

// newError returns nil when there are no problems, else a *prakerja.Error of
// code CodeSchemeInvalid whose Message lists the problems one per line, in
// line order, each as "file:line: field: reason", at most ProblemsMax of them;
// Fields carries the same problems.
func newError(file string, problems []problem) error {
	return yamlconf.NewError(prakerja.CodeSchemeInvalid, file, problems, ProblemsMax)
}
