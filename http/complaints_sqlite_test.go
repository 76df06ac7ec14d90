package http

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/complaint"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/storetest"
)

// complaintNIK is the registrant's NIK; the console shows it only masked.
const (
	complaintNIK       = "3171014708950003"
	complaintNIKMasked = "3171********0003"
)

// staffSessions is the console's StaffService reduced to sessions: token
// → staff member. The other methods are not reached by these tests.
type staffSessions struct {
	StaffService
	byToken map[string]*prakerja.Staff
}

func (f staffSessions) Session(_ context.Context, tok string) (*prakerja.Staff, error) {
	if st, ok := f.byToken[tok]; ok {
		return st, nil
	}
	return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Session expired.")
}

// complaintsEnv is a server on a real SQLite store and complaint.Service,
// with two signed-in registrants (tokens "reg-a", "reg-b") and staff of
// three roles (tokens named for the role).
type complaintsEnv struct {
	srv   *Server
	svc   *complaint.Service
	store *sqldb.Store
	clock *mock.Clock
	regs  [2]int64
}

func newComplaintsEnv(t *testing.T) *complaintsEnv {
	t.Helper()
	store := openSQLite(t)
	keys, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	recs := storetest.MustCreateIn(t, store, prakerja.StatusEligible, []time.Time{storetest.T0, storetest.T0})
	if _, err := store.Writer().Exec(`UPDATE registrations SET phone_verified_at = ?`, storetest.T0.UnixMicro()); err != nil {
		t.Fatal(err)
	}
	e := &complaintsEnv{store: store, clock: mock.NewClock(storetest.T0), regs: [2]int64{recs[0].ID, recs[1].ID}}
	e.svc = complaint.New(store, keys, e.clock, complaint.DefaultConfig())
	tokens := map[string]int64{"reg-a": e.regs[0], "reg-b": e.regs[1]}
	regs := &mock.RegistrationService{
		AuthenticateFn: func(_ context.Context, tok string) (*prakerja.Registration, error) {
			if id, ok := tokens[tok]; ok {
				return &prakerja.Registration{ID: id, Status: prakerja.StatusEligible}, nil
			}
			return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Session expired.")
		},
		RegistrationFn: func(_ context.Context, id int64) (*prakerja.Registration, error) {
			return &prakerja.Registration{ID: id, FullName: "Siti Aminah", NIK: complaintNIK, Phone: "+6281234567890",
				Email: "siti@example.id", Status: prakerja.StatusEligible}, nil
		},
	}
	staff := staffSessions{byToken: map[string]*prakerja.Staff{
		"support":  {ID: 1, Username: "agent.rina", Role: prakerja.RoleSupport},
		"auditor":  {ID: 2, Username: "audit.ani", Role: prakerja.RoleAuditor},
		"platform": {ID: 3, Username: "plat.budi", Role: prakerja.RolePlatform},
	}}
	e.srv = NewServer(Config{}, Deps{Registrations: regs, Store: store, Clock: e.clock,
		Logger: slog.New(slog.DiscardHandler), Complaints: e.svc, Staff: staff})
	return e
}

// do sends a registrant's request (token "" = signed out) to the public
// handler; a form body is posted as a form, a JSON body as JSON.
func (e *complaintsEnv) do(token, method, target, body string) *httptest.ResponseRecorder {
	return registrantRequest(e.srv, token, method, target, body)
}

// ops sends a staff request to the console handler.
func (e *complaintsEnv) ops(token, method, target string, form url.Values) *httptest.ResponseRecorder {
	return staffRequest(e.srv, token, method, target, form)
}

func wantStatus(t *testing.T, rec *httptest.ResponseRecorder, want int, contains ...string) string {
	t.Helper()
	body := rec.Body.String()
	if rec.Code != want {
		t.Fatalf("status %d, want %d: %s", rec.Code, want, body)
	}
	for _, s := range contains {
		if !strings.Contains(body, s) {
			t.Fatalf("body lacks %q: %s", s, body)
		}
	}
	return body
}

// TestComplaintPages opens, reads and answers a complaint through the
// registrant's pages, including a refused form.
func TestComplaintPages(t *testing.T) {
	t.Parallel()
	e := newComplaintsEnv(t)
	wantStatus(t, e.do("", "GET", "/pengaduan", ""), http.StatusSeeOther)
	wantStatus(t, e.do("reg-a", "GET", "/pengaduan", ""), http.StatusOK,
		`<select id="category" name="category"`, `href="/dispute"`, "Anda belum pernah membuat pengaduan.")
	body := wantStatus(t, e.do("reg-a", "POST", "/pengaduan", "category=payout_failed&subject=&body=Belum+masuk"),
		http.StatusUnprocessableEntity, `id="subject-error"`, `<option value="payout_failed" selected>`, "Belum masuk")
	if strings.Contains(body, "ADU-") {
		t.Fatal("a refused complaint was stored")
	}
	rec := e.do("reg-a", "POST", "/pengaduan", "category=payout_failed&subject=Insentif+kedua&body=Sudah+10+hari")
	wantStatus(t, rec, http.StatusSeeOther)
	loc := rec.Header().Get("Location")
	if !strings.HasPrefix(loc, "/pengaduan/") || !strings.HasSuffix(loc, "?opened=1") {
		t.Fatalf("Location %q", loc)
	}
	page := strings.TrimSuffix(loc, "?opened=1")
	wantStatus(t, e.do("reg-a", "GET", loc, ""), http.StatusOK, "ADU-2025-", "Insentif kedua", "Sudah 10 hari",
		"Insentif tidak masuk", `name="text"`)
	wantStatus(t, e.do("reg-a", "POST", page, "text=+"), http.StatusUnprocessableEntity, `id="text-error"`)
	wantStatus(t, e.do("reg-a", "POST", page, "text=Nomor+rekening+BNI"), http.StatusSeeOther)
	wantStatus(t, e.do("reg-a", "GET", page+"?lang=en", ""), http.StatusOK, "Nomor rekening BNI", "Send reply")
	wantStatus(t, e.do("reg-a", "GET", "/pengaduan", ""), http.StatusOK, "Insentif kedua", "Baru")
}

// TestComplaintAPI opens, lists, reads and answers a complaint over the
// API, and checks the refusals' codes.
func TestComplaintAPI(t *testing.T) {
	t.Parallel()
	e := newComplaintsEnv(t)
	wantStatus(t, e.do("", "GET", "/api/v1/me/complaints", ""), http.StatusUnauthorized)
	wantStatus(t, e.do("reg-a", "POST", "/api/v1/me/complaints", `{"category":"spam","subject":"x","body":"y"}`),
		http.StatusUnprocessableEntity, `"code":"invalid"`, `"field":"category"`)
	rec := e.do("reg-a", "POST", "/api/v1/me/complaints", `{"category":"otp_not_received","subject":"OTP","body":"Tidak ada SMS."}`)
	var c complaintJSON
	if err := json.Unmarshal([]byte(wantStatus(t, rec, http.StatusCreated)), &c); err != nil {
		t.Fatal(err)
	}
	if c.State != prakerja.ComplaintOpen || c.SLA.Status != prakerja.SLAOnTrack || rec.Header().Get("Location") != fmt.Sprintf("/api/v1/me/complaints/%d", c.ID) {
		t.Fatalf("created %+v", c)
	}
	one := fmt.Sprintf("/api/v1/me/complaints/%d", c.ID)
	wantStatus(t, e.do("reg-a", "POST", one+"/notes", `{"text":"Masih belum."}`), http.StatusCreated, `"state":"open"`)
	wantStatus(t, e.do("reg-a", "GET", "/api/v1/me/complaints", ""), http.StatusOK, c.Reference)
	wantStatus(t, e.do("reg-a", "GET", one, ""), http.StatusOK, `"author":"registrant"`, "Masih belum.")
	for range prakerja.ComplaintOpenMax - 1 {
		wantStatus(t, e.do("reg-a", "POST", "/api/v1/me/complaints", `{"category":"other","subject":"s","body":"b"}`), http.StatusCreated)
	}
	wantStatus(t, e.do("reg-a", "POST", "/api/v1/me/complaints", `{"category":"other","subject":"s","body":"b"}`),
		http.StatusConflict, `"code":"complaint_limit"`)
}

// TestComplaintIDOR: a registrant cannot read, answer or list another's
// complaint, and never sees internal notes or staff usernames.
func TestComplaintIDOR(t *testing.T) {
	t.Parallel()
	e := newComplaintsEnv(t)
	ctx := context.Background()
	it, err := e.svc.Open(ctx, complaint.OpenInput{RegistrationID: e.regs[0], Category: prakerja.ComplaintOther,
		Subject: "Milik A", Body: "Rahasia A"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []complaint.Action{
		{ID: it.ID, Kind: complaint.ActNote, Staff: "agent.rina", Text: "CATATAN-INTERNAL", Internal: true},
		{ID: it.ID, Kind: complaint.ActNote, Staff: "agent.rina", Text: "Balasan untuk A"},
	} {
		if _, err := e.svc.Act(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	one := fmt.Sprintf("/api/v1/me/complaints/%d", it.ID)
	for _, rec := range []*httptest.ResponseRecorder{
		e.do("reg-b", "GET", one, ""),
		e.do("reg-b", "POST", one+"/notes", `{"text":"bukan milik saya"}`),
		e.do("reg-b", "GET", fmt.Sprintf("/pengaduan/%d", it.ID), ""),
		e.do("reg-b", "POST", fmt.Sprintf("/pengaduan/%d", it.ID), "text=halo"),
	} {
		if rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "Rahasia A") {
			t.Fatalf("another registrant got %d: %s", rec.Code, rec.Body)
		}
	}
	for _, target := range []string{"/api/v1/me/complaints", "/pengaduan"} {
		if body := e.do("reg-b", "GET", target, "").Body.String(); strings.Contains(body, "Milik A") {
			t.Fatalf("%s lists another's complaint", target)
		}
	}
	for _, target := range []string{one, fmt.Sprintf("/pengaduan/%d", it.ID)} {
		body := wantStatus(t, e.do("reg-a", "GET", target, ""), http.StatusOK, "Balasan untuk A")
		if strings.Contains(body, "CATATAN-INTERNAL") || strings.Contains(body, "agent.rina") {
			t.Fatalf("%s shows an internal note or a staff name: %s", target, body)
		}
	}
}
