package http

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// opsStore is an in-memory fake of the review and backlog reads the
// operator pages make, on top of idemStore.
type opsStore struct {
	*idemStore
	mu       sync.Mutex
	flags    []prakerja.DuplicateFlag
	disputes []prakerja.Dispute
	regs     map[int64]*prakerja.RegistrationRecord
	reasons  map[prakerja.RegistrationStatus]map[string]int64
}

func (s *opsStore) Registration(_ context.Context, id int64) (*prakerja.RegistrationRecord, error) {
	if r, ok := s.regs[id]; ok {
		return r, nil
	}
	return nil, prakerja.Errorf(prakerja.CodeNotFound, "No registration.")
}

func (s *opsStore) ReasonCounts(_ context.Context, st prakerja.RegistrationStatus) (map[string]int64, error) {
	return s.reasons[st], nil
}

func (s *opsStore) DuplicateFlags(_ context.Context, f prakerja.FlagFilter) ([]prakerja.DuplicateFlag, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []prakerja.DuplicateFlag
	for _, fl := range s.flags {
		if f.Status == "" || fl.Status == f.Status {
			out = append(out, fl)
		}
	}
	out = out[min(f.Offset, len(out)):]
	return out[:min(f.Limit, len(out))], nil
}

func (s *opsStore) ReviewFlag(_ context.Context, id int64, to prakerja.FlagStatus, reviewer, note string, now time.Time) (*prakerja.DuplicateFlag, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.flags {
		if s.flags[i].ID != id {
			continue
		}
		if s.flags[i].Status != prakerja.FlagOpen {
			return nil, prakerja.Errorf(prakerja.CodeConflict, "Flag %d is no longer open.", id)
		}
		s.flags[i].Status, s.flags[i].Reviewer, s.flags[i].Note, s.flags[i].ReviewedAt = to, reviewer, note, now
		return &s.flags[i], nil
	}
	return nil, prakerja.Errorf(prakerja.CodeNotFound, "No flag %d.", id)
}

func (s *opsStore) Disputes(_ context.Context, f prakerja.DisputeFilter) ([]prakerja.Dispute, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []prakerja.Dispute
	for _, d := range s.disputes {
		if d.ID > f.AfterID && (f.Status == "" || d.Status == f.Status) && len(out) < f.Limit {
			out = append(out, d)
		}
	}
	return out, nil
}

func (s *opsStore) ResolveDispute(_ context.Context, id int64, to prakerja.DisputeStatus, reviewer, note string, now time.Time) (*prakerja.Dispute, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.disputes {
		if s.disputes[i].ID != id {
			continue
		}
		if s.disputes[i].Status != prakerja.DisputeOpen {
			return nil, prakerja.Errorf(prakerja.CodeConflict, "Dispute %d is no longer open.", id)
		}
		s.disputes[i].Status, s.disputes[i].Reviewer, s.disputes[i].Note, s.disputes[i].ResolvedAt = to, reviewer, note, now
		return &s.disputes[i], nil
	}
	return nil, prakerja.Errorf(prakerja.CodeNotFound, "No dispute %d.", id)
}

// newOpsStore holds n open flags and n open disputes, each statement as
// long as allowed, so page sizes are tested at their worst.
func newOpsStore(n int) *opsStore {
	s := &opsStore{idemStore: newIdemStore(), regs: map[int64]*prakerja.RegistrationRecord{}}
	for i := 1; i <= 2*n; i++ {
		s.regs[int64(i)] = &prakerja.RegistrationRecord{ID: int64(i), FullName: "Siti Nur Aminah Putri Wulandari",
			BirthDate: "1990-06-05", Status: prakerja.StatusIdentityVerified}
	}
	for i := 1; i <= n; i++ {
		s.flags = append(s.flags, prakerja.DuplicateFlag{ID: int64(i), A: int64(2*i - 1), B: int64(2 * i),
			Reason: "similar_name_birth_kk", Score: 80, Status: prakerja.FlagOpen, CreatedAt: testNow})
		s.disputes = append(s.disputes, prakerja.Dispute{ID: int64(i), RegistrationID: int64(i), FullName: "Siti Aminah",
			Statement: strings.Repeat("Bukan saya. ", prakerja.StatementMax/12), Status: prakerja.DisputeOpen, CreatedAt: testNow})
	}
	s.backlog = []prakerja.BacklogRow{
		{Status: prakerja.StatusPhoneVerified, Count: 1200, Oldest: 26*time.Hour + 5*time.Minute, EnteredLastMinute: 40, EnteredLastHour: 2400},
		{Status: prakerja.StatusIneligible, Count: 3, Oldest: 90 * time.Second, EnteredLastMinute: 1, EnteredLastHour: 3},
	}
	s.reasons = map[prakerja.RegistrationStatus]map[string]int64{
		prakerja.StatusIdentityFailed: {prakerja.ReasonIdentityKKMismatch: 5, prakerja.ReasonIdentityNotFound: 9},
		prakerja.StatusIneligible:     {"age_below_minimum": 2},
	}
	return s
}

// opsEnv is a server on an opsStore; do sends through OpsHandler, signed
// in with a role that may use the route (signInFor).
type opsEnv struct {
	srv   *Server
	store *opsStore
	ops   http.Handler
}

func newOpsEnv(t *testing.T, n int) *opsEnv {
	t.Helper()
	store := newOpsStore(n)
	srv := NewServer(Config{}, Deps{Registrations: okService(), Store: store, Clock: fixedClock{testNow},
		Logger: slog.New(slog.DiscardHandler)})
	return &opsEnv{srv: srv, store: store, ops: srv.OpsHandler()}
}

func (e *opsEnv) do(req *http.Request) *httptest.ResponseRecorder {
	e.signInFor(req)
	rec := httptest.NewRecorder()
	e.ops.ServeHTTP(rec, req)
	return rec
}

// review is a decision form as the page posts it. The reviewer is the
// signed-in staff member, not a field: a posted "reviewer" is ignored.
func review(decision, reviewer string) string {
	return url.Values{"decision": {decision}, "reviewer": {reviewer}, "note": {"Kembar, dicek lewat telepon."}}.Encode()
}

// TestOpsBacklogPage renders /ops/ in both languages: every status row,
// ages in words with the WIB time, throughput, and reasons by count.
func TestOpsBacklogPage(t *testing.T) {
	t.Parallel()
	env := newOpsEnv(t, 1)
	rec := env.do(scenario{method: "GET", url: "/ops/"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{
		"Nomor HP terverifikasi", "1200", "1 hari 2 jam", "sejak 15 Apr 07:55 WIB", "2400", "1 menit 30 detik",
		messagesID["reason.identity_not_found"], "age_below_minimum", `class="attn"`,
	}, notBody: []string{"⟦"}}.check(t, rec)
	body := rec.Body.String()
	if strings.Index(body, "identity_not_found") > strings.Index(body, "identity_kk_mismatch") {
		t.Error("reasons are not ordered by count")
	}
	rec = env.do(scenario{method: "GET", url: "/ops/?lang=en"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{"Verification backlog", "1d 2h", "since 15 Apr 07:55 WIB"}}.check(t, rec)
}

// TestOpsFlags reviews flags through the page: the list masks names,
// a decision redirects with a notice, a second decision on the same flag
// is a conflict shown on the page, and the reviewer recorded is the
// signed-in staff member, whatever the form says.
func TestOpsFlags(t *testing.T) {
	t.Parallel()
	env := newOpsEnv(t, 3)
	rec := env.do(scenario{method: "GET", url: "/ops/flags"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{"S*** N** A***** P**** W********", "1990-06-05",
		messagesID["flag.similar_name_birth_kk"], `action="/ops/flags/2"`},
		notBody: []string{"Siti Nur", "⟦"}}.check(t, rec)

	rec = env.do(scenario{method: "POST", url: "/ops/flags/2", body: review("confirmed", "Budi")}.request())
	scenario{wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/ops/flags?done=2"}}.check(t, rec)
	if f := env.store.flags[1]; f.Status != prakerja.FlagConfirmed || f.Reviewer != string(prakerja.RoleVerifier) || f.Note == "" {
		t.Errorf("flag 2 = %+v", f)
	}
	rec = env.do(scenario{method: "GET", url: "/ops/flags?done=2"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{"Dugaan 2 sudah diputuskan."}, notBody: []string{`action="/ops/flags/2"`}}.check(t, rec)

	rec = env.do(scenario{method: "POST", url: "/ops/flags/2?lang=en", body: review("cleared", "Ani")}.request())
	scenario{wantStatus: http.StatusConflict, wantBody: []string{messagesEN["code.conflict"]}, notBody: []string{`name="reviewer"`}}.check(t, rec)
	rec = env.do(scenario{method: "POST", url: "/ops/flags/99", body: review("cleared", "Ani")}.request())
	scenario{wantStatus: http.StatusNotFound}.check(t, rec)
	rec = env.do(scenario{method: "POST", url: "/ops/flags/1", body: review("deleted", "Ani")}.request())
	scenario{wantStatus: http.StatusUnprocessableEntity}.check(t, rec)
	rec = env.do(scenario{method: "POST", url: "/ops/flags/1", body: review("cleared", "Ani"),
		header: map[string]string{"Sec-Fetch-Site": "cross-site"}}.request())
	scenario{wantStatus: http.StatusForbidden}.check(t, rec)
	if env.store.flags[0].Status != prakerja.FlagOpen {
		t.Error("a refused form changed flag 1")
	}
}

// TestOpsDisputes upholds and rejects disputes through the page.
func TestOpsDisputes(t *testing.T) {
	t.Parallel()
	env := newOpsEnv(t, 2)
	rec := env.do(scenario{method: "GET", url: "/ops/disputes?lang=en"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{"S*** A*****", "Bukan saya.", "2020-04-16 10:00 WIB",
		`action="/ops/disputes/1"`, "Uphold"}, notBody: []string{"⟦"}}.check(t, rec)
	rec = env.do(scenario{method: "POST", url: "/ops/disputes/1", body: review("upheld", "Budi")}.request())
	scenario{wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/ops/disputes?done=1"}}.check(t, rec)
	rec = env.do(scenario{method: "POST", url: "/ops/disputes/1", body: review("rejected", "Budi")}.request())
	scenario{wantStatus: http.StatusConflict}.check(t, rec)
	rec = env.do(scenario{method: "POST", url: "/ops/disputes/2", body: review("confirmed", "Budi")}.request())
	scenario{wantStatus: http.StatusUnprocessableEntity}.check(t, rec)
	if env.store.disputes[0].Status != prakerja.DisputeUpheld || env.store.disputes[1].Status != prakerja.DisputeOpen {
		t.Errorf("disputes = %+v", env.store.disputes)
	}
}

// TestOpsPageSizes renders each operator page with more rows than fit and
// the longest statements, and checks each stays under pageBytesMax and
// links to the next page.
func TestOpsPageSizes(t *testing.T) {
	t.Parallel()
	env := newOpsEnv(t, opsFlagRowsMax+5)
	for _, u := range []string{"/ops/", "/ops/flags?lang=en", "/ops/disputes?lang=en", "/ops/flags?offset=50"} {
		rec := env.do(scenario{method: "GET", url: u}.request())
		if rec.Code != http.StatusOK || rec.Body.Len() >= pageBytesMax {
			t.Errorf("%s: %d, %d bytes (max %d)", u, rec.Code, rec.Body.Len(), pageBytesMax)
		}
		t.Logf("%s: %d bytes", u, rec.Body.Len())
	}
	rec := env.do(scenario{method: "GET", url: "/ops/disputes"}.request())
	if want := `href="/ops/disputes?after=` + strconv.Itoa(opsDisputeRowsMax) + `"`; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("disputes page lacks %s", want)
	}
	rec = env.do(scenario{method: "GET", url: "/ops/flags"}.request())
	if want := `href="/ops/flags?offset=50"`; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("flags page lacks %s", want)
	}
}

// TestOpsHandlerMetrics checks /metrics is served on the operator handler
// with the backlog series, and the public pages are not.
func TestOpsHandlerMetrics(t *testing.T) {
	t.Parallel()
	env := newOpsEnv(t, 1)
	rec := env.do(scenario{method: "GET", url: "/metrics"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{`prakerja_backlog_registrations{status="phone_verified"} 1200`}}.check(t, rec)
	if rec := env.do(scenario{method: "GET", url: "/register"}.request()); rec.Code != http.StatusNotFound {
		t.Errorf("ops handler serves /register: %d", rec.Code)
	}
	if rec := env.do(scenario{method: "GET", url: "/"}.request()); rec.Header().Get("Location") != "/ops/" {
		t.Errorf("ops root answers %d %v, want a redirect to /ops/", rec.Code, rec.Header())
	}
}

// TestServeOps serves the operator console on a listener on every
// interface (sign-in guards it now) until the context ends: signed out, a
// page redirects to sign-in; signed in, it is served.
func TestServeOps(t *testing.T) {
	t.Parallel()
	env := newOpsEnv(t, 1)
	env.srv.staff = fakeStaff{}
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Skipf("cannot listen on all interfaces: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- env.srv.ServeOps(ctx, ln) }()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	u := "http://127.0.0.1:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port) + "/ops/flags"
	for _, tc := range []struct {
		cookie string
		want   int
	}{{"", http.StatusSeeOther}, {"role:" + string(prakerja.RoleVerifier), http.StatusOK}} {
		req, err := http.NewRequest("GET", u, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tc.cookie != "" {
			req.AddCookie(&http.Cookie{Name: "ops_session", Value: tc.cookie})
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("GET /ops/flags with %q: %d, want %d", tc.cookie, resp.StatusCode, tc.want)
		}
	}
	cancel()
	if err := <-served; err != nil {
		t.Errorf("ServeOps returned %v", err)
	}
}

// TestOpsSQLite reviews a duplicate flag and a dispute through the operator
// pages on a real SQLite store: the confirmed flag makes the later
// registration ineligible, and the backlog page then counts its reason,
// translated.
func TestOpsSQLite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := openSQLite(t)
	a := seedSQLite(t, store, "a", testNow.Add(-time.Hour))
	b := seedSQLite(t, store, "b", testNow.Add(-time.Minute))
	flag := prakerja.DuplicateFlag{A: a.ID, B: b.ID, Reason: "same_name_birth_kk", Score: 95, Status: prakerja.FlagOpen, CreatedAt: testNow}
	if _, _, err := store.CompleteWork(ctx, prakerja.StepEligibility, nil, []prakerja.DuplicateFlag{flag}, testNow); err != nil {
		t.Fatalf("seed flag: %v", err)
	}
	d := &prakerja.Dispute{NIK: a.NIK, RegistrationID: a.ID, FullName: "Budi Santoso", Phone: b.Phone,
		Statement: "NIK saya dipakai orang lain.", Status: prakerja.DisputeOpen, CreatedAt: testNow}
	if err := store.CreateDispute(ctx, d, testNow); err != nil {
		t.Fatalf("seed dispute: %v", err)
	}
	srv := NewServer(Config{}, Deps{Registrations: okService(), Store: store, Clock: fixedClock{testNow}, Logger: slog.New(slog.DiscardHandler)})
	env := &opsEnv{srv: srv, ops: srv.OpsHandler()}

	rec := env.do(scenario{method: "GET", url: "/ops/flags?lang=en"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{"S*** A*****", messagesEN["flag.same_name_birth_kk"],
		`action="/ops/flags/` + strconv.FormatInt(flagID(t, store), 10) + `"`}}.check(t, rec)
	rec = env.do(scenario{method: "POST", url: "/ops/flags/" + strconv.FormatInt(flagID(t, store), 10), body: review("confirmed", "Budi")}.request())
	scenario{wantStatus: http.StatusSeeOther}.check(t, rec)
	rec = env.do(scenario{method: "GET", url: "/ops/?lang=en"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{messagesEN["reason.duplicate_confirmed"]}}.check(t, rec)

	rec = env.do(scenario{method: "GET", url: "/ops/disputes"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{"B*** S******", "NIK saya dipakai orang lain."}}.check(t, rec)
	rec = env.do(scenario{method: "POST", url: "/ops/disputes/" + strconv.FormatInt(d.ID, 10), body: review("rejected", "Ani")}.request())
	scenario{wantStatus: http.StatusSeeOther}.check(t, rec)
	rec = env.do(scenario{method: "POST", url: "/ops/disputes/" + strconv.FormatInt(d.ID, 10), body: review("upheld", "Ani")}.request())
	scenario{wantStatus: http.StatusConflict}.check(t, rec)
}

// flagID returns the id of the one flag in store.
func flagID(t *testing.T, store prakerja.ReviewStore) int64 {
	t.Helper()
	flags, err := store.DuplicateFlags(context.Background(), prakerja.FlagFilter{Limit: 2})
	if err != nil || len(flags) != 1 {
		t.Fatalf("flags = %+v, %v; want one", flags, err)
	}
	return flags[0].ID
}
