package onlinetest

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// order returns the question ids and, per question, the option texts of a.
func order(a Attempt) []string {
	var out []string
	for _, it := range a.Items {
		opts := make([]string, 0, len(it.Options))
		for _, o := range it.Options {
			opts = append(opts, o.Text.EN)
		}
		out = append(out, it.QuestionID+":"+strings.Join(opts, "|"))
	}
	return out
}

func TestStartDeterministic(t *testing.T) {
	t.Parallel()
	b := Builtin()
	a1 := Start(b, "reg-1", 1, t0, testSeed(1))
	a2 := Start(b, "reg-1", 1, t0, testSeed(1))
	if diff := cmp.Diff(a1, a2); diff != "" {
		t.Fatalf("same arguments, different attempts (-first +second):\n%s", diff)
	}
	// Pinned: a change here breaks the recomputation of stored attempts and
	// needs a new drawLabel.
	want := []string{"num-11", "num-01", "num-08", "num-10", "num-04", "num-03", "num-09", "num-02"}
	var got []string
	for _, it := range a1.Items[:8] {
		got = append(got, it.QuestionID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("first draw = %q, want %q", got, want)
	}
	for _, other := range []Attempt{
		Start(b, "reg-1", 1, t0, testSeed(2)),
		Start(b, "reg-2", 1, t0, testSeed(1)),
		Start(b, "reg-1", 2, t0, testSeed(1)),
	} {
		if slices.Equal(order(a1), order(other)) {
			t.Errorf("attempt %s/%d draws the same as reg-1/1", other.RegistrationID, other.No)
		}
	}
}

func TestStartShape(t *testing.T) {
	t.Parallel()
	b := Builtin()
	a := Start(b, "reg-1", 1, t0.Add(1500e6), testSeed(3))
	if !a.StartedAt.Equal(t0.Add(1e9)) || !a.Deadline.Equal(t0.Add(1e9).Add(b.Rules.TimeLimit)) {
		t.Errorf("started %v, deadline %v; want truncated to the second", a.StartedAt, a.Deadline)
	}
	if len(a.Items) != b.Rules.QuestionsPerAttempt {
		t.Fatalf("%d items, want %d", len(a.Items), b.Rules.QuestionsPerAttempt)
	}
	perSection := map[string]int{}
	seen := map[string]bool{}
	for _, it := range a.Items {
		perSection[it.Section]++
		if seen[it.QuestionID] {
			t.Errorf("question %s drawn twice", it.QuestionID)
		}
		seen[it.QuestionID] = true
		if it.Kind == KindLikert {
			for i, o := range it.Options {
				if *o.Points != i {
					t.Errorf("%s: likert option %d has %d points; the scale must keep its order", it.QuestionID, i, *o.Points)
				}
			}
		}
	}
	for _, s := range b.Sections {
		if perSection[s.ID] != s.Draw {
			t.Errorf("section %s: %d items, want %d", s.ID, perSection[s.ID], s.Draw)
		}
	}
}

// TestStartSpread checks that over many attempts every question is drawn
// and the correct option lands in every position.
func TestStartSpread(t *testing.T) {
	t.Parallel()
	b := Builtin()
	drawn := map[string]int{}
	correctAt := map[int]int{}
	for n := range 400 {
		a := Start(b, "reg", 1, t0, testSeed(byte(n)))
		for _, it := range a.Items {
			drawn[it.QuestionID]++
			for i, o := range it.Options {
				if o.Correct {
					correctAt[i]++
				}
			}
		}
	}
	if len(drawn) != len(b.Questions) {
		t.Errorf("%d of %d questions drawn in 400 attempts", len(drawn), len(b.Questions))
	}
	for i := range 4 {
		if correctAt[i] < 400*14/4/2 { // expected 1400 per position
			t.Errorf("correct option at position %d only %d times: %v", i, correctAt[i], correctAt)
		}
	}
}

func TestViewHasNoAnswerKey(t *testing.T) {
	t.Parallel()
	a := Start(Builtin(), "reg-1", 1, t0, testSeed(1))
	v := a.View()
	if len(v.Questions) != len(a.Items) || len(v.Questions[0].Options) != len(a.Items[0].Options) {
		t.Fatalf("view has %d questions, want %d", len(v.Questions), len(a.Items))
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"correct"`, `"points"`, `"seed"`, `"registration_id"`} {
		if strings.Contains(string(data), key) {
			t.Errorf("view JSON holds %s", key)
		}
	}
	checkNoKeyFields(t, reflect.TypeOf(v), "View")
}

// checkNoKeyFields walks a type and fails on any field that could carry the
// answer key, so that a field added to View later cannot leak it.
func checkNoKeyFields(t *testing.T, typ reflect.Type, path string) {
	t.Helper()
	switch typ.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		checkNoKeyFields(t, typ.Elem(), path+"[]")
	case reflect.Struct:
		if typ == reflect.TypeOf(Option{}) || typ == reflect.TypeOf(Item{}) || typ == reflect.TypeOf(Seed{}) {
			t.Errorf("%s is a %s, which carries the answer key", path, typ.Name())
			return
		}
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Name == "Correct" || f.Name == "Points" || f.Name == "Seed" {
				t.Errorf("%s.%s could carry the answer key", path, f.Name)
			}
			checkNoKeyFields(t, f.Type, path+"."+f.Name)
		}
	}
}

func TestAttemptJSONRoundTrip(t *testing.T) {
	t.Parallel()
	a := Start(Builtin(), "reg-1", 1, t0, testSeed(1))
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back Attempt
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
