package http

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// Operator page bounds. A page must stay under 100 KB on a slow link, and a
// dispute row carries up to prakerja.StatementMax bytes of statement, so
// disputes are paged more finely than flags.
const (
	opsFlagRowsMax    = 50
	opsDisputeRowsMax = 20
	opsReadTimeout    = 10 * time.Second
)

// OpsHandler returns the operator console and /metrics. Every route but
// the sign-in steps needs a staff session (username, password and TOTP;
// see ops_auth.go) whose role holds the route's permission (opsGuard):
// signed-out pages redirect to /ops/login, signed-out API calls and
// /metrics get 401 (/metrics also takes the scrape token), and a role
// without the permission gets 403. Forms are protected against cross-site
// posts like the public pages, and the session cookie is SameSite=Strict.
func (s *Server) OpsHandler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.opsRoutes() {
		mux.Handle(rt.pattern, s.opsGuard(rt))
	}
	return s.recoverPanics(s.observe(mux))
}

// opsRoutes lists the operator endpoints, each with the permission it
// needs (prakerja.RoleCan decides who holds it).
func (s *Server) opsRoutes() []route {
	page := func(perm prakerja.Permission, pattern string, h http.HandlerFunc) route {
		return route{pattern: pattern, handler: s.pageHandler(h), page: true, perm: perm}
	}
	return []route{
		{pattern: "GET /metrics", handler: http.HandlerFunc(s.serveMetrics), perm: prakerja.PermMetrics},
		{pattern: "GET /{$}", handler: http.HandlerFunc(s.opsRoot), page: true, perm: prakerja.PermSelf},
		page(prakerja.PermDashboard, "GET /ops/{$}", s.pageOps),
		page(prakerja.PermIdentityView, "GET /ops/flags", s.pageOpsFlags),
		page(prakerja.PermIdentityReview, "POST /ops/flags/{id}", s.pageOpsFlagReview),
		page(prakerja.PermIdentityView, "GET /ops/disputes", s.pageOpsDisputes),
		page(prakerja.PermIdentityReview, "POST /ops/disputes/{id}", s.pageOpsDisputeResolve),
		page(prakerja.PermJobsView, "GET /ops/jobs", s.pageOpsJobs),
		page(prakerja.PermMarketView, "GET /ops/market", s.pageOpsMarket),
		page(prakerja.PermPayoutView, "GET /ops/payouts", s.pageOpsPayouts),
		page(prakerja.PermPayoutPrepare, "POST /ops/payouts/prepare", s.pageOpsPayoutPrepare),
		page(prakerja.PermPayoutApprove, "POST /ops/payouts/runs/{id}/approve", s.pageOpsPayoutApprove),
		page(prakerja.PermPayoutApprove, "POST /ops/payouts/runs/{id}/refuse", s.pageOpsPayoutRefuse),
		// partner portals
		page(prakerja.PermPlatformOwn, "GET /ops/platform", s.pageOpsPlatform),
		page(prakerja.PermNominationOwn, "GET /ops/institution", s.pageOpsInstitution),
		page(prakerja.PermNominationOwn, "POST /ops/institution", s.pageOpsInstitution),
		page(prakerja.PermNominationOwn, "POST /ops/institution/upload", s.pageOpsInstitutionUpload),
		// staff sign-in and accounts
		s.opsPublic("GET /ops/login", s.pageOpsLogin),
		s.opsPublic("POST /ops/login", s.pageOpsLoginSubmit),
		s.opsPublic("GET /ops/login/code", s.pageOpsLoginCodeForm),
		s.opsPublic("POST /ops/login/code", s.pageOpsLoginCode),
		s.opsPublic("GET /ops/enrol", s.pageOpsEnrol),
		s.opsPublic("GET /ops/enrol/qr", s.pageOpsEnrolQR),
		s.opsPublic("POST /ops/enrol", s.pageOpsLoginCode),
		s.opsPublic("POST /ops/logout", s.pageOpsLogout),
		page(prakerja.PermSelf, "GET /ops/account", s.pageOpsAccount),
		page(prakerja.PermSelf, "POST /ops/account/password", s.pageOpsAccountPassword),
		page(prakerja.PermStaffManage, "GET /ops/staff", s.pageOpsStaff),
		page(prakerja.PermStaffManage, "POST /ops/staff", s.pageOpsStaffCreate),
		page(prakerja.PermStaffManage, "POST /ops/staff/{id}/disable", s.pageOpsStaffDisable),
		page(prakerja.PermStaffManage, "POST /ops/staff/{id}/enable", s.pageOpsStaffEnable),
		page(prakerja.PermStaffManage, "POST /ops/staff/{id}/reset-totp", s.pageOpsStaffResetTOTP),
		// dashboards
		page(prakerja.PermDashboard, "GET /ops/dashboard", s.pageOpsDashboard),
		page(prakerja.PermDashboard, "GET /ops/dashboard/waves/{id}", s.pageOpsDashboardWave),
		// registrants, audit
		page(prakerja.PermRegistrantView, "GET /ops/registrants", s.pageOpsRegistrants),
		page(prakerja.PermRegistrantView, "POST /ops/registrants", s.pageOpsRegistrantsSearch),
		page(prakerja.PermRegistrantView, "GET /ops/registrants/{id}", s.pageOpsRegistrant),
		page(prakerja.PermRegistrantView, "POST /ops/registrants/{id}/reveal", s.pageOpsRegistrantReveal),
		page(prakerja.PermAuditView, "GET /ops/audit", s.pageOpsAudit),
		page(prakerja.PermAuditView, "POST /ops/audit/verify", s.pageOpsAuditVerify),
		// complaints
		page(prakerja.PermComplaintView, "GET /ops/complaints", s.pageOpsComplaints),
		page(prakerja.PermComplaintView, "GET /ops/complaints/{id}", s.pageOpsComplaint),
		page(prakerja.PermComplaintWork, "POST /ops/complaints/{id}", s.pageOpsComplaintAct),
		// targeting and data-subject requests
		page(prakerja.PermTargetingView, "GET /ops/targeting", s.pageOpsTargeting),
		page(prakerja.PermTargetingView, "POST /ops/targeting/export-aggregate", s.pageOpsTargetingExportAggregate),
		page(prakerja.PermTargetingExport, "POST /ops/targeting/export-individual", s.pageOpsTargetingExportIndividual),
		page(prakerja.PermDataRequestView, "GET /ops/data-requests", s.pageOpsDataRequests),
		page(prakerja.PermDataRequestView, "GET /ops/data-requests/{id}", s.pageOpsDataRequest),
		page(prakerja.PermDataRequestWork, "POST /ops/data-requests/{id}", s.pageOpsDataRequestAnswer),
	}
}

// opsContext bounds the store reads of one operator page.
func opsContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), opsReadTimeout)
}

// reviewForm is a reviewer's decision as posted: why, and the decision's
// value, checked against the limits the store keeps; who is the signed-in
// staff member, never a form field.
type reviewForm struct {
	ID       int64
	Decision string
	Reviewer string
	Note     string
}

// parseReviewForm reads and checks a review POST. It returns CodeNotFound
// for a malformed id (as the mux would for an unknown path),
// CodeUnauthorized without a signed-in staff member, and CodeInvalid with
// Fields for a bad note or decision.
func (s *Server) parseReviewForm(w http.ResponseWriter, r *http.Request, decisions ...string) (reviewForm, error) {
	if err := s.parseForm(w, r); err != nil {
		return reviewForm{}, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return reviewForm{}, prakerja.Errorf(prakerja.CodeNotFound, "No such item.")
	}
	st := staffFrom(r.Context())
	if st == nil {
		return reviewForm{}, prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in.")
	}
	f := reviewForm{ID: id, Decision: r.PostForm.Get("decision"), Reviewer: st.Username,
		Note: strings.TrimSpace(r.PostForm.Get("note"))}
	var fields []prakerja.FieldError
	add := func(field string, code prakerja.Code) {
		fields = append(fields, prakerja.FieldError{Field: field, Code: code, Message: "Check " + field + "."})
	}
	if len(f.Note) > prakerja.NoteMax {
		add("note", prakerja.CodeTooLong)
	}
	if !slices.Contains(decisions, f.Decision) {
		add("decision", prakerja.CodeBadValue)
	}
	if len(fields) > 0 {
		return f, &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Some fields are not valid.", Fields: fields}
	}
	return f, nil
}

// pageOffset reads a non-negative paging parameter; anything else is 0.
func pageOffset(r *http.Request, name string) int64 {
	n, err := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
