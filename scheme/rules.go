package scheme

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
)

// Rule is one eligibility rule of a scheme, written in CEL (the Common
// Expression Language, https://cel.dev):
//
//	rules:
//	  - code: age_below_minimum
//	    require: applicant.age >= scheme.min_age
//	    message:
//	      id: "Usia Anda di bawah {min_age} tahun pada tanggal acuan gelombang."
//	      en: "You are under {min_age} years old on the wave's reference date."
//
// Require is a condition that must hold for the applicant to stay eligible;
// when it is false the applicant is ineligible and gets Code and Message as a
// reason. Every failing rule gives its reason, not only the first.
//
// Rules are compiled and type-checked when the scheme is parsed or validated:
// a rule that does not parse, reads an unknown variable, is not a bool, or
// may cost more than RuleCostMax is refused with its line and column.
type Rule struct {
	// Code is the stable reason code of the rule, snake_case, at most
	// RuleCodeLengthMax bytes, unique in the scheme. It names the failure
	// ("age_below_minimum"), because it is shown when the rule fails.
	// Clients and translations key on it: keep codes stable across schemes.
	Code string `json:"code"`
	// Require is the CEL expression that must be true for the applicant to
	// stay eligible. See ApplicantVariables and SchemeConstants for what it
	// may read.
	Require string `json:"require"`
	// Message is shown to the registrant when the rule fails.
	Message Message `json:"message"`
}

// Message is a text for the registrant in Bahasa Indonesia and English, on
// one line. It may hold the placeholders {min_age}, {max_age} and
// {max_participants_per_kk}, which Eligibility.Expand replaces with the
// scheme's numbers, so that a message never disagrees with the number it
// states.
type Message struct {
	ID string `json:"id"` // Bahasa Indonesia
	EN string `json:"en"` // English
}

// exclusionCategories names the exclusion lists a NIK can be on, with what
// each holds (see CategoryNames, CategoryDescription).
// applicant.exclusions and eligibility.excluded_categories use these names;
// any other name is refused, so that a misspelt category cannot silently
// exclude nobody.
var exclusionCategories = map[string]string{
	// The seven groups of Perpres 36/2020 Pasal 5(3), as amended by 76/2020.
	"pejabat_negara":  "state officials",
	"dpr_dprd":        "leaders and members of the DPR and DPRD",
	"asn":             "civil servants (aparatur sipil negara)",
	"tni":             "soldiers of the TNI",
	"polri":           "members of the Polri",
	"perangkat_desa":  "village heads and village officials",
	"bumn_bumd_board": "directors, commissioners and supervisory boards of BUMN and BUMD",
	// Earlier participants: Kartu Prakerja is received once.
	"past_participant": "earlier Kartu Prakerja participants",
	// Social-assistance (bansos) lists, excluded in 2021–2022.
	"dtks": "the integrated social-welfare data (DTKS, Kemensos)",
	"pkh":  "recipients of the Program Keluarga Harapan",
	"bpnt": "recipients of non-cash food assistance (BPNT)",
	"bsu":  "recipients of the wage subsidy (BSU)",
	"bpum": "recipients of micro-business aid (BPUM)",
}

// Rule codes are snake_case words: lowercase letters and digits, starting
// with a letter, joined by single underscores.
var ruleCodeRE = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// placeholderRE finds {name} placeholders in a message.
var placeholderRE = regexp.MustCompile(`\{([a-z_]+)\}`)

// placeholders returns the value of each message placeholder in e.
func (e Eligibility) placeholders() map[string]int {
	return map[string]int{
		"min_age":                 e.MinAge,
		"max_age":                 e.MaxAge,
		"max_participants_per_kk": e.MaxParticipantsPerKK,
	}
}

// Expand returns text with its {min_age}, {max_age} and
// {max_participants_per_kk} placeholders replaced by e's numbers. A scheme
// that passed Validate has no other placeholders; an unknown one is left as
// written.
func (e Eligibility) Expand(text string) string {
	values := e.placeholders()
	return placeholderRE.ReplaceAllStringFunc(text, func(m string) string {
		if v, ok := values[m[1:len(m)-1]]; ok {
			return strconv.Itoa(v)
		}
		return m
	})
}

// checkCategories checks eligibility.excluded_categories and
// targeting.social_assistance_categories: known names, each once, at most
// ExcludedCategoriesMax.
func checkCategories(s *Scheme, skip func(string) bool) []problem {
	return append(checkCategoryList("eligibility.excluded_categories", s.Eligibility.ExcludedCategories, skip),
		checkCategoryList("targeting.social_assistance_categories", s.Targeting.SocialAssistanceCategories, skip)...)
}

// checkCategoryList checks one list of exclusion categories at path.
func checkCategoryList(path string, cats []string, skip func(string) bool) []problem {
	if skip(path) {
		return nil
	}
	if len(cats) > ExcludedCategoriesMax {
		msg := fmt.Sprintf("has %d categories, more than %d", len(cats), ExcludedCategoriesMax)
		return []problem{{Path: path, Code: prakerja.CodeTooLong, Message: msg}}
	}
	var problems []problem
	first := map[string]int{}
	for i, c := range cats {
		item := fmt.Sprintf("%s[%d]", path, i)
		if skip(item) {
			continue
		}
		if j, dup := first[c]; dup {
			msg := fmt.Sprintf("%q is already %s[%d]; name each category once", clip(c), path, j)
			problems = append(problems, problem{Path: item, Code: prakerja.CodeBadValue,
				Message: msg})
			continue
		}
		first[c] = i
		if _, ok := exclusionCategories[c]; !ok {
			problems = append(problems, problem{Path: item, Code: prakerja.CodeBadValue,
				Message: unknownCategory(c)})
		}
	}
	return problems
}

// unknownCategory says that c is no exclusion category, suggesting the
// nearest one.
func unknownCategory(c string) string {
	names := CategoryNames()
	if guess := nearestIn(names, c); guess != "" {
		return fmt.Sprintf("unknown exclusion category %q; did you mean %s?", clip(c), guess)
	}
	return fmt.Sprintf("unknown exclusion category %q; known: %s", clip(c), strings.Join(names, ", "))
}

// checkRuleCode checks the code of rule path; first maps the codes seen so
// far to the path that used them.
func checkRuleCode(path, code string, first map[string]string) *problem {
	path += ".code"
	switch {
	case code == "":
		return &problem{Path: path, Code: prakerja.CodeRequired, Message: "must not be empty"}
	case len(code) > RuleCodeLengthMax:
		msg := fmt.Sprintf("must be at most %d characters, got %d", RuleCodeLengthMax, len(code))
		return &problem{Path: path, Code: prakerja.CodeTooLong, Message: msg}
	case !ruleCodeRE.MatchString(code):
		return &problem{Path: path, Code: prakerja.CodeBadFormat, Message: fmt.Sprintf(
			"must be snake_case: lowercase letters and digits joined by '_', starting with a letter, got %q",
			clip(code))}
	}
	if other, dup := first[code]; dup {
		return &problem{Path: path, Code: prakerja.CodeBadValue,
			Message: fmt.Sprintf("%q is also the code of %s; codes must be unique", code, other)}
	}
	first[code] = strings.TrimSuffix(path, ".code")
	return nil
}

// checkMessage checks one language of a rule's message.
func checkMessage(path, text string) *problem {
	bad := func(code prakerja.Code, format string, args ...any) *problem {
		return &problem{Path: path, Code: code, Message: fmt.Sprintf(format, args...)}
	}
	switch {
	case strings.TrimSpace(text) == "":
		return bad(prakerja.CodeRequired, "must not be empty")
	case !utf8.ValidString(text):
		return bad(prakerja.CodeBadFormat, "must be valid UTF-8 text")
	case utf8.RuneCountInString(text) > MessageLengthMax:
		return bad(prakerja.CodeTooLong, "must be at most %d characters, got %d",
			MessageLengthMax, utf8.RuneCountInString(text))
	case strings.TrimSpace(text) != text:
		return bad(prakerja.CodeBadFormat, "must not start or end with spaces")
	}
	for _, r := range text {
		if !unicode.IsPrint(r) {
			return bad(prakerja.CodeBadFormat, "must be printable text on one line, got %q", clip(text))
		}
	}
	known := Eligibility{}.placeholders()
	for _, m := range placeholderRE.FindAllStringSubmatch(text, -1) {
		if _, ok := known[m[1]]; !ok {
			return bad(prakerja.CodeBadValue, "unknown placeholder {%s}; known: {%s}", m[1],
				strings.Join(PlaceholderNames(), "}, {"))
		}
	}
	if strings.ContainsAny(placeholderRE.ReplaceAllString(text, ""), "{}") {
		return bad(prakerja.CodeBadFormat, "braces are only for placeholders such as {min_age}, got %q",
			clip(text))
	}
	return nil
}

// checkRuleText checks a rule's expression as text, before CEL reads it:
// what the YAML writer must be able to write back unchanged.
func checkRuleText(path, expr string) *problem {
	bad := func(code prakerja.Code, format string, args ...any) *problem {
		return &problem{Path: path, Code: code, Message: fmt.Sprintf(format, args...)}
	}
	switch {
	case strings.TrimSpace(expr) == "":
		return bad(prakerja.CodeRequired, "must not be empty")
	case len(expr) > RuleLengthMax:
		return bad(prakerja.CodeTooLong, "must be at most %d bytes, got %d", RuleLengthMax, len(expr))
	case !utf8.ValidString(expr):
		return bad(prakerja.CodeBadFormat, "must be valid UTF-8 text")
	case strings.TrimSpace(expr) != expr:
		return bad(prakerja.CodeBadFormat, "must not start or end with spaces or empty lines")
	}
	for i, line := range strings.Split(expr, "\n") {
		if strings.TrimRight(line, " ") != line {
			return bad(prakerja.CodeBadFormat, "line %d of the rule ends with spaces", i+1)
		}
		for _, r := range line {
			if !unicode.IsPrint(r) {
				return bad(prakerja.CodeBadFormat, "line %d of the rule holds a tab or control character %q; "+
					"use spaces", i+1, r)
			}
		}
	}
	return nil
}
