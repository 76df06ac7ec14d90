package http

import (
	"net/http"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registration"
)

// statusCheckInputs are the inputs of /cek-status. The NIK input is never
// filled back in: the page must not echo a NIK, not even the one typed.
var statusCheckInputs = []inputSpec{
	{Name: "nik", Type: "text", InputMode: "numeric", Autocomplete: "off", MaxLen: 16, Hint: true},
	{Name: "birth_date", Type: "date", Autocomplete: "bday", Hint: true},
}

// statusCheckOrder is every field of the form, for the error summary.
var statusCheckOrder = []string{"nik", "birth_date"}

// statusCheckView is the form and, after a check, the status word alone.
type statusCheckView struct {
	pageBase
	Inputs []inputView
	Status string // the translated status word; "" before a check
}

// pageStatusCheck handles GET /cek-status.
func (s *Server) pageStatusCheck(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "status_check", s.statusCheckView(r, "", formErrors{}))
}

// pageStatusCheckSubmit handles POST /cek-status. It answers on the same
// page (200), no redirect: a redirect would have to carry the result in
// its URL.
func (s *Server) pageStatusCheckSubmit(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	in := registration.StatusCheckInput{NIK: strings.Join(strings.Fields(r.PostForm.Get("nik")), ""),
		BirthDate: strings.TrimSpace(r.PostForm.Get("birth_date"))}
	st, err := s.checkStatus(r, in)
	if err != nil {
		fe := s.translateError(localeFor(r), err, statusCheckOrder)
		s.render(w, r, pageStatus(w, err), "status_check", s.statusCheckView(r, in.BirthDate, fe))
		return
	}
	v := s.statusCheckView(r, "", formErrors{})
	v.Status = v.T("public." + string(st))
	s.render(w, r, http.StatusOK, "status_check", v)
}

// statusCheckView builds the form with the birth date given back, never
// the NIK.
func (s *Server) statusCheckView(r *http.Request, birth string, fe formErrors) *statusCheckView {
	v := &statusCheckView{pageBase: s.base(r, "status_check.heading", "/cek-status")}
	v.Summary = fe.summary
	values := map[string]string{"birth_date": birth}
	for _, spec := range statusCheckInputs {
		v.Inputs = append(v.Inputs, spec.view(v.loc, values[spec.Name], fe.byField[spec.Name]))
	}
	return v
}

// publicStatusKeys lists the message key of every public status, so a
// test can hold the translations complete.
var publicStatusKeys = []prakerja.PublicStatus{
	prakerja.PublicRegistered, prakerja.PublicVerified, prakerja.PublicNotEligible, prakerja.PublicInSelection,
	prakerja.PublicUnderEvaluation, prakerja.PublicSelected, prakerja.PublicNotSelected,
}
