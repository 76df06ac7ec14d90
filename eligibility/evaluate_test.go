package eligibility_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/eligibility"
	"github.com/prakerja/prakerja/scheme"
)

// codes returns the reason codes of d, in order.
func codes(d eligibility.Decision) []string {
	var out []string
	for _, r := range d.Reasons {
		out = append(out, r.Code)
	}
	return out
}

// TestEvaluateBuiltins runs every built-in rule alone and in combination,
// for both schemes: an applicant is ineligible exactly when a reason is
// given, and every failing rule is given, in the scheme's order.
func TestEvaluateBuiltins(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(a *eligibility.Applicant)
		in2020 []string // reason codes under the 2020 scheme; nil = eligible
		in2023 []string
	}{
		{name: "OK", edit: func(*eligibility.Applicant) {}},
		{name: "OKAge18", edit: func(a *eligibility.Applicant) { a.Age = 18 }},
		{name: "OKAge64", edit: func(a *eligibility.Applicant) { a.Age = 64 }},
		{name: "OKBansosRecipient", edit: func(a *eligibility.Applicant) { a.Exclusions = []string{"pkh", "bpnt", "dtks"} }},
		{name: "OKOneInKK", edit: func(a *eligibility.Applicant) { a.KKParticipants = 1 }},
		{name: "ErrNotCitizen", edit: func(a *eligibility.Applicant) { a.Citizen = false },
			in2020: []string{"not_citizen"}, in2023: []string{"not_citizen"}},
		{name: "ErrAge17", edit: func(a *eligibility.Applicant) { a.Age = 17 },
			in2020: []string{"age_below_minimum"}, in2023: []string{"age_below_minimum"}},
		{name: "ErrAgeNegative", edit: func(a *eligibility.Applicant) { a.Age = -1 },
			in2020: []string{"age_below_minimum"}, in2023: []string{"age_below_minimum"}},
		{name: "ErrAge65", edit: func(a *eligibility.Applicant) { a.Age = 65 }, in2023: []string{"age_above_maximum"}},
		{name: "ErrAge90", edit: func(a *eligibility.Applicant) { a.Age = 90 }, in2023: []string{"age_above_maximum"}},
		{name: "ErrInFormalEducation", edit: func(a *eligibility.Applicant) { a.InFormalEducation = true },
			in2020: []string{"in_formal_education"}, in2023: []string{"in_formal_education"}},
		{name: "ErrPastParticipant", edit: func(a *eligibility.Applicant) { a.Exclusions = []string{"past_participant"} },
			in2020: []string{"excluded_group"}, in2023: []string{"excluded_group"}},
		{name: "ErrASNAndBansos", edit: func(a *eligibility.Applicant) { a.Exclusions = []string{"pkh", "asn"} },
			in2020: []string{"excluded_group"}, in2023: []string{"excluded_group"}},
		{name: "ErrKKFull", edit: func(a *eligibility.Applicant) { a.KKParticipants = 2 },
			in2023: []string{"kk_limit_reached"}},
		{name: "ErrKKOverFull", edit: func(a *eligibility.Applicant) { a.KKParticipants = 7 },
			in2023: []string{"kk_limit_reached"}},
		{name: "ErrRevoked", edit: func(a *eligibility.Applicant) { a.Revoked = true },
			in2020: []string{"revoked_before"}, in2023: []string{"revoked_before"}},
		{name: "ErrStudentOf16", edit: func(a *eligibility.Applicant) { a.Age, a.InFormalEducation = 16, true },
			in2020: []string{"age_below_minimum", "in_formal_education"},
			in2023: []string{"age_below_minimum", "in_formal_education"}},
		{name: "ErrRevokedASNOver64", edit: func(a *eligibility.Applicant) {
			a.Age, a.Revoked, a.Exclusions = 70, true, []string{"asn"}
		}, in2020: []string{"excluded_group", "revoked_before"},
			in2023: []string{"age_above_maximum", "excluded_group", "revoked_before"}},
		{name: "ErrEverything", edit: func(a *eligibility.Applicant) {
			*a = eligibility.Applicant{Age: 99, InFormalEducation: true, Exclusions: []string{"polri"},
				KKParticipants: 2, Revoked: true}
		}, in2020: []string{"not_citizen", "in_formal_education", "excluded_group", "revoked_before"},
			in2023: []string{"not_citizen", "age_above_maximum", "in_formal_education", "excluded_group",
				"kk_limit_reached", "revoked_before"}},
	}
	evaluators := map[string]*eligibility.Evaluator{
		"2020": mustCompile(t, mustBuiltin(t, "2020")),
		"2023": mustCompile(t, mustBuiltin(t, "2023")),
	}
	for _, tc := range tests {
		for name, want := range map[string][]string{"2020": tc.in2020, "2023": tc.in2023} {
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				t.Parallel()
				a := eligible()
				tc.edit(&a)
				d := evaluators[name].Evaluate(a)
				if diff := cmp.Diff(want, codes(d)); diff != "" {
					t.Errorf("reasons (-want +got):\n%s", diff)
				}
				if d.Eligible != (len(want) == 0) {
					t.Errorf("Eligible = %v with reasons %v", d.Eligible, codes(d))
				}
				if len(d.Errors) != 0 {
					t.Errorf("Errors = %v", d.Errors)
				}
			})
		}
	}
}

// TestEvaluateEveryExcludedCategory checks each category of the built-in
// schemes alone, and that the bansos lists exclude nobody in 2020 and 2023.
func TestEvaluateEveryExcludedCategory(t *testing.T) {
	t.Parallel()
	for _, name := range scheme.BuiltinNames() {
		s := mustBuiltin(t, name)
		ev := mustCompile(t, s)
		for _, c := range scheme.CategoryNames() {
			a := eligible()
			a.Exclusions = []string{c}
			want := slices.Contains(s.Eligibility.ExcludedCategories, c)
			if got := !ev.Evaluate(a).Eligible; got != want {
				t.Errorf("%s: category %s: excluded = %v, want %v", name, c, got, want)
			}
		}
	}
}

// TestEvaluateMessages checks what the registrant reads, in both
// languages, with the scheme's numbers in place of the placeholders.
func TestEvaluateMessages(t *testing.T) {
	t.Parallel()
	ev := mustCompile(t, mustBuiltin(t, "2023"))
	a := eligible()
	a.Age, a.KKParticipants = 70, 2
	got := ev.Evaluate(a).Reasons
	want := []eligibility.Reason{
		{Code: "age_above_maximum",
			MessageID: "Usia Anda di atas 64 tahun pada tanggal acuan gelombang.",
			MessageEN: "You are over 64 years old on the wave's reference date."},
		{Code: "kk_limit_reached",
			MessageID: "Sudah ada 2 peserta dari Kartu Keluarga (KK) Anda.",
			MessageEN: "Your family card (KK) already has 2 participants."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	a = eligible()
	a.Age = 17
	if got, want := ev.Evaluate(a).Reasons[0].MessageID, "Usia Anda di bawah 18 tahun pada tanggal acuan gelombang."; got != want {
		t.Errorf("MessageID = %q, want %q", got, want)
	}
	for _, name := range scheme.BuiltinNames() {
		for _, r := range mustCompile(t, mustBuiltin(t, name)).Reasons() {
			if r.MessageID == "" || r.MessageEN == "" || strings.ContainsAny(r.MessageID+r.MessageEN, "{}") {
				t.Errorf("%s: reason %+v: a message is missing or holds a placeholder", name, r)
			}
		}
	}
}

// TestDecisionJSON pins what an API would show: reasons with both
// messages; never the operator's errors.
func TestDecisionJSON(t *testing.T) {
	t.Parallel()
	d := eligibility.Decision{Reasons: []eligibility.Reason{{Code: "x", MessageID: "i", MessageEN: "e"}},
		Errors: []eligibility.RuleError{{Code: "x", Err: errors.New("secret detail")}}}
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(data), `{"eligible":false,"reasons":[{"code":"x","message_id":"i","message_en":"e"}]}`; got != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
}

// customScheme returns the 2023 scheme with rules replaced by rules, each
// with a made-up message. Rules must still read the scheme's limits.
func customScheme(t *testing.T, rules ...string) *scheme.Scheme {
	t.Helper()
	s := mustBuiltin(t, "2023")
	s.Eligibility.Rules = s.Eligibility.Rules[:0]
	for i, expr := range rules {
		s.Eligibility.Rules = append(s.Eligibility.Rules, scheme.Rule{Code: "rule_" + string(rune('a'+i)),
			Require: expr, Message: scheme.Message{ID: "pesan", EN: "message"}})
	}
	return s
}

// limits reads every limit of the 2023 scheme, so that a custom scheme
// passes the "a stated limit is read" check.
const limits = "applicant.age >= scheme.min_age && applicant.age <= scheme.max_age && " +
	"applicant.kk_participants < scheme.max_participants_per_kk && " +
	"applicant.exclusions.all(c, !(c in scheme.excluded_categories))"

// TestEvaluateOtherVariables uses the variables the built-in rules do not
// read: a wave for women in two provinces.
func TestEvaluateOtherVariables(t *testing.T) {
	t.Parallel()
	ev := mustCompile(t, customScheme(t, limits,
		`applicant.sex == "F" && applicant.domicile_province in ["31", "32"]`))
	tests := []struct {
		name     string
		sex      string
		province string
		want     bool
	}{
		{"OKWomanInJabar", "F", "32", true},
		{"ErrMan", "M", "32", false},
		{"ErrOtherProvince", "F", "33", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := eligible()
			a.Sex, a.DomicileProvince = tc.sex, tc.province
			if got := ev.Evaluate(a).Eligible; got != tc.want {
				t.Errorf("Eligible = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestEvaluateFailsClosed checks that a rule which cannot be evaluated (an
// index out of range here, the cost limit below) makes the applicant
// ineligible with the rule's reason, and reports the error.
func TestEvaluateFailsClosed(t *testing.T) {
	t.Parallel()
	ev := mustCompile(t, customScheme(t, limits, `applicant.exclusions[0] != "asn"`))
	d := ev.Evaluate(eligible()) // no exclusions: index 0 is out of range
	if d.Eligible || !slices.Equal(codes(d), []string{"rule_b"}) {
		t.Fatalf("decision = %+v, want ineligible by rule_b", d)
	}
	if len(d.Errors) != 1 || d.Errors[0].Code != "rule_b" || !strings.Contains(d.Errors[0].Error(), "index") {
		t.Errorf("Errors = %v, want the index error of rule_b", d.Errors)
	}
}

// TestEvaluateCostLimit gives an applicant more exclusions than the cost
// estimate assumes: a rule that loops over them twice is stopped by the cost
// limit instead of running long, and fails closed.
func TestEvaluateCostLimit(t *testing.T) {
	t.Parallel()
	ev := mustCompile(t, customScheme(t, limits,
		"applicant.exclusions.all(x, x in applicant.exclusions)"))
	a := eligible()
	for range scheme.ApplicantExclusionsMax {
		a.Exclusions = append(a.Exclusions, "pkh")
	}
	if d := ev.Evaluate(a); !d.Eligible {
		t.Fatalf("within the estimate: decision = %+v, want eligible", d)
	}
	for range 1000 {
		a.Exclusions = append(a.Exclusions, "pkh")
	}
	d := ev.Evaluate(a)
	if d.Eligible || !slices.Equal(codes(d), []string{"rule_b"}) {
		t.Fatalf("decision = %+v, want ineligible by rule_b", d)
	}
	if len(d.Errors) != 1 || !strings.Contains(d.Errors[0].Error(), "cost limit exceeded") {
		t.Errorf("Errors = %v, want the cost limit", d.Errors)
	}
}

// TestCompileRefusesInvalidScheme checks that a scheme built in code with a
// bad rule is refused as the file would be.
func TestCompileRefusesInvalidScheme(t *testing.T) {
	t.Parallel()
	_, err := eligibility.Compile(customScheme(t, limits, "applicant.age"))
	var e *prakerja.Error
	if !errors.As(err, &e) || e.Code != prakerja.CodeSchemeInvalid {
		t.Fatalf("err = %v, want %s", err, prakerja.CodeSchemeInvalid)
	}
	if want := "eligibility.rules[1].require: must be a condition"; !strings.Contains(e.Message, want) {
		t.Errorf("message %q lacks %q", e.Message, want)
	}
}

// TestEvaluateConcurrent evaluates one synthetic wave from many goroutines
// at once (run with -race) and compares with one goroutine's answers.
func TestEvaluateConcurrent(t *testing.T) {
	t.Parallel()
	const n, goroutines = 2000, 8
	ev := mustCompile(t, mustBuiltin(t, "2023"))
	want := make([]eligibility.Decision, n)
	for i := range want {
		want[i] = ev.Evaluate(synthetic(i))
	}
	got := make([][]eligibility.Decision, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		got[g] = make([]eligibility.Decision, n)
		wg.Go(func() {
			for k := range n {
				i := (k + g*n/goroutines) % n // start apart, so goroutines overlap on every rule
				got[g][i] = ev.Evaluate(synthetic(i))
			}
		})
	}
	wg.Wait()
	eligibleSeen, ineligibleSeen := false, false
	for i := range want {
		eligibleSeen = eligibleSeen || want[i].Eligible
		ineligibleSeen = ineligibleSeen || !want[i].Eligible
		for g := range goroutines {
			if diff := cmp.Diff(want[i], got[g][i]); diff != "" {
				t.Fatalf("applicant %d, goroutine %d (-want +got):\n%s", i, g, diff)
			}
		}
	}
	if !eligibleSeen || !ineligibleSeen {
		t.Errorf("the synthetic wave should hold eligible and ineligible applicants")
	}
}
