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

// OpsHandler returns the operator pages (backlog, duplicate flags, NIK
// disputes) and /metrics. It has no sign-in of its own yet: serve it only
// on a loopback or otherwise private listener until the operator console
// with roles arrives. Forms are protected against cross-site posts like the
// public pages.
func (s *Server) OpsHandler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.opsRoutes() {
		mux.Handle(rt.pattern, rt.handler)
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
		{pattern: "GET /{$}", handler: http.RedirectHandler("/ops/", http.StatusSeeOther), perm: prakerja.PermSelf},
		page(prakerja.PermDashboard, "GET /ops/{$}", s.pageOps),
		page(prakerja.PermIdentityView, "GET /ops/flags", s.pageOpsFlags),
		page(prakerja.PermIdentityReview, "POST /ops/flags/{id}", s.pageOpsFlagReview),
		page(prakerja.PermIdentityView, "GET /ops/disputes", s.pageOpsDisputes),
		page(prakerja.PermIdentityReview, "POST /ops/disputes/{id}", s.pageOpsDisputeResolve),
		page(prakerja.PermJobsView, "GET /ops/jobs", s.pageOpsJobs),
		page(prakerja.PermMarketView, "GET /ops/market", s.pageOpsMarket),
		page(prakerja.PermPayoutView, "GET /ops/payouts", s.pageOpsPayouts),
		// staff sign-in and accounts
		// dashboards
		// registrants, audit
		// complaints
		// targeting and data-subject requests
	}
}

// opsContext bounds the store reads of one operator page.
func opsContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), opsReadTimeout)
}

// reviewForm is a reviewer's decision as posted: who, why, and the
// decision's value, checked against the limits the store keeps.
type reviewForm struct {
	ID       int64
	Decision string
	Reviewer string
	Note     string
}

// parseReviewForm reads and checks a review POST. It returns CodeNotFound
// for a malformed id (as the mux would for an unknown path) and CodeInvalid
// with Fields for a bad reviewer, note or decision.
func (s *Server) parseReviewForm(w http.ResponseWriter, r *http.Request, decisions ...string) (reviewForm, error) {
	if err := s.parseForm(w, r); err != nil {
		return reviewForm{}, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return reviewForm{}, prakerja.Errorf(prakerja.CodeNotFound, "No such item.")
	}
	f := reviewForm{ID: id, Decision: r.PostForm.Get("decision"),
		Reviewer: strings.TrimSpace(r.PostForm.Get("reviewer")), Note: strings.TrimSpace(r.PostForm.Get("note"))}
	var fields []prakerja.FieldError
	add := func(field string, code prakerja.Code) {
		fields = append(fields, prakerja.FieldError{Field: field, Code: code, Message: "Check " + field + "."})
	}
	switch {
	case f.Reviewer == "":
		add("reviewer", prakerja.CodeRequired)
	case len(f.Reviewer) > prakerja.ReviewerMax:
		add("reviewer", prakerja.CodeTooLong)
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
