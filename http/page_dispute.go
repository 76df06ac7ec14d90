package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registration"
)

// disputeInputs are the text inputs of the dispute form, top to bottom.
var disputeInputs = []inputSpec{
	{Name: "nik", Type: "text", InputMode: "numeric", Autocomplete: "off", Hint: true},
	{Name: "full_name", Type: "text", Autocomplete: "name", MaxLen: prakerja.FullNameMax, Hint: true},
	{Name: "phone", Type: "tel", InputMode: "tel", Autocomplete: "tel", Hint: true},
}

// disputeOrder is every field of the form, for the error summary.
var disputeOrder = []string{"nik", "full_name", "phone", "statement"}

// disputeView is the dispute form, or its confirmation once filed.
type disputeView struct {
	pageBase
	Inputs       []inputView
	Statement    inputView
	StatementMax int
	FiledID      string // set once the dispute is stored
}

// pageDispute handles GET /dispute[?filed=ID], linked from the registration
// form's nik_taken error; ?filed= is where a filed dispute lands, so that
// reloading the confirmation does not file it again.
func (s *Server) pageDispute(w http.ResponseWriter, r *http.Request) {
	v := s.disputeView(r, registration.DisputeInput{}, formErrors{})
	if id := pageOffset(r, "filed"); id > 0 {
		v.FiledID = strconv.FormatInt(id, 10)
	}
	s.render(w, r, http.StatusOK, "dispute", v)
}

// pageDisputeSubmit handles POST /dispute.
func (s *Server) pageDisputeSubmit(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	f := func(name string) string { return strings.TrimSpace(r.PostForm.Get(name)) }
	in := registration.DisputeInput{
		NIK: strings.Join(strings.Fields(r.PostForm.Get("nik")), ""), FullName: f("full_name"),
		Phone: f("phone"), Statement: f("statement"),
	}
	d, err := s.fileDispute(r, in)
	if err != nil {
		fe := s.translateError(localeFor(r), err, disputeOrder)
		s.render(w, r, pageStatus(w, err), "dispute", s.disputeView(r, in, fe))
		return
	}
	http.Redirect(w, r, "/dispute?filed="+strconv.FormatInt(d.ID, 10), http.StatusSeeOther)
}

// disputeView fills the form with the submitted values and their errors.
func (s *Server) disputeView(r *http.Request, in registration.DisputeInput, fe formErrors) *disputeView {
	v := &disputeView{pageBase: s.base(r, "dispute.heading", "/dispute"), StatementMax: prakerja.StatementMax}
	v.Summary = fe.summary
	values := map[string]string{"nik": in.NIK, "full_name": in.FullName, "phone": in.Phone}
	for _, spec := range disputeInputs {
		v.Inputs = append(v.Inputs, spec.view(v.loc, values[spec.Name], fe.byField[spec.Name]))
	}
	statement := inputSpec{Name: "statement", MaxLen: prakerja.StatementMax, Hint: true}
	v.Statement = statement.view(v.loc, in.Statement, fe.byField["statement"])
	return v
}
