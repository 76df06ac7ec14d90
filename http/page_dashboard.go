package http

import (
	"fmt"
	"net/http"

	"github.com/prakerja/prakerja"
)

// dashboardView shows where the registrant stands and their own data,
// masked (the screen of a shared or borrowed phone is not private).
type dashboardView struct {
	pageBase
	StatusKey  string
	NeedsPhone bool
	FullName   string
	NIK        string
	Email      string
	Phone      string
	District   string
	// Reasons say why the registration failed identity or eligibility.
	Reasons []reasonJSON
	// Waves are the waves on offer or joined; ShowWaves is false when the
	// server has no wave store, so the section is left out entirely.
	Waves     []waveView
	ShowWaves bool
	// TestLink offers the online test: eligible, not passed yet.
	TestLink bool
}

// pageDashboard handles GET /dashboard.
func (s *Server) pageDashboard(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	reg, err := s.regs.Registration(r.Context(), sess.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := districtOf(reg.DomicileDistrict)
	v := &dashboardView{
		pageBase:   s.base(r, "dashboard.heading", "/dashboard"),
		StatusKey:  "status." + string(reg.Status),
		NeedsPhone: reg.Status == prakerja.StatusEmailVerified,
		FullName:   reg.FullName,
		NIK:        maskNIK(reg.NIK),
		Email:      maskEmail(reg.Email),
		Phone:      maskPhone(reg.Phone),
		District:   d.Name,
	}
	v.Reasons = s.reasonsOf(v.loc, reg)
	if v.Waves, err = s.dashboardWaves(r, reg); err != nil {
		s.fail(w, r, err)
		return
	}
	v.ShowWaves = s.waves != nil
	if v.TestLink, err = s.needsTest(r, reg); err != nil {
		s.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("joined") == "1" {
		v.Flash = v.T("wave.joined_ok")
	}
	if d.Name == "" {
		v.District = d.Code
	}
	s.render(w, r, http.StatusOK, "dashboard", v)
}

// needsTest reports whether the dashboard should link to the online
// test: the registrant is eligible and has not passed it.
func (s *Server) needsTest(r *http.Request, reg *prakerja.Registration) (bool, error) {
	if s.tests == nil || reg.Status != prakerja.StatusEligible {
		return false, nil
	}
	st, err := s.tests.TestStatus(r.Context(), reg.ID)
	if err != nil {
		return false, err
	}
	return !st.Passed, nil
}

// pageLogout handles POST /logout: revoke the session on the server, drop
// the cookie, and confirm on the login page.
func (s *Server) pageLogout(w http.ResponseWriter, r *http.Request) {
	if tok := sessionToken(r); tok != "" {
		if err := s.regs.Logout(r.Context(), tok); err != nil {
			s.fail(w, r, fmt.Errorf("logout: %w", err))
			return
		}
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/login?out=1", http.StatusSeeOther)
}
