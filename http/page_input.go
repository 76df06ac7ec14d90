package http

// inputSpec describes one text input: its type and the hints a phone
// keyboard and autofill need.
type inputSpec struct {
	Name         string
	Type         string
	InputMode    string
	Autocomplete string
	MaxLen       int
	Hint         bool // has a "hint.<name>" text
}

// inputView is an input ready to render: translated label, hint and error,
// and the value to show again.
type inputView struct {
	inputSpec
	ID          string
	Label       string
	HintText    string
	Value       string
	Err         string
	DescribedBy string
}

// view renders spec in loc with the submitted value and its error.
func (spec inputSpec) view(loc locale, value, errMsg string) inputView {
	v := inputView{inputSpec: spec, ID: spec.Name, Label: loc.T("field." + spec.Name), Value: value, Err: errMsg}
	if spec.Hint {
		v.HintText = loc.T("hint." + spec.Name)
		v.DescribedBy = spec.Name + "-hint"
	}
	if errMsg != "" {
		v.DescribedBy = joinIDs(v.DescribedBy, spec.Name+"-error")
	}
	return v
}

func joinIDs(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// codeInput is the one-time code field: numeric keyboard, SMS autofill,
// and never pre-filled (a code is not shown back).
var codeInput = inputSpec{Name: "code", Type: "text", InputMode: "numeric", Autocomplete: "one-time-code", MaxLen: 6, Hint: true}
