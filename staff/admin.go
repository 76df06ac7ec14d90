package staff

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
)

// Create makes an account for n, by actor (a username, or the command
// that ran it). An empty n.Password is generated and returned, to be
// shown once; a given one is checked and returned empty. Returns
// CodeInvalid with Fields, CodeConflict for a taken username.
func (s *Service) Create(ctx context.Context, actor string, n prakerja.NewStaff) (*prakerja.Staff, string, error) {
	n.Username = prakerja.NormalizeUsername(n.Username)
	n.DisplayName, n.PartnerRef = strings.TrimSpace(n.DisplayName), strings.TrimSpace(n.PartnerRef)
	if err := validNew(n); err != nil {
		return nil, "", err
	}
	generated := ""
	if n.Password == "" {
		generated = GeneratePassword()
		n.Password = generated
	} else if err := checkPassword("password", n.Password); err != nil {
		return nil, "", err
	}
	h, err := s.hash(ctx, n.Password)
	if err != nil {
		return nil, "", err
	}
	st := &prakerja.Staff{Username: n.Username, DisplayName: n.DisplayName, Role: n.Role, PartnerRef: n.PartnerRef,
		PasswordHash: h, CreatedAt: s.now()}
	if err := s.store.CreateStaff(ctx, st); err != nil {
		if prakerja.ErrorCode(err) == prakerja.CodeConflict {
			return nil, "", fieldError("username", prakerja.CodeBadValue, "This username is taken.")
		}
		return nil, "", err
	}
	detail := map[string]string{"role": string(st.Role)}
	if st.PartnerRef != "" {
		detail["partner"] = st.PartnerRef
	}
	if err := s.audit(ctx, actor, prakerja.AuditStaffCreated, st.Subject(), detail); err != nil {
		return nil, "", err
	}
	return st, generated, nil
}

// validNew checks a new account's fields. Platform and institution staff
// must name their partner; programme staff must not, so a partner account
// can never be mistaken for a PMO one.
func validNew(n prakerja.NewStaff) error {
	var fields []prakerja.FieldError
	add := func(field string, code prakerja.Code, msg string) {
		fields = append(fields, prakerja.FieldError{Field: field, Code: code, Message: msg})
	}
	switch {
	case n.Username == "":
		add("username", prakerja.CodeRequired, "Choose a username.")
	case len(n.Username) > prakerja.StaffUsernameMax:
		add("username", prakerja.CodeTooLong, "The username is too long.")
	case !prakerja.ValidUsername(n.Username):
		add("username", prakerja.CodeBadFormat, "Use lower-case letters, digits, '.', '_' or '-', starting with a letter.")
	}
	if len(n.DisplayName) > prakerja.StaffDisplayNameMax || !utf8.ValidString(n.DisplayName) {
		add("display_name", prakerja.CodeTooLong, "The display name is too long.")
	}
	if !n.Role.Valid() {
		add("role", prakerja.CodeBadValue, "Choose a role.")
	}
	partner := n.Role == prakerja.RolePlatform || n.Role == prakerja.RoleInstitution
	switch {
	case partner && n.PartnerRef == "":
		add("partner_ref", prakerja.CodeRequired, "Platform and institution staff name their partner.")
	case !partner && n.PartnerRef != "":
		add("partner_ref", prakerja.CodeBadValue, "Only platform and institution staff have a partner.")
	case len(n.PartnerRef) > prakerja.StaffPartnerRefMax:
		add("partner_ref", prakerja.CodeTooLong, "The partner reference is too long.")
	}
	if len(fields) > 0 {
		return &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Some fields are not valid.", Fields: fields}
	}
	return nil
}

func fieldError(field string, code prakerja.Code, msg string) error {
	return &prakerja.Error{Code: prakerja.CodeInvalid, Message: msg,
		Fields: []prakerja.FieldError{{Field: field, Code: code, Message: msg}}}
}

// List lists the accounts by username.
func (s *Service) List(ctx context.Context) ([]*prakerja.Staff, error) { return s.store.ListStaff(ctx) }

// ByUsername returns one account. Returns CodeNotFound.
func (s *Service) ByUsername(ctx context.Context, username string) (*prakerja.Staff, error) {
	return s.store.StaffByUsername(ctx, prakerja.NormalizeUsername(username))
}

// Disable disables account id and ends its sessions. Returns CodeNotFound,
// or CodeConflict for the actor's own account (an operator locking
// themselves out by mistake would need the command line to recover).
func (s *Service) Disable(ctx context.Context, actor string, id int64) error {
	st, err := s.store.StaffByID(ctx, id)
	if err != nil {
		return err
	}
	if st.Username == actor {
		return prakerja.Errorf(prakerja.CodeConflict, "You cannot disable your own account.")
	}
	if err := s.store.SetStaffDisabled(ctx, id, true, s.now()); err != nil {
		return err
	}
	return s.audit(ctx, actor, prakerja.AuditStaffDisabled, st.Subject(), nil)
}

// Enable lets a disabled account sign in again. Its authenticator is
// reset too, so whoever holds the account proves it afresh at the next
// sign-in: a disabled account's phone may be the reason it was disabled.
// Returns CodeNotFound.
func (s *Service) Enable(ctx context.Context, actor string, id int64) error {
	st, err := s.store.StaffByID(ctx, id)
	if err != nil {
		return err
	}
	if err := s.store.SetStaffTOTP(ctx, id, nil, s.now()); err != nil {
		return err
	}
	if err := s.store.SetStaffDisabled(ctx, id, false, s.now()); err != nil {
		return err
	}
	return s.audit(ctx, actor, prakerja.AuditStaffEnabled, st.Subject(), nil)
}

// ResetTOTP clears account id's authenticator and ends its sessions; the
// account enrols a new one at its next sign-in. Returns CodeNotFound.
func (s *Service) ResetTOTP(ctx context.Context, actor string, id int64) error {
	st, err := s.store.StaffByID(ctx, id)
	if err != nil {
		return err
	}
	if err := s.store.SetStaffTOTP(ctx, id, nil, s.now()); err != nil {
		return err
	}
	return s.audit(ctx, actor, prakerja.AuditStaffTOTPReset, st.Subject(), nil)
}

// ResetPassword gives account id a new generated password (returned, to
// be shown once), ends its sessions and clears its lockout count. Returns
// CodeNotFound.
func (s *Service) ResetPassword(ctx context.Context, actor string, id int64) (string, error) {
	st, err := s.store.StaffByID(ctx, id)
	if err != nil {
		return "", err
	}
	password := GeneratePassword()
	h, err := s.hash(ctx, password)
	if err != nil {
		return "", err
	}
	if err := s.store.SetStaffPassword(ctx, id, h, s.now()); err != nil {
		return "", err
	}
	if err := s.store.ResetStaffFailures(ctx, id, s.now()); err != nil {
		return "", err
	}
	return password, s.audit(ctx, actor, prakerja.AuditStaffPasswordReset, st.Subject(), nil)
}

// ChangePassword replaces st's own password after checking the current
// one, and ends all its sessions. Returns CodeUnauthorized for a wrong
// current password (counted towards the lockout), CodeInvalid for a new
// one that is too short, too long or unchanged.
func (s *Service) ChangePassword(ctx context.Context, st *prakerja.Staff, oldPassword, newPassword string) error {
	if err := checkPassword("new_password", newPassword); err != nil {
		return err
	}
	cur, err := s.store.StaffByID(ctx, st.ID)
	if err != nil {
		return err
	}
	ok, err := s.matches(ctx, oldPassword, cur.PasswordHash)
	if err != nil {
		return err
	}
	if !ok {
		return s.fail(ctx, cur, "wrong_password_change")
	}
	if oldPassword == newPassword {
		return fieldError("new_password", prakerja.CodeBadValue, "Choose a password different from the current one.")
	}
	h, err := s.hash(ctx, newPassword)
	if err != nil {
		return err
	}
	if err := s.store.SetStaffPassword(ctx, cur.ID, h, s.now()); err != nil {
		return err
	}
	return s.audit(ctx, cur.Username, prakerja.AuditStaffPasswordSet, cur.Subject(), nil)
}
