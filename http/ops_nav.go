package http

import "github.com/prakerja/prakerja"

// The operator navigation (templates/ops_nav.html) shows who is signed in,
// their role, a sign-out button, and only the links their role can use:
// a link that answers 403 is noise, and hiding it tells staff what their
// role is for.

// Can reports whether the signed-in staff member may use perm (a
// prakerja.Permission string, as templates write it). Signed out, nothing.
func (p *pageBase) Can(perm string) bool {
	return p.staff.Can(prakerja.Permission(perm))
}

// SignedIn reports whether a staff member is signed in.
func (p *pageBase) SignedIn() bool { return p.staff != nil }

// StaffName is the signed-in staff member's display name, or the username
// when the account has none.
func (p *pageBase) StaffName() string {
	if p.staff == nil {
		return ""
	}
	if p.staff.DisplayName != "" {
		return p.staff.DisplayName
	}
	return p.staff.Username
}

// StaffUsername is the signed-in staff member's username.
func (p *pageBase) StaffUsername() string {
	if p.staff == nil {
		return ""
	}
	return p.staff.Username
}

// StaffRole is the signed-in staff member's role, translated.
func (p *pageBase) StaffRole() string {
	if p.staff == nil {
		return ""
	}
	return p.T("role." + string(p.staff.Role))
}
