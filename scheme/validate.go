package scheme

import (
	"fmt"
	"sort"
	"strings"

	"github.com/prakerja/prakerja"
)

// problem is one thing wrong with a scheme: the field (dotted path, "" for the
// file as a whole), the line it is on (0 when unknown, as for a Scheme built in
// code), a field code for prakerja.FieldError, and a sentence for a person.
// lineOffset places a problem inside a field that spans lines (a rule written
// as a literal block): it is added to the line of the field's first line.
type problem struct {
	path       string
	line       int
	lineOffset int
	code       prakerja.Code
	msg        string
}

// format renders p as "file:line: path: msg", leaving out what is unknown.
func (p problem) format(file string) string {
	var b strings.Builder
	switch {
	case file != "" && p.line > 0:
		fmt.Fprintf(&b, "%s:%d: ", file, p.line)
	case file != "":
		b.WriteString(file + ": ")
	case p.line > 0:
		fmt.Fprintf(&b, "line %d: ", p.line)
	}
	if p.path != "" {
		b.WriteString(p.path + ": ")
	}
	b.WriteString(p.msg)
	return b.String()
}

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
		problems = append(problems, problem{path: path, code: prakerja.CodeBadValue, msg: msg})
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
// line order, at most ProblemsMax of them; Fields carries the same problems.
func newError(file string, problems []problem) error {
	if len(problems) == 0 {
		return nil
	}
	sort.SliceStable(problems, func(i, j int) bool {
		a, b := problems[i].line, problems[j].line
		if a == 0 || b == 0 {
			return a != 0 && b == 0
		}
		return a < b
	})
	shown := problems
	if len(shown) > ProblemsMax {
		shown = shown[:ProblemsMax]
	}
	lines := make([]string, 0, len(shown)+1)
	fieldErrors := make([]prakerja.FieldError, 0, len(shown))
	for _, p := range shown {
		lines = append(lines, p.format(file))
		msg := p.msg
		if p.line > 0 {
			msg = fmt.Sprintf("line %d: %s", p.line, p.msg)
		}
		fieldErrors = append(fieldErrors, prakerja.FieldError{Field: p.path, Code: p.code, Message: msg})
	}
	if rest := len(problems) - len(shown); rest > 0 {
		lines = append(lines, fmt.Sprintf("… and %d more problems", rest))
	}
	return &prakerja.Error{
		Code:    prakerja.CodeSchemeInvalid,
		Message: strings.Join(lines, "\n"),
		Fields:  fieldErrors,
	}
}
