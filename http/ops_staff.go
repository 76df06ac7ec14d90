package http

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/prakerja/prakerja"
)

// opsStaffView lists the console accounts with the forms to create one,
// disable one or reset its TOTP (PermStaffManage).
type opsStaffView struct {
	pageBase
	Rows        []staffRowView
	Roles       []roleOption
	Username    inputView
	DisplayName inputView
	PartnerRef  inputView
	RoleErr     string
	// Created and Password are shown once, right after creation: the
	// password is never stored in clear and cannot be shown again.
	Created  string
	Password string
}

// staffRowView is one account row.
type staffRowView struct {
	ID          int64
	Username    string
	DisplayName string
	Role        string
	PartnerRef  string
	State       string
	Disabled    bool
	Self        bool
}

// roleOption is one choice of the role select.
type roleOption struct {
	Value    string
	Label    string
	Selected bool
}

var (
	staffUsernameInput    = inputSpec{Name: "username", Type: "text", Autocomplete: "off", MaxLen: prakerja.StaffUsernameMax, Hint: true}
	staffDisplayNameInput = inputSpec{Name: "display_name", Type: "text", Autocomplete: "off", MaxLen: prakerja.StaffDisplayNameMax}
	staffPartnerInput     = inputSpec{Name: "partner_ref", Type: "text", Autocomplete: "off", MaxLen: prakerja.StaffPartnerRefMax, Hint: true}
)

// pageOpsStaff handles GET /ops/staff[?done=…].
func (s *Server) pageOpsStaff(w http.ResponseWriter, r *http.Request) {
	v, err := s.opsStaffView(r, prakerja.NewStaff{}, formErrors{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "disabled":
		v.Flash = v.T("ops.staff.disabled_done")
	case "totp":
		v.Flash = v.T("ops.staff.totp_done")
	case "enabled":
		v.Flash = v.T("ops.staff.enabled_done")
	}
	s.render(w, r, http.StatusOK, "ops_staff", v)
}

func (s *Server) opsStaffView(r *http.Request, n prakerja.NewStaff, fe formErrors) (*opsStaffView, error) {
	ctx, cancel := opsContext(r)
	defer cancel()
	list, err := s.staff.List(ctx)
	if err != nil {
		return nil, err
	}
	v := &opsStaffView{pageBase: s.base(r, "ops.staff.heading", "/ops/staff")}
	v.Wide, v.Summary, v.RoleErr = true, fe.summary, fe.byField["role"]
	me := staffFrom(r.Context())
	for _, st := range list {
		row := staffRowView{ID: st.ID, Username: st.Username, DisplayName: st.DisplayName, PartnerRef: st.PartnerRef,
			Role: v.T("role." + string(st.Role)), Disabled: st.Disabled, Self: me != nil && me.ID == st.ID}
		switch {
		case st.Disabled:
			row.State = v.T("ops.staff.state_disabled")
		case st.Locked(s.clock.Now()):
			row.State = v.T("ops.staff.state_locked")
		case !st.TOTPConfirmed:
			row.State = v.T("ops.staff.state_enrol")
		default:
			row.State = v.T("ops.staff.state_active")
		}
		v.Rows = append(v.Rows, row)
	}
	for _, role := range prakerja.Roles() {
		v.Roles = append(v.Roles, roleOption{Value: string(role), Label: v.T("role." + string(role)), Selected: role == n.Role})
	}
	v.Username = staffUsernameInput.view(v.loc, n.Username, fe.byField["username"])
	v.DisplayName = staffDisplayNameInput.view(v.loc, n.DisplayName, fe.byField["display_name"])
	v.PartnerRef = staffPartnerInput.view(v.loc, n.PartnerRef, fe.byField["partner_ref"])
	return v, nil
}

// pageOpsStaffCreate handles POST /ops/staff: a new account with a
// generated password, shown once on the answer.
func (s *Server) pageOpsStaffCreate(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	n := prakerja.NewStaff{Username: strings.TrimSpace(r.PostForm.Get("username")),
		DisplayName: strings.TrimSpace(r.PostForm.Get("display_name")),
		Role:        prakerja.Role(r.PostForm.Get("role")), PartnerRef: strings.TrimSpace(r.PostForm.Get("partner_ref"))}
	st, password, err := s.staff.Create(r.Context(), staffFrom(r.Context()).Username, n)
	if err != nil {
		switch prakerja.ErrorCode(err) {
		case prakerja.CodeInvalid, prakerja.CodeConflict:
		default:
			s.fail(w, r, err)
			return
		}
		fe := s.translateError(localeFor(r), err, []string{"username", "display_name", "role", "partner_ref"})
		v, lerr := s.opsStaffView(r, n, fe)
		if lerr != nil {
			s.fail(w, r, lerr)
			return
		}
		s.render(w, r, pageStatus(w, err), "ops_staff", v)
		return
	}
	v, err := s.opsStaffView(r, prakerja.NewStaff{}, formErrors{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Created, v.Password = st.Username, password
	s.render(w, r, http.StatusOK, "ops_staff", v)
}

// pageOpsStaffDisable handles POST /ops/staff/{id}/disable.
func (s *Server) pageOpsStaffDisable(w http.ResponseWriter, r *http.Request) {
	s.opsStaffAction(w, r, "disabled", s.staff.Disable)
}

// pageOpsStaffEnable handles POST /ops/staff/{id}/enable.
func (s *Server) pageOpsStaffEnable(w http.ResponseWriter, r *http.Request) {
	s.opsStaffAction(w, r, "enabled", s.staff.Enable)
}

// pageOpsStaffResetTOTP handles POST /ops/staff/{id}/reset-totp.
func (s *Server) pageOpsStaffResetTOTP(w http.ResponseWriter, r *http.Request) {
	s.opsStaffAction(w, r, "totp", s.staff.ResetTOTP)
}

// opsStaffAction runs one account action by the signed-in operator and
// returns to the list.
func (s *Server) opsStaffAction(w http.ResponseWriter, r *http.Request, done string,
	act func(ctx context.Context, actor string, id int64) error) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeNotFound, "No such account."))
		return
	}
	if err := act(r.Context(), staffFrom(r.Context()).Username, id); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/ops/staff?done="+done, http.StatusSeeOther)
}
