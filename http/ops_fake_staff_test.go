package http

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/prakerja/prakerja"
)

// fakeStaff is a StaffService for the operator page tests that are about
// a page, not about signing in: the session token "role:<role>" is a
// signed-in account of that role, named after it. Sign-in itself, the
// role matrix and expiry are tested on the real staff.Service
// (ops_signin_test.go, ops_roles_test.go).
type fakeStaff struct{}

var _ StaffService = fakeStaff{}

// fakeStaffFor is the account behind the fake token of role r.
func fakeStaffFor(r prakerja.Role) *prakerja.Staff {
	return &prakerja.Staff{ID: int64(slices.Index(prakerja.Roles(), r) + 1), Username: string(r), Role: r}
}

func (fakeStaff) Session(_ context.Context, token string) (*prakerja.Staff, error) {
	r, ok := strings.CutPrefix(token, "role:")
	if !ok || !prakerja.Role(r).Valid() {
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in.")
	}
	return fakeStaffFor(prakerja.Role(r)), nil
}

func (fakeStaff) SignInPassword(context.Context, string, string, string) (*prakerja.StaffSignIn, error) {
	return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "fake")
}

func (fakeStaff) SignInCode(context.Context, string, string, string) (*prakerja.StaffSignIn, error) {
	return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "fake")
}

func (fakeStaff) Enrolment(context.Context, string) (*prakerja.StaffEnrolment, error) {
	return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "fake")
}

func (fakeStaff) SignOut(context.Context, string) error { return nil }

func (fakeStaff) ChangePassword(context.Context, *prakerja.Staff, string, string) error {
	return prakerja.Errorf(prakerja.CodeUnavailable, "fake")
}

func (fakeStaff) List(context.Context) ([]*prakerja.Staff, error) {
	var out []*prakerja.Staff
	for _, r := range prakerja.Roles() {
		out = append(out, fakeStaffFor(r))
	}
	return out, nil
}

func (fakeStaff) Create(context.Context, string, prakerja.NewStaff) (*prakerja.Staff, string, error) {
	return nil, "", prakerja.Errorf(prakerja.CodeUnavailable, "fake")
}

func (fakeStaff) Disable(context.Context, string, int64) error {
	return prakerja.Errorf(prakerja.CodeUnavailable, "fake")
}

func (fakeStaff) Enable(context.Context, string, int64) error {
	return prakerja.Errorf(prakerja.CodeUnavailable, "fake")
}

func (fakeStaff) ResetTOTP(context.Context, string, int64) error {
	return prakerja.Errorf(prakerja.CodeUnavailable, "fake")
}

// signInFor makes req a request of a signed-in staff member whose role may
// use the operator route req goes to (the first such role in
// prakerja.Roles order), unless req already carries a session cookie or
// the route is public. A server built without a StaffService gets
// fakeStaff, so page tests need not sign in.
func (e *opsEnv) signInFor(req *http.Request) {
	if e.srv.staff == nil {
		e.srv.staff = fakeStaff{}
	}
	if _, err := req.Cookie(e.srv.opsCookie()); err == nil {
		return
	}
	perm, ok := opsRoutePerm(e.srv, req)
	if !ok || perm == "" {
		return
	}
	for _, r := range prakerja.Roles() {
		if prakerja.RoleCan(r, perm) {
			if _, isFake := e.srv.staff.(fakeStaff); isFake {
				req.AddCookie(&http.Cookie{Name: e.srv.opsCookie(), Value: "role:" + string(r)})
			}
			return
		}
	}
}

// opsRoutePerm finds the permission of the operator route req matches.
func opsRoutePerm(s *Server, req *http.Request) (prakerja.Permission, bool) {
	mux := http.NewServeMux()
	perms := map[string]prakerja.Permission{}
	for _, rt := range s.opsRoutes() {
		mux.Handle(rt.pattern, http.NotFoundHandler())
		perms[rt.pattern] = rt.perm
	}
	_, pattern := mux.Handler(req)
	perm, ok := perms[pattern]
	return perm, ok
}
