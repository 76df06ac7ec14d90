package scheme_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// Lines of validLines that hold the rules, for the tests below.
const (
	lineCategories   = 20 // excluded_categories: [asn, tni]
	lineRules        = 21 // rules:
	lineRule0        = 22 // - code: age_below_minimum
	lineRule0Require = 23
	lineRule0Message = 24
	lineRule0ID      = 25
	lineRule0EN      = 26
	lineRule1        = 27 // - code: excluded_group
)

// withoutRule1 is the valid scheme without its second rule, the one that
// reads scheme.excluded_categories.
func withoutRule1() string {
	return strings.Replace(validText(), strings.Join(validLines[lineRule1-1:lineRule1+4], "\n")+"\n", "", 1)
}

// TestParseRuleErrors breaks the rules of the valid scheme one way per case:
// each message names the file, the line of the rule's text and its field,
// and for CEL errors the column within the rule.
func TestParseRuleErrors(t *testing.T) {
	t.Parallel()
	require := func(expr string) string { return edited(lineRule0Require, "      require: "+expr) }
	tests := []struct {
		name  string
		src   string
		line  int
		field string
		want  string
		more  bool
	}{
		// CEL: compiled and type-checked, with the column.
		{name: "ErrSyntax", src: require("applicant.age >="), line: lineRule0Require,
			field: "eligibility.rules[0].require", want: "column 17: Syntax error: mismatched input '<EOF>'"},
		{name: "ErrUnknownVariable", src: require("applicant.agee >= scheme.min_age"), line: lineRule0Require,
			field: "eligibility.rules[0].require",
			want:  "column 10: undeclared reference to 'applicant.agee' (did you mean 'applicant.age'?)"},
		{name: "ErrUnknownConstant", src: require("applicant.age >= scheme.min_agee"), line: lineRule0Require,
			field: "eligibility.rules[0].require",
			want:  "column 24: undeclared reference to 'scheme.min_agee' (did you mean 'scheme.min_age'?)"},
		{name: "ErrBareApplicant", src: require("applicant > 1 && applicant.age >= scheme.min_age"),
			line: lineRule0Require, field: "eligibility.rules[0].require",
			want: "column 1: undeclared reference to 'applicant'; a rule may read applicant.age, applicant.sex"},
		{name: "ErrNotBool", src: require("applicant.age + scheme.min_age"), line: lineRule0Require,
			field: "eligibility.rules[0].require",
			want:  "must be a condition (true or false), but gives a value of type int"},
		{name: "ErrTypeMismatch", src: require(`applicant.age >= "18" && applicant.age >= scheme.min_age`),
			line: lineRule0Require, field: "eligibility.rules[0].require",
			want: "column 15: found no matching overload for '_>=_' applied to '(int, string)'"},
		{name: "ErrLiteralBlockSecondLine", src: require("|\n        applicant.age >= scheme.min_age &&\n" +
			"          applicant.agee > 0"), line: lineRule0Require + 2, field: "eligibility.rules[0].require",
			want: "line 2 of the rule, column 12: undeclared reference to 'applicant.agee'"},
		{name: "ErrTooCostly", src: require("applicant.age >= scheme.min_age && applicant.exclusions.all(a, " +
			"applicant.exclusions.all(b, applicant.exclusions.all(c, a != c)))"), line: lineRule0Require,
			field: "eligibility.rules[0].require", want: "evaluation steps, more than the 10000 a rule may"},
		{name: "ErrNesting", src: require(strings.Repeat("(", 40) + "applicant.age >= scheme.min_age" +
			strings.Repeat(")", 40)), line: lineRule0Require, field: "eligibility.rules[0].require",
			want: "expression recursion limit exceeded: 32"},
		{name: "ErrTooLong", src: require("|\n        " + strings.Repeat("true && ", 70) + "\n        " +
			strings.Repeat("true && ", 70) + "true"), line: lineRule0Require + 1, field: "eligibility.rules[0].require",
			want: "must be at most 1000 bytes, got 1125"},

		// How the rule is written.
		{name: "ErrMissingRequire", src: require(""), line: lineRule0Require, field: "eligibility.rules[0].require",
			want: "value is missing; expected a CEL condition"},
		{name: "ErrTag", src: require("!applicant.revoked"), line: lineRule0Require,
			field: "eligibility.rules[0].require", want: `quote the rule, e.g. require: "!applicant.revoked"`,
			more: true},
		{name: "ErrFolded", src: require(">-\n        applicant.age\n        >= scheme.min_age"),
			line: lineRule0Require, field: "eligibility.rules[0].require",
			want: "write a rule on one line, or as a literal block (require: |)"},
		{name: "ErrWrapped", src: require("applicant.age\n        >= scheme.min_age"), line: lineRule0Require,
			field: "eligibility.rules[0].require", want: "write a rule on one line, or as a literal block"},
		{name: "ErrEscapedNewline", src: require(`"applicant.age >=\nscheme.min_age"`), line: lineRule0Require,
			field: "eligibility.rules[0].require", want: "write a rule on one line, or as a literal block"},
		{name: "ErrRulesNotAList", src: strings.Replace(validText(),
			strings.Join(validLines[lineRules-1:lineRule1+4], "\n"), "  rules: {code: x}", 1), line: lineRules,
			field: "eligibility.rules", want: "must be a list of rules, each with code, require and message, got a section"},
		{name: "ErrRuleNotASection", src: strings.Replace(validText(),
			strings.Join(validLines[lineRule0-1:lineRule0+4], "\n"), `    - "applicant.age >= scheme.min_age"`, 1),
			line: lineRule0, field: "eligibility.rules[0]",
			want: `must be a rule with the fields code, require, message, got the quoted text "applicant.age >= scheme.min_age"`},
		{name: "ErrUnknownRuleField", src: edited(lineRule0Require, "      requires: applicant.age >= scheme.min_age"),
			line: lineRule0Require, field: "eligibility.rules[0].requires",
			want: "unknown field; did you mean eligibility.rules[0].require?"},

		// Codes.
		{name: "ErrDuplicateCode", src: edited(lineRule1, "    - code: age_below_minimum"), line: lineRule1,
			field: "eligibility.rules[1].code",
			want:  `"age_below_minimum" is also the code of eligibility.rules[0]; codes must be unique`},
		{name: "ErrCodeFormat", src: edited(lineRule0, "    - code: Age-Below"), line: lineRule0,
			field: "eligibility.rules[0].code", want: "must be snake_case"},
		{name: "ErrCodeTooLong", src: edited(lineRule0, "    - code: "+strings.Repeat("a", 65)), line: lineRule0,
			field: "eligibility.rules[0].code", want: "must be at most 64 characters, got 65"},
		{name: "ErrCodeMissing", src: strings.Replace(validText(), "    - code: age_below_minimum\n      require:",
			"    - require:", 1), line: lineRule0, field: "eligibility.rules[0].code", want: "required field is missing"},

		// Messages, in both languages.
		{name: "ErrMissingMessageEN", src: edited(lineRule0EN, ""), line: lineRule0Message,
			field: "eligibility.rules[0].message.en", want: "required field is missing"},
		{name: "ErrMissingMessage", src: strings.Replace(validText(),
			strings.Join(validLines[lineRule0Message-1:lineRule0EN], "\n")+"\n", "", 1),
			line: lineRule0, field: "eligibility.rules[0].message", want: "required field is missing"},
		{name: "ErrEmptyMessageID", src: edited(lineRule0ID, `        id: ""`), line: lineRule0ID,
			field: "eligibility.rules[0].message.id", want: "must not be empty"},
		{name: "ErrUnknownPlaceholder", src: edited(lineRule0EN, `        en: "Under {minimum_age}."`),
			line: lineRule0EN, field: "eligibility.rules[0].message.en",
			want: "unknown placeholder {minimum_age}; known: {min_age}, {max_age}, {max_participants_per_kk}"},
		{name: "ErrStrayBrace", src: edited(lineRule0ID, `        id: "Usia {min_age"`), line: lineRule0ID,
			field: "eligibility.rules[0].message.id", want: "braces are only for placeholders"},
		{name: "ErrMessageNotText", src: edited(lineRule0EN, `        en: [a]`), line: lineRule0EN,
			field: "eligibility.rules[0].message.en", want: "must be text on one line, got a list"},
		{name: "ErrUnknownLanguage", src: edited(lineRule0EN, `        eng: "Under 18."`), line: lineRule0EN,
			field: "eligibility.rules[0].message.eng", want: "did you mean eligibility.rules[0].message.en?"},

		// Categories.
		{name: "ErrUnknownCategory", src: edited(lineCategories, "  excluded_categories: [asn, polr]"),
			line: lineCategories, field: "eligibility.excluded_categories[1]",
			want: `unknown exclusion category "polr"; did you mean polri?`},
		{name: "ErrDuplicateCategory", src: edited(lineCategories, "  excluded_categories: [asn, asn]"),
			line: lineCategories, field: "eligibility.excluded_categories[1]",
			want: `"asn" is already eligibility.excluded_categories[0]`},
		{name: "ErrCategoriesNotAList", src: edited(lineCategories, "  excluded_categories: asn"),
			line: lineCategories, field: "eligibility.excluded_categories",
			want: `must be a list of exclusion categories such as [asn, tni, polri], got "asn"`},
		{name: "ErrCategoryNotAName", src: edited(lineCategories, "  excluded_categories: [asn, 7]"),
			line: lineCategories, field: "eligibility.excluded_categories[1]",
			want: "must be the name of an exclusion category, got 7"},

		// A limit the file states must be read by a rule.
		{name: "ErrCategoriesUnread", src: withoutRule1(), line: lineCategories,
			field: "eligibility.excluded_categories",
			want:  "is set but no rule in eligibility.rules reads scheme.excluded_categories; add a rule such as"},
		{name: "ErrMinAgeUnread", src: require("true"), line: 17, field: "eligibility.min_age",
			want: "no rule in eligibility.rules reads scheme.min_age"},
		{name: "ErrKKCapUnread", src: edited(19, "  max_participants_per_kk: 2"), line: 19,
			field: "eligibility.max_participants_per_kk", want: "no rule in eligibility.rules reads"},

		// YAML syntax inside a rule names the rule.
		{name: "ErrSyntaxInRule", src: edited(lineRule0Message, "      message: x: y"), line: lineRule0Message,
			field: "eligibility.rules[0].message", want: "YAML syntax error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkParseError(t, tc.src, tc.line, tc.field, tc.want, tc.more)
		})
	}
}

// checkParseError parses src and checks that it is refused with a message
// line "bad.yaml:LINE: FIELD: …WANT…", alone unless more.
func checkParseError(t *testing.T, src string, line int, field, want string, more bool) {
	t.Helper()
	s, err := scheme.Parse([]byte(src), "bad.yaml")
	if s != nil {
		t.Errorf("Parse returned a scheme along with the error")
	}
	e := schemeError(t, err, prakerja.CodeSchemeInvalid)
	prefix := fmt.Sprintf("bad.yaml:%d: %s: ", line, field)
	lines := strings.Split(e.Message, "\n")
	if !slices.ContainsFunc(lines, func(l string) bool {
		return strings.HasPrefix(l, prefix) && strings.Contains(l, want)
	}) {
		t.Errorf("message:\n%s\nwant a line that starts with %q and contains %q", e.Message, prefix, want)
	}
	if len(lines) != 1 && !more {
		t.Errorf("message has %d lines, want the one problem alone:\n%s", len(lines), e.Message)
	}
}

// TestParseTooManyRules refuses a scheme with more than RulesMax rules
// before compiling any.
func TestParseTooManyRules(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := range scheme.RulesMax + 1 {
		fmt.Fprintf(&b, "    - code: rule_%d\n      require: \"applicant.age >= scheme.min_age\"\n"+
			"      message: { id: \"x\", en: \"x\" }\n", i)
	}
	rules := strings.Join(validLines[lineRule0-1:lineRule1+4], "\n") + "\n"
	src := strings.Replace(validText(), rules, b.String(), 1)
	checkParseError(t, src, lineRules, "eligibility.rules", "has 65 rules, more than the 64 a scheme may have", false)
}

// TestParseRulesAccepts checks ways of writing rules an operator may use.
func TestParseRulesAccepts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want string // the rule's expression as parsed
	}{
		{"QuotedRule", edited(lineRule0Require, `      require: "applicant.age >= scheme.min_age"`),
			"applicant.age >= scheme.min_age"},
		{"RuleWithComment", edited(lineRule0Require, `      require: applicant.age >= scheme.min_age # Pasal 3`),
			"applicant.age >= scheme.min_age"},
		{"LiteralBlock", edited(lineRule0Require, "      require: |\n        applicant.age >= scheme.min_age &&\n"+
			"          applicant.sex in [\"M\", \"F\"]"),
			"applicant.age >= scheme.min_age &&\n  applicant.sex in [\"M\", \"F\"]"},
		{"EveryVariable", edited(lineRule0Require, "      require: applicant.age >= scheme.min_age && "+
			"applicant.citizen && !applicant.in_formal_education && !applicant.revoked && "+
			"applicant.kk_participants < 2 && applicant.domicile_province in ['31', '32'] && "+
			"applicant.sex == 'F' && size(applicant.exclusions) == 0 && scheme.max_age == 0 && "+
			"scheme.max_participants_per_kk == 0"), ""},
		{"FlowRules", strings.Replace(validText(), strings.Join(validLines[lineRules-1:lineRule1+4], "\n"),
			`  rules: [{code: age_below_minimum, require: "applicant.age >= scheme.min_age", message: {id: "a", en: "b"}}, `+
				`{code: excluded_group, require: "applicant.exclusions.all(c, !(c in scheme.excluded_categories))", `+
				`message: {id: "c", en: "d"}}]`, 1), "applicant.age >= scheme.min_age"},
		{"NoCategories", strings.Replace(withoutRule1(), "[asn, tni]", "[]", 1), "applicant.age >= scheme.min_age"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := scheme.Parse([]byte(tc.src), "test.yaml")
			if err != nil {
				t.Fatalf("Parse: %v\n%s", err, tc.src)
			}
			if got := s.Eligibility.Rules[0].Require; tc.want != "" && got != tc.want {
				t.Errorf("Require = %q, want %q", got, tc.want)
			}
			back, err := scheme.Parse(s.YAML(), "back.yaml")
			if err != nil {
				t.Fatalf("Parse(YAML()): %v\n%s", err, s.YAML())
			}
			if diff := cmp.Diff(s, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidateRules checks rules of a Scheme built in code: no file, so no
// line, but the field and, within a rule of several lines, its line.
func TestValidateRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		edit  func(r []scheme.Rule)
		field string
		want  string
	}{
		{name: "ErrColumn", edit: func(r []scheme.Rule) { r[1].Require = "applicant.age >= scheme.min_age && x" },
			field: "eligibility.rules[1].require", want: "column 36: undeclared reference to 'x'"},
		{name: "ErrLineAndColumn", edit: func(r []scheme.Rule) { r[1].Require = "applicant.age >= 18 &&\n  x" },
			field: "eligibility.rules[1].require", want: "line 2 of the rule, column 3: undeclared reference to 'x'"},
		{name: "ErrTab", edit: func(r []scheme.Rule) { r[1].Require = "applicant.citizen &&\n\tapplicant.age > 1" },
			field: "eligibility.rules[1].require", want: "line 2 of the rule holds a tab or control character"},
		{name: "ErrTrailingSpaces", edit: func(r []scheme.Rule) { r[1].Require = "applicant.citizen && \ntrue" },
			field: "eligibility.rules[1].require", want: "line 1 of the rule ends with spaces"},
		{name: "ErrLeadingSpace", edit: func(r []scheme.Rule) { r[1].Require = " applicant.citizen" },
			field: "eligibility.rules[1].require", want: "must not start or end with spaces"},
		{name: "ErrEmptyCode", edit: func(r []scheme.Rule) { r[1].Code = "" },
			field: "eligibility.rules[1].code", want: "must not be empty"},
		{name: "ErrMessageTwoLines", edit: func(r []scheme.Rule) { r[1].Message.EN = "a\nb" },
			field: "eligibility.rules[1].message.en", want: "must be printable text on one line"},
		{name: "ErrMessageTooLong", edit: func(r []scheme.Rule) { r[1].Message.ID = strings.Repeat("é", 301) },
			field: "eligibility.rules[1].message.id", want: "must be at most 300 characters, got 301"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := mustBuiltin(t, "2023")
			tc.edit(s.Eligibility.Rules)
			e := schemeError(t, s.Validate(), prakerja.CodeSchemeInvalid)
			if want := tc.field + ": " + tc.want; !strings.Contains(e.Message, want) {
				t.Errorf("message:\n%s\nwant it to contain:\n%s", e.Message, want)
			}
			if len(e.Fields) != 1 || e.Fields[0].Field != tc.field {
				t.Errorf("Fields = %+v, want one for %s", e.Fields, tc.field)
			}
		})
	}
}

// TestBuiltinRules pins the reason codes of the shipped schemes: clients and
// translations key on them, so a rename must fail a test.
func TestBuiltinRules(t *testing.T) {
	t.Parallel()
	codes := []string{"not_citizen", "age_below_minimum", "age_above_maximum", "in_formal_education",
		"excluded_group", "kk_limit_reached", "revoked_before"}
	categories := []string{"pejabat_negara", "dpr_dprd", "asn", "tni", "polri", "perangkat_desa",
		"bumn_bumd_board", "past_participant"}
	for _, name := range scheme.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := mustBuiltin(t, name).Eligibility
			var got []string
			for _, r := range e.Rules {
				got = append(got, r.Code)
			}
			if diff := cmp.Diff(codes, got); diff != "" {
				t.Errorf("rule codes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(categories, e.ExcludedCategories); diff != "" {
				t.Errorf("excluded categories (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	t.Parallel()
	e := scheme.Eligibility{MinAge: 18, MaxAge: 64, MaxParticipantsPerKK: 2}
	tests := []struct{ in, want string }{
		{"Usia Anda di bawah {min_age} tahun.", "Usia Anda di bawah 18 tahun."},
		{"{min_age} to {max_age}, {max_participants_per_kk} per KK", "18 to 64, 2 per KK"},
		{"no placeholder", "no placeholder"},
		{"{unknown} stays", "{unknown} stays"},
	}
	for _, tc := range tests {
		if got := e.Expand(tc.in); got != tc.want {
			t.Errorf("Expand(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestExclusionCategories keeps the categories' names usable in rules and
// files: snake_case, and described.
func TestExclusionCategories(t *testing.T) {
	t.Parallel()
	for _, name := range scheme.CategoryNames() {
		if d, ok := scheme.CategoryDescription(name); !ok || d == "" || strings.ToLower(name) != name ||
			strings.ContainsAny(name, " -") {
			t.Errorf("category %q: bad name or no description", name)
		}
	}
}

// TestRuleYAMLRoundTrip writes rules that are awkward in YAML (quotes,
// backslashes, '#', empty lines, lines starting with '-' or '"') and reads
// them back unchanged.
func TestRuleYAMLRoundTrip(t *testing.T) {
	t.Parallel()
	exprs := []string{
		`applicant.sex != "#F" && applicant.sex != 'it\'s'`,
		`applicant.sex != "\\" && applicant.sex != "é" && applicant.sex != "\""`,
		"applicant.citizen &&\n\n  applicant.age >= scheme.min_age",
		"1 +\n-1 == 0 &&\n\"#\" != applicant.sex",
		"applicant.citizen ||\n    false ||\n  false",
	}
	for i, expr := range exprs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			s := mustBuiltin(t, "2023")
			s.Eligibility.Rules[0].Require = expr
			s.Eligibility.Rules[0].Message = scheme.Message{ID: `"Kutip" # bukan komentar: {min_age}`, EN: `'quote' \ #`}
			if err := s.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			back, err := scheme.Parse(s.YAML(), "back.yaml")
			if err != nil {
				t.Fatalf("Parse(YAML()): %v\n%s", err, s.YAML())
			}
			if diff := cmp.Diff(s, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}
