package eligibility

import (
	"testing"

	"cel.dev/cel-go/common/types/ref"

	"github.com/prakerja/prakerja/scheme"
)

// TestActivationCoversVariables keeps the activation and the variables the
// scheme declares in step: every declared variable resolves, with a value
// of its declared type, and nothing else does.
func TestActivationCoversVariables(t *testing.T) {
	t.Parallel()
	a := Applicant{Exclusions: []string{"asn"}}
	act := activation{a: &a}
	for _, v := range scheme.ApplicantVariables() {
		got, ok := act.ResolveName(v.Name)
		if !ok {
			t.Errorf("%s: not resolved", v.Name)
			continue
		}
		val, isVal := got.(ref.Val)
		if !isVal {
			t.Errorf("%s: resolved to %T, want a CEL value", v.Name, got)
			continue
		}
		if gotType, wantType := val.Type().TypeName(), v.Type.TypeName(); gotType != wantType {
			t.Errorf("%s: type %s, want %s", v.Name, gotType, wantType)
		}
	}
	for _, name := range []string{"applicant", "applicant.nik", "scheme.min_age"} {
		if _, ok := act.ResolveName(name); ok {
			t.Errorf("%s: resolved, want unknown", name)
		}
	}
	if act.Parent() != nil {
		t.Errorf("Parent() = %v, want nil", act.Parent())
	}
}
