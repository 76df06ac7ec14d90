package eligibility

import (
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/interpreter"
)

// activation gives a rule the values of one applicant without building a map
// per applicant: CEL asks for each variable by its qualified name, and the
// switch answers from the struct. A pointer-shaped value, it is passed to CEL
// without an allocation of its own.
type activation struct {
	a *Applicant
}

var _ interpreter.Activation = activation{}

// noExclusions is the applicant.exclusions of an applicant on no list. CEL
// lists are immutable, so one value serves every goroutine.
var noExclusions = types.NewStringList(types.DefaultTypeAdapter, nil)

// ResolveName returns the value of the applicant variable name (see
// scheme.ApplicantVariables()), as a CEL value so that CEL need not convert it.
func (x activation) ResolveName(name string) (any, bool) {
	a := x.a
	switch name {
	case "applicant.age":
		return types.Int(a.Age), true
	case "applicant.sex":
		return types.String(a.Sex), true
	case "applicant.citizen":
		return types.Bool(a.Citizen), true
	case "applicant.in_formal_education":
		return types.Bool(a.InFormalEducation), true
	case "applicant.exclusions":
		if len(a.Exclusions) == 0 { // most applicants: share one empty list
			return noExclusions, true
		}
		return types.NewStringList(types.DefaultTypeAdapter, a.Exclusions), true
	case "applicant.kk_participants":
		return types.Int(a.KKParticipants), true
	case "applicant.revoked":
		return types.Bool(a.Revoked), true
	case "applicant.domicile_province":
		return types.String(a.DomicileProvince), true
	}
	return nil, false
}

// Parent returns nil: an applicant's variables are all there is.
func (activation) Parent() interpreter.Activation { return nil }
