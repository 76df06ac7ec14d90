package http

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/registration"
)

// Test fixtures: personal data that must never reach a log.
const (
	testNIK      = "3171014506900001"
	testKK       = "3171010101150002"
	testEmail    = "siti.aminah@example.com"
	testPhone    = "+6281234567890"
	testToken    = "sess-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
	testLinkTok  = "link-Zm9vYmFyYmF6cXV4c2VjcmV0"
	testOTP      = "123456"
	testLoginID  = "lg_8f14e45fceea167a"
	testDistrict = "31.71.01"
)

// testNow is the fixed clock of every test: 10:00 WIB.
var testNow = time.Date(2020, 4, 16, 3, 0, 0, 0, time.UTC)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// testRegistration is a registrant with every field set.
func testRegistration(status prakerja.RegistrationStatus) *prakerja.Registration {
	return &prakerja.Registration{
		ID: 42, FullName: "Siti Aminah", Email: testEmail, Phone: testPhone, NIK: testNIK, KK: testKK,
		BirthDate: time.Date(1990, 6, 5, 0, 0, 0, 0, time.UTC), Sex: "F", DomicileDistrict: testDistrict,
		Status: status, EmailVerifiedAt: testNow, CreatedAt: testNow, UpdatedAt: testNow,
	}
}

// idemStore is an in-memory fake of the Store's idempotency methods and
// Ping, with the semantics the Store contract documents. Other Store
// methods are not used by this package and panic (nil embedded interface).
type idemStore struct {
	prakerja.Store
	mu      sync.Mutex
	records map[string]prakerja.IdempotentResponse
	pingErr error
	pingFor time.Duration
	begins  int
	backlog []prakerja.BacklogRow
	// beginAs, when set, answers BeginIdempotent as if a record existed.
	beginAs func(hash []byte) *prakerja.IdempotentResponse
}

func newIdemStore() *idemStore { return &idemStore{records: map[string]prakerja.IdempotentResponse{}} }

func (s *idemStore) Ping(ctx context.Context) error {
	if s.pingFor > 0 {
		select {
		case <-time.After(s.pingFor):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return s.pingErr
}

func (s *idemStore) BeginIdempotent(_ context.Context, key string, hash []byte, now time.Time, ttl time.Duration) (*prakerja.IdempotentResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.begins++
	if s.beginAs != nil {
		return s.beginAs(hash), nil
	}
	rec, ok := s.records[key]
	if !ok || (rec.Status == 0 && now.Sub(rec.CreatedAt) > ttl) {
		s.records[key] = prakerja.IdempotentResponse{Key: key, RequestHash: hash, CreatedAt: now}
		return nil, nil
	}
	return &rec, nil
}

// Backlog answers the backlog collector's scrape: one empty row per status
// unless a test set rows.
func (s *idemStore) Backlog(context.Context, time.Time) ([]prakerja.BacklogRow, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.backlog != nil {
		return s.backlog, nil
	}
	var rows []prakerja.BacklogRow
	for _, st := range prakerja.Statuses() {
		rows = append(rows, prakerja.BacklogRow{Status: st})
	}
	return rows, nil
}

func (s *idemStore) FinishIdempotent(_ context.Context, r *prakerja.IdempotentResponse) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.records[r.Key] = *r
	return nil
}

// syncBuffer collects log output from parallel handlers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testEnv is one server with its fakes and captured logs.
type testEnv struct {
	srv   *Server
	svc   *mock.RegistrationService
	store *idemStore
	logs  *syncBuffer
	reg   *prometheus.Registry
	// disputes is the dispute service the server was built with.
	disputes *disputeFake
	// waves is the wave store the server was built with.
	waves *waveFake
	// tests and statusChecks are the online-test and status-check fakes.
	tests        *testsFake
	statusChecks *statusFake
	// views answers the survey and incentive routes and pages.
	views *viewsFake
	// market answers the marketplace routes and pages.
	market *marketFake
	// payout answers the payout account routes and /rekening.
	payout *payoutFake
}

// newTestEnv builds a ready server around svc (a fresh fake when nil).
func newTestEnv(tb testing.TB, svc *mock.RegistrationService) *testEnv {
	tb.Helper()
	if svc == nil {
		svc = &mock.RegistrationService{}
	}
	env := &testEnv{svc: svc, store: newIdemStore(), logs: &syncBuffer{}, reg: prometheus.NewRegistry(), disputes: &disputeFake{svc: svc}, waves: newWaveFake(),
		tests: &testsFake{}, statusChecks: &statusFake{}, views: &viewsFake{}, market: &marketFake{},
		payout: &payoutFake{}}
	env.srv = NewServer(Config{BaseURL: "https://prakerja.example", SecureCookies: true}, Deps{
		Registrations: svc,
		Store:         env.store,
		Logger:        slog.New(slog.NewJSONHandler(env.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Clock:         fixedClock{testNow},
		Metrics:       env.reg,
		Disputes:      env.disputes,
		Waves:         env.waves,
		Tests:         env.tests,
		StatusChecks:  env.statusChecks,
		Views:         env.views,
		Market:        env.market,
		Payout:        env.payout,
		Partners:      partnerFake{},
		Nominations:   &nominationsFake{},
		Complaints:    complaintsFake{},
		DataRequests:  dataRequestsFake{},
	})
	env.srv.SetReady(true)
	return env
}

// do sends one request through the full handler chain.
func (e *testEnv) do(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	e.srv.Handler().ServeHTTP(rec, req)
	return rec
}

// scenario is one declarative HTTP test case: a request, how to set up the
// fake service, and what the answer must and must not contain.
type scenario struct {
	name       string
	method     string
	url        string
	header     map[string]string // "Content-Type": "" sends none
	body       string
	session    bool // send the test session cookie
	setup      func(*mock.RegistrationService)
	wantStatus int
	wantType   string            // Content-Type prefix
	wantHeader map[string]string // exact values; "" = must be absent
	wantBody   []string
	notBody    []string
}

// request builds the scenario's request.
func (sc scenario) request() *http.Request {
	var body io.Reader
	if sc.body != "" {
		body = strings.NewReader(sc.body)
	}
	req := httptest.NewRequest(sc.method, sc.url, body)
	if sc.body != "" {
		if strings.HasPrefix(sc.url, "/api/") {
			req.Header.Set("Content-Type", "application/json")
		} else {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	for k, v := range sc.header {
		if v == "" {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, v)
	}
	if sc.session {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: testToken})
	}
	return req
}

// run executes the scenario on a fresh server and checks the answer.
func (sc scenario) run(t *testing.T) (*testEnv, *httptest.ResponseRecorder) {
	t.Helper()
	svc := &mock.RegistrationService{}
	if sc.session {
		withSession(svc, prakerja.StatusEmailVerified)
	}
	if sc.setup != nil {
		sc.setup(svc)
	}
	env := newTestEnv(t, svc)
	rec := env.do(sc.request())
	sc.check(t, rec)
	return env, rec
}

func (sc scenario) check(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	body := rec.Body.String()
	if rec.Code != sc.wantStatus {
		t.Errorf("status = %d, want %d; body: %s", rec.Code, sc.wantStatus, body)
	}
	if ct := rec.Header().Get("Content-Type"); sc.wantType != "" && !strings.HasPrefix(ct, sc.wantType) {
		t.Errorf("Content-Type = %q, want %q", ct, sc.wantType)
	}
	for k, want := range sc.wantHeader {
		if got := rec.Header().Get(k); got != want {
			t.Errorf("header %s = %q, want %q", k, got, want)
		}
	}
	for _, s := range sc.wantBody {
		if !strings.Contains(body, s) {
			t.Errorf("body lacks %q; body: %s", s, body)
		}
	}
	for _, s := range sc.notBody {
		if strings.Contains(body, s) {
			t.Errorf("body contains %q; body: %s", s, body)
		}
	}
}

// runScenarios runs each scenario as a parallel subtest.
func runScenarios(t *testing.T, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			sc.run(t)
		})
	}
}

// withSession makes testToken a valid session of registration 42.
func withSession(svc *mock.RegistrationService, status prakerja.RegistrationStatus) {
	svc.AuthenticateFn = func(_ context.Context, tok string) (*prakerja.Registration, error) {
		if tok != testToken {
			return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Session expired.")
		}
		return &prakerja.Registration{ID: 42, Status: status}, nil
	}
	svc.RegistrationFn = func(_ context.Context, id int64) (*prakerja.Registration, error) {
		return testRegistration(status), nil
	}
}

// okService answers every method successfully, as a happy path.
func okService() *mock.RegistrationService {
	svc := &mock.RegistrationService{}
	withSession(svc, prakerja.StatusEmailVerified)
	tok := &prakerja.SessionToken{Token: testToken, ExpiresAt: testNow.Add(24 * time.Hour)}
	svc.RegisterFn = func(context.Context, prakerja.RegisterInput, prakerja.Client) (*prakerja.Registration, error) {
		return testRegistration(prakerja.StatusRegistered), nil
	}
	svc.ConfirmEmailFn = func(context.Context, string) (*prakerja.Registration, *prakerja.SessionToken, error) {
		return testRegistration(prakerja.StatusEmailVerified), tok, nil
	}
	svc.SendPhoneOTPFn = func(context.Context, int64, prakerja.Client) (time.Time, error) {
		return testNow.Add(5 * time.Minute), nil
	}
	svc.VerifyPhoneFn = func(context.Context, int64, string) (*prakerja.Registration, error) {
		return testRegistration(prakerja.StatusPhoneVerified), nil
	}
	svc.StartLoginFn = func(context.Context, string, prakerja.Client) (*prakerja.Login, error) {
		return &prakerja.Login{ID: testLoginID, Channel: prakerja.ChannelSMS, ExpiresAt: testNow.Add(5 * time.Minute)}, nil
	}
	svc.FinishLoginFn = func(context.Context, string, string) (*prakerja.Registration, *prakerja.SessionToken, error) {
		return testRegistration(prakerja.StatusPhoneVerified), tok, nil
	}
	svc.LogoutFn = func(context.Context, string) error { return nil }
	return svc
}

// failingService returns err from every method except Authenticate, so
// session routes reach their handler.
func failingService(err error) *mock.RegistrationService {
	svc := &mock.RegistrationService{}
	withSession(svc, prakerja.StatusEmailVerified)
	svc.RegisterFn = func(context.Context, prakerja.RegisterInput, prakerja.Client) (*prakerja.Registration, error) {
		return nil, err
	}
	svc.ConfirmEmailFn = func(context.Context, string) (*prakerja.Registration, *prakerja.SessionToken, error) {
		return nil, nil, err
	}
	svc.SendPhoneOTPFn = func(context.Context, int64, prakerja.Client) (time.Time, error) { return time.Time{}, err }
	svc.VerifyPhoneFn = func(context.Context, int64, string) (*prakerja.Registration, error) { return nil, err }
	svc.StartLoginFn = func(context.Context, string, prakerja.Client) (*prakerja.Login, error) { return nil, err }
	svc.FinishLoginFn = func(context.Context, string, string) (*prakerja.Registration, *prakerja.SessionToken, error) {
		return nil, nil, err
	}
	svc.LogoutFn = func(context.Context, string) error { return err }
	svc.RegistrationFn = func(context.Context, int64) (*prakerja.Registration, error) { return nil, err }
	return svc
}

// merge returns a copy of a with b's entries added.
func merge(a, b map[string]string) map[string]string {
	out := maps.Clone(a)
	if out == nil {
		out = map[string]string{}
	}
	maps.Copy(out, b)
	return out
}

// newRecorder serves req on srv.
func newRecorder(srv *Server, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	return rec
}

// ioNopCloser wraps a reader as a request body.
func ioNopCloser(r io.Reader) io.ReadCloser { return io.NopCloser(r) }

func stringsReader(s string) io.Reader { return strings.NewReader(s) }

// disputeFake files disputes. Unless fn is set it answers like the
// registration fake's Logout (nil for okService, the error for
// failingService), so the scenario helpers drive it as well.
type disputeFake struct {
	svc *mock.RegistrationService
	fn  func(context.Context, registration.DisputeInput, prakerja.Client) (*prakerja.Dispute, error)
}

func (f *disputeFake) FileDispute(ctx context.Context, in registration.DisputeInput, c prakerja.Client) (*prakerja.Dispute, error) {
	if f.fn != nil {
		return f.fn(ctx, in, c)
	}
	if f.svc.LogoutFn != nil {
		if err := f.svc.LogoutFn(ctx, ""); err != nil {
			return nil, err
		}
	}
	return &prakerja.Dispute{ID: 7, Status: prakerja.DisputeOpen, CreatedAt: testNow}, nil
}
