package eligibility_test

import (
	"testing"

	"github.com/prakerja/prakerja/eligibility"
	"github.com/prakerja/prakerja/scheme"
)

// mustBuiltin returns the built-in scheme name. Fatal on error.
func mustBuiltin(tb testing.TB, name string) *scheme.Scheme {
	tb.Helper()
	s, err := scheme.Builtin(name)
	if err != nil {
		tb.Fatalf("Builtin(%q): %v", name, err)
	}
	return s
}

// mustCompile compiles the rules of s. Fatal on error.
func mustCompile(tb testing.TB, s *scheme.Scheme) *eligibility.Evaluator {
	tb.Helper()
	ev, err := eligibility.Compile(s)
	if err != nil {
		tb.Fatalf("Compile(%s): %v", s.Name, err)
	}
	return ev
}

// eligible is an applicant every built-in rule accepts: a 30-year-old
// citizen, out of school, on no exclusion list, alone on the family card.
func eligible() eligibility.Applicant {
	return eligibility.Applicant{Age: 30, Sex: "F", Citizen: true, DomicileProvince: "32"}
}

// Exclusion lists the synthetic population draws from. They are shared
// slices, so drawing an applicant allocates nothing.
var syntheticExclusions = [][]string{
	{"asn"}, {"past_participant"}, {"pkh"}, {"dtks", "bsu"}, {"tni"}, {"bpum"}, {"polri", "past_participant"},
}

var syntheticProvinces = []string{"11", "12", "31", "32", "33", "34", "35", "36", "51", "52", "61", "73", "94"}

// synthetic returns applicant i of a deterministic synthetic wave: most are
// eligible, and each rule fails for some, alone or with others.
func synthetic(i int) eligibility.Applicant {
	a := eligibility.Applicant{
		Age:               15 + (i*7)%55, // 15 to 69
		Sex:               "M",
		Citizen:           i%997 != 0,
		InFormalEducation: i%13 == 0,
		KKParticipants:    (i / 7) % 4, // 0 to 3
		Revoked:           i%501 == 0,
		DomicileProvince:  syntheticProvinces[i%len(syntheticProvinces)],
	}
	if i%2 == 1 {
		a.Sex = "F"
	}
	if k := i % 50; k < len(syntheticExclusions) {
		a.Exclusions = syntheticExclusions[k]
	}
	return a
}
