package http

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/jobs"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/storetest"
)

// TestSurveysSQLite runs the survey and incentive routes on a real store
// and the real jobs.Service: before the first training nothing is open,
// once the review scheduled the incentives the page shows their dates in
// WIB, and a survey answered too early is refused with survey_not_open.
func TestSurveysSQLite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := openSQLite(t)
	w, ids := storetest.MustParticipants(t, store, 1)
	id := ids[0]
	sch, err := scheme.Builtin("2020")
	if err != nil {
		t.Fatal(err)
	}
	sch = sch.Clone()
	if sch.ProgrammeEnd, err = scheme.ParseDate("2025-12-15"); err != nil {
		t.Fatal(err)
	}
	now := storetest.T0
	if err := store.EnqueueJobs(ctx, prakerja.IncentiveJobs(id, w.ID, 4, 30, now), now); err != nil {
		t.Fatal(err)
	}
	svc := &mock.RegistrationService{AuthenticateFn: func(_ context.Context, tok string) (*prakerja.Registration, error) {
		if tok != testToken {
			return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Session expired.")
		}
		return &prakerja.Registration{ID: id, Status: prakerja.StatusSelected}, nil
	}}
	srv := NewServer(Config{}, Deps{Registrations: svc, Store: store, Clock: fixedClock{now},
		Logger: slog.New(slog.DiscardHandler), Views: jobs.NewService(store, sch)})
	do := func(sc scenario) {
		t.Helper()
		sc.session = true
		rec := httpDo(srv, sc.request())
		sc.check(t, rec)
	}
	do(scenario{method: "GET", url: "/api/v1/me/surveys", wantStatus: http.StatusOK,
		wantBody: []string{`"state":"waiting"`}, notBody: []string{`"state":"open"`}})
	do(scenario{method: "POST", url: "/api/v1/me/surveys/1", body: `{"employment":"employed","usefulness":5,"income_change":"same"}`,
		wantStatus: http.StatusConflict, wantBody: []string{`"code":"survey_not_open"`}})
	due := now.AddDate(0, 0, 30).In(prakerja.WIB).Format("02-01-2006")
	do(scenario{method: "GET", url: "/insentif", wantStatus: http.StatusOK,
		wantBody: []string{"Terjadwal pada " + due + " WIB", "Rp 2.400.000"}})
}

// httpDo sends one request through srv's full handler chain.
func httpDo(srv *Server, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	return rec
}
