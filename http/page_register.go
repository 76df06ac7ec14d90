package http

import (
	"net/http"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
)

// registerInputs are the text inputs of the registration form, top to
// bottom. NIK and KK get a numeric keyboard but no autofill: browsers have
// no such field and would offer a phone number. Phone, NIK and KK have no
// maxlength: a pasted "3171 0145 …" or "+62 812-…" would be cut silently;
// the server strips the spaces or says what is wrong.
var registerInputs = []inputSpec{
	{Name: "full_name", Type: "text", Autocomplete: "name", MaxLen: prakerja.FullNameMax, Hint: true},
	{Name: "email", Type: "email", InputMode: "email", Autocomplete: "email", MaxLen: prakerja.EmailMax},
	{Name: "phone", Type: "tel", InputMode: "tel", Autocomplete: "tel", Hint: true},
	{Name: "nik", Type: "text", InputMode: "numeric", Autocomplete: "off", Hint: true},
	{Name: "kk", Type: "text", InputMode: "numeric", Autocomplete: "off", Hint: true},
	{Name: "birth_date", Type: "date", Autocomplete: "bday", Hint: true},
}

// registerOrder is every field of the form, for the error summary.
var registerOrder = []string{"full_name", "email", "phone", "nik", "kk", "birth_date", "sex", "domicile_district",
	"work_impact", "targeting_consent"}

// registerView is the registration form.
type registerView struct {
	pageBase
	Inputs    []inputView
	Sex       inputView
	District  inputView
	Province  string
	Provinces []nik.Region
	Regencies []regencyGroup
	// DisputeLink offers the dispute form when the NIK is taken: the
	// registrant may be the victim of someone who registered their NIK.
	DisputeLink bool
	// WorkImpact, Impacts and Consent are the targeting question and the
	// explicit consent box (page_register_targeting.go).
	WorkImpact inputView
	Impacts    []prakerja.WorkImpact
	Consent    bool
	Notice     string
}

// regencyGroup is one <optgroup> of the district select.
type regencyGroup struct {
	nik.Region
	Districts []nik.Region
}

// pageRegister handles GET /register[?province=PP]. Choosing the province
// is a plain GET round-trip (no JavaScript); the district select then lists
// that province's districts grouped by regency.
func (s *Server) pageRegister(w http.ResponseWriter, r *http.Request) {
	v := s.registerView(r, r.URL.Query().Get("province"), prakerja.RegisterInput{}, formErrors{})
	s.render(w, r, http.StatusOK, "register", v)
}

// pageRegisterSubmit handles POST /register.
func (s *Server) pageRegisterSubmit(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	in := registerInputFrom(r)
	province := r.PostForm.Get("province")
	_, err := s.regs.Register(r.Context(), in, s.client(r))
	if err != nil {
		fe := s.translateError(localeFor(r), err, registerOrder)
		v := s.registerView(r, province, in, fe)
		v.DisputeLink = prakerja.ErrorCode(err) == prakerja.CodeNIKTaken
		s.render(w, r, pageStatus(w, err), "register", v)
		return
	}
	http.Redirect(w, r, "/register/sent", http.StatusSeeOther)
}

// registerInputFrom reads the form with surrounding spaces trimmed, which
// phone keyboards add after autocompletion. NIK and KK also lose inner
// spaces: people copy them from a card in groups of four.
func registerInputFrom(r *http.Request) prakerja.RegisterInput {
	f := func(name string) string { return strings.TrimSpace(r.PostForm.Get(name)) }
	digits := func(name string) string { return strings.Join(strings.Fields(r.PostForm.Get(name)), "") }
	return prakerja.RegisterInput{
		FullName: f("full_name"), Email: f("email"), Phone: f("phone"), NIK: digits("nik"), KK: digits("kk"),
		BirthDate: f("birth_date"), Sex: f("sex"), DomicileDistrict: f("domicile_district"),
		WorkImpact: f("work_impact"), TargetingConsent: r.PostForm.Get("targeting_consent") == "yes",
	}
}

// registerView fills the form with the submitted values and their errors.
func (s *Server) registerView(r *http.Request, province string, in prakerja.RegisterInput, fe formErrors) *registerView {
	if province == "" && len(in.DomicileDistrict) >= 2 {
		province = in.DomicileDistrict[:2]
	}
	if _, ok := nik.LookupProvince(province); !ok {
		province = ""
	}
	self := "/register"
	if province != "" {
		self += "?province=" + province
	}
	v := &registerView{pageBase: s.base(r, "register.heading", self), Province: province, Provinces: nik.Provinces()}
	v.Summary = fe.summary
	values := map[string]string{
		"full_name": in.FullName, "email": in.Email, "phone": in.Phone,
		"nik": in.NIK, "kk": in.KK, "birth_date": in.BirthDate,
	}
	for _, spec := range registerInputs {
		v.Inputs = append(v.Inputs, spec.view(v.loc, values[spec.Name], fe.byField[spec.Name]))
	}
	v.Sex = inputView{Value: in.Sex, Err: fe.byField["sex"]}
	v.District = inputView{Value: in.DomicileDistrict, Err: fe.byField["domicile_district"]}
	v.WorkImpact = inputView{Value: in.WorkImpact, Err: fe.byField["work_impact"]}
	v.Impacts, v.Consent, v.Notice = prakerja.WorkImpacts, in.TargetingConsent, prakerja.TargetingNoticeVersion
	if province != "" {
		for _, reg := range nik.Regencies(province) {
			v.Regencies = append(v.Regencies, regencyGroup{Region: reg, Districts: nik.Districts(reg.Code)})
		}
	}
	return v
}

// pageRegisterSent handles GET /register/sent: "check your e-mail". The
// address is not in the URL (it would reach logs and browser history).
func (s *Server) pageRegisterSent(w http.ResponseWriter, r *http.Request) {
	v := s.base(r, "sent.heading", "/register/sent")
	s.render(w, r, http.StatusOK, "register_sent", &v)
}
