package scheme

import (
	"fmt"
	"slices"
	"sort"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
)

// Variable is a name a rule may read, with its CEL type and meaning.
type Variable struct {
	Name string    // qualified name as written in a rule, e.g. "applicant.age"
	Type *cel.Type // CEL type: int, bool, string or list(string)
	Doc  string
}

// ApplicantVariables returns the facts about an applicant a rule may read.
// Each is declared to CEL with its type, so that a rule comparing an age with
// a string is refused when the scheme loads, not when a wave is evaluated.
// The eligibility package supplies their values; its tests check that it
// supplies every one.
func ApplicantVariables() []Variable { return slices.Clone(applicantVariables) }

var applicantVariables = []Variable{
	{"applicant.age", cel.IntType,
		"age in whole years on the wave's reference date, read in WIB"},
	{"applicant.sex", cel.StringType, `"M" or "F", as registered`},
	{"applicant.citizen", cel.BoolType, "an Indonesian citizen (WNI)"},
	{"applicant.in_formal_education", cel.BoolType, "enrolled in formal education (school or university)"},
	{"applicant.exclusions", cel.ListType(cel.StringType),
		"the exclusion categories (see CategoryNames) the NIK was found on"},
	{"applicant.kk_participants", cel.IntType,
		"participants already selected or active from the same family card (KK)"},
	{"applicant.revoked", cel.BoolType, "a participation of this NIK was revoked, or the NIK blacklisted, before"},
	{"applicant.domicile_province", cel.StringType, `two-digit Kemendagri code of the domicile province, e.g. "32"`},
}

// SchemeConstants returns the scheme's own values a rule may read. They are
// constants of the compiled rule, taken from the scheme file, so a rule reads
// a limit from configuration instead of repeating it.
func SchemeConstants() []Variable { return slices.Clone(schemeConstants) }

var schemeConstants = []Variable{
	{"scheme.min_age", cel.IntType, "eligibility.min_age"},
	{"scheme.max_age", cel.IntType, "eligibility.max_age; 0 = no upper limit"},
	{"scheme.max_participants_per_kk", cel.IntType, "eligibility.max_participants_per_kk; 0 = no limit"},
	{"scheme.excluded_categories", cel.ListType(cel.StringType), "eligibility.excluded_categories"},
}

// baseRuleEnv is the CEL environment without the scheme constants. Building
// one costs about a millisecond, so it is built once and extended per scheme.
var baseRuleEnv = sync.OnceValues(func() (*cel.Env, error) {
	opts := []cel.EnvOption{
		cel.ParserExpressionSizeLimit(RuleLengthMax),
		cel.ParserRecursionLimit(RuleNestingMax),
		// Identifiers are resolved as written: no container, no abbreviations.
	}
	for _, v := range applicantVariables {
		opts = append(opts, cel.VariableWithDoc(v.Name, v.Type, v.Doc))
	}
	return cel.NewEnv(opts...)
})

// RuleEnv returns the CEL environment the rules of a scheme with eligibility
// e are compiled in: the standard CEL library, ApplicantVariables, and
// SchemeConstants holding e's values. The eligibility package compiles its
// programs in it; the environment is safe for concurrent use.
func RuleEnv(e Eligibility) (*cel.Env, error) {
	base, err := baseRuleEnv()
	if err != nil {
		return nil, fmt.Errorf("build rule environment: %w", err)
	}
	cats := types.NewStringList(types.DefaultTypeAdapter, slices.Clone(e.ExcludedCategories))
	env, err := base.Extend(
		cel.Constant("scheme.min_age", cel.IntType, types.Int(e.MinAge)),
		cel.Constant("scheme.max_age", cel.IntType, types.Int(e.MaxAge)),
		cel.Constant("scheme.max_participants_per_kk", cel.IntType, types.Int(e.MaxParticipantsPerKK)),
		cel.Constant("scheme.excluded_categories", cel.ListType(cel.StringType), cats),
	)
	if err != nil {
		return nil, fmt.Errorf("extend rule environment: %w", err)
	}
	return env, nil
}

// CategoryNames returns the names of the exclusion categories, sorted.
func CategoryNames() []string {
	names := make([]string, 0, len(exclusionCategories))
	for name := range exclusionCategories {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// CategoryDescription returns what the exclusion category name holds, and
// whether it is one.
func CategoryDescription(name string) (string, bool) {
	d, ok := exclusionCategories[name]
	return d, ok
}

// PlaceholderNames returns the placeholders a message may hold, without
// braces, in file order.
func PlaceholderNames() []string {
	return []string{"min_age", "max_age", "max_participants_per_kk"}
}
