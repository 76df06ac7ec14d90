package scheme

import (
	"fmt"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"

	"github.com/prakerja/prakerja"
)

// checkRules checks eligibility.rules: their number, each rule's code,
// messages and expression (compiled and type-checked in RuleEnv), and that
// every limit the file states is read by some rule.
func checkRules(s *Scheme, skip func(string) bool) []problem {
	const path = "eligibility.rules"
	if skip(path) {
		return nil
	}
	rules := s.Eligibility.Rules
	if len(rules) > RulesMax {
		msg := fmt.Sprintf("has %d rules, more than the %d a scheme may have", len(rules), RulesMax)
		return []problem{{Path: path, Code: prakerja.CodeTooLong, Message: msg}}
	}
	env, err := RuleEnv(s.Eligibility)
	if err != nil {
		return []problem{{Path: path, Code: prakerja.CodeBadValue,
			Message: "cannot be compiled: " + err.Error()}}
	}
	sizes := ruleSizes{categories: uint64(len(s.Eligibility.ExcludedCategories))}
	var problems []problem
	codes := map[string]string{}
	read := map[string]bool{}
	allCompiled := true
	for i := range rules {
		r := &rules[i]
		p := fmt.Sprintf("%s[%d]", path, i)
		if skip(p) {
			allCompiled = false
			continue
		}
		if !skip(p + ".code") {
			if pr := checkRuleCode(p, r.Code, codes); pr != nil {
				problems = append(problems, *pr)
			}
		}
		for _, m := range []struct{ path, text string }{{p + ".message.id", r.Message.ID},
			{p + ".message.en", r.Message.EN}} {
			if skip(m.path) {
				continue
			}
			if pr := checkMessage(m.path, m.text); pr != nil {
				problems = append(problems, *pr)
			}
		}
		if skip(p + ".require") {
			allCompiled = false
			continue
		}
		ps := checkRequire(env, sizes, p+".require", r.Require, read)
		problems = append(problems, ps...)
		allCompiled = allCompiled && len(ps) == 0
	}
	if allCompiled {
		problems = append(problems, checkLimitsRead(s, read, skip)...)
	}
	return problems
}

// checkRequire checks one rule's expression: as text, then compiled and
// type-checked, then its result type and its worst-case cost. It adds the
// scheme constants the rule reads to read.
func checkRequire(env *cel.Env, sizes ruleSizes, path, expr string, read map[string]bool) []problem {
	if p := checkRuleText(path, expr); p != nil {
		return []problem{*p}
	}
	ast, iss := env.Compile(expr)
	if iss != nil && iss.Err() != nil {
		return celProblems(path, expr, iss.Errors())
	}
	if t := ast.OutputType(); !t.IsExactType(cel.BoolType) {
		msg := fmt.Sprintf("must be a condition (true or false), but gives a value of type %s", t)
		return []problem{{Path: path, Code: prakerja.CodeBadValue, Message: msg}}
	}
	est, err := env.EstimateCost(ast, sizes)
	if err != nil {
		return []problem{{Path: path, Code: prakerja.CodeBadValue,
			Message: "cannot estimate its cost: " + err.Error()}}
	}
	if est.Max > RuleCostMax {
		return []problem{{Path: path, Code: prakerja.CodeTooLong, Message: fmt.Sprintf(
			"may cost up to %d evaluation steps, more than the %d a rule may; loop over fewer elements",
			est.Max, RuleCostMax)}}
	}
	for _, ref := range ast.NativeRep().ReferenceMap() {
		if strings.HasPrefix(ref.Name, "scheme.") {
			read[ref.Name] = true
		}
	}
	return nil
}

// celProblems turns CEL's compile errors into problems that point at the
// line of the file holding the error and at its column in the rule.
func celProblems(path, expr string, errs []*cel.Error) []problem {
	multiline := strings.Contains(expr, "\n")
	problems := make([]problem, 0, len(errs))
	for _, e := range errs {
		line, column := e.Location.Line(), e.Location.Column()+1 // CEL columns are 0-based
		var where string
		switch {
		case line < 1 || column < 1: // no position, as for the nesting limit
		case multiline:
			where = fmt.Sprintf("line %d of the rule, column %d: ", line, column)
		default:
			where = fmt.Sprintf("column %d: ", column)
		}
		code := prakerja.CodeBadValue
		if strings.HasPrefix(e.Message, "Syntax error") {
			code = prakerja.CodeBadFormat
		}
		problems = append(problems, problem{Path: path, Code: code, LineOffset: max(line-1, 0),
			Message: where + e.Message + undeclaredHint(e.Message)})
	}
	return problems
}

// undeclaredHint lists the names a rule may read after CEL's "undeclared
// reference" error, unless CEL already suggested one.
func undeclaredHint(msg string) string {
	if !strings.HasPrefix(msg, "undeclared reference") || strings.Contains(msg, "did you mean") {
		return ""
	}
	var names []string
	for _, v := range append(ApplicantVariables(), SchemeConstants()...) {
		names = append(names, v.Name)
	}
	return "; a rule may read " + strings.Join(names, ", ")
}

// checkLimitsRead refuses a limit stated in the file that no rule reads: it
// would look like a rule of the programme and be none.
func checkLimitsRead(s *Scheme, read map[string]bool, skip func(string) bool) []problem {
	e := s.Eligibility
	limits := []struct {
		path, name, example string
		set                 bool
	}{
		{"eligibility.min_age", "scheme.min_age", "applicant.age >= scheme.min_age", true},
		{"eligibility.max_age", "scheme.max_age",
			"scheme.max_age == 0 || applicant.age <= scheme.max_age", e.MaxAge != 0},
		{"eligibility.max_participants_per_kk", "scheme.max_participants_per_kk",
			"applicant.kk_participants < scheme.max_participants_per_kk", e.MaxParticipantsPerKK != 0},
		{"eligibility.excluded_categories", "scheme.excluded_categories",
			"applicant.exclusions.all(c, !(c in scheme.excluded_categories))", len(e.ExcludedCategories) > 0},
	}
	var problems []problem
	for _, l := range limits {
		if !l.set || read[l.name] || skip(l.path) {
			continue
		}
		msg := fmt.Sprintf(
			"is set but no rule in eligibility.rules reads %s; add a rule such as `%s`", l.name, l.example)
		problems = append(problems, problem{Path: l.path, Code: prakerja.CodeBadValue,
			Message: msg})
	}
	return problems
}

// ruleSizes tells CEL's cost estimate how large the lists and strings a
// rule reads can be, so that a loop over them has a bounded cost.
type ruleSizes struct {
	categories uint64 // entries of scheme.excluded_categories
}

// EstimateSize returns the size bound of the variable (or list element) at
// node, or nil to let CEL work it out.
func (r ruleSizes) EstimateSize(node cost.AstNode) *cost.SizeEstimate {
	path := node.Path()
	if len(path) == 0 {
		return nil
	}
	text := cost.RangedSizeEstimate(0, ApplicantTextMax)
	var est cost.SizeEstimate
	switch {
	case len(path) > 1: // an element of a list: a category name
		est = text
	case path[0] == "applicant.exclusions":
		est = cost.RangedSizeEstimate(0, ApplicantExclusionsMax)
	case path[0] == "scheme.excluded_categories":
		est = cost.FixedSizeEstimate(r.categories)
	case path[0] == "applicant.sex" || path[0] == "applicant.domicile_province":
		est = text
	default:
		return nil
	}
	return &est
}

// EstimateCallCost leaves every function to CEL's standard cost model.
func (ruleSizes) EstimateCallCost(string, string, *cost.AstNode, []cost.AstNode) *cost.CallEstimate {
	return nil
}
