package http

import (
	"net/http"

	"github.com/prakerja/prakerja"
)

// Password inputs of the account page. New passwords are not pre-filled
// and get autocomplete="new-password" so password managers offer to
// generate one.
var (
	currentPasswordInput = inputSpec{Name: "current_password", Type: "password", Autocomplete: "current-password", MaxLen: prakerja.StaffPasswordMax}
	newPasswordInput     = inputSpec{Name: "new_password", Type: "password", Autocomplete: "new-password", MaxLen: prakerja.StaffPasswordMax, Hint: true}
)

// opsAccountView is the signed-in staff member's own account page.
type opsAccountView struct {
	pageBase
	Username    string
	DisplayName string
	Role        string
	PartnerRef  string
	Current     inputView
	New         inputView
}

// pageOpsAccount handles GET /ops/account.
func (s *Server) pageOpsAccount(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "ops_account", s.opsAccountView(r, formErrors{}))
}

func (s *Server) opsAccountView(r *http.Request, fe formErrors) *opsAccountView {
	st := staffFrom(r.Context())
	v := &opsAccountView{pageBase: s.base(r, "ops.account.heading", "/ops/account")}
	v.Summary = fe.summary
	if st != nil {
		v.Username, v.DisplayName, v.PartnerRef = st.Username, st.DisplayName, st.PartnerRef
		v.Role = v.T("role." + string(st.Role))
	}
	v.Current = currentPasswordInput.view(v.loc, "", fe.byField["current_password"])
	v.New = newPasswordInput.view(v.loc, "", fe.byField["new_password"])
	return v
}

// pageOpsAccountPassword handles POST /ops/account/password. A changed
// password ends every session of the account, this one included, so the
// next step is signing in with it.
func (s *Server) pageOpsAccountPassword(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	st := staffFrom(r.Context())
	err := s.staff.ChangePassword(r.Context(), st, r.PostForm.Get("current_password"), r.PostForm.Get("new_password"))
	if err != nil {
		if prakerja.ErrorCode(err) == prakerja.CodeUnauthorized {
			err = &prakerja.Error{Code: prakerja.CodeInvalid, Message: "The current password is wrong.",
				Fields: []prakerja.FieldError{{Field: "current_password", Code: prakerja.CodeBadValue, Message: "Wrong password."}}}
		}
		if prakerja.ErrorCode(err) != prakerja.CodeInvalid {
			s.fail(w, r, err)
			return
		}
		fe := s.translateError(localeFor(r), err, []string{"current_password", "new_password"})
		s.render(w, r, pageStatus(w, err), "ops_account", s.opsAccountView(r, fe))
		return
	}
	s.clearOpsCookie(w)
	http.Redirect(w, r, "/ops/login?changed=1", http.StatusSeeOther)
}
