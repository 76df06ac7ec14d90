package http

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nomination"
	"github.com/prakerja/prakerja/storetest"
)

// partnerStaff is a StaffService whose session token "<role>:<ref>" is a
// signed-in partner account of that role and partner reference (the real
// sign-in is tested in ops_signin_test.go and the role matrix).
type partnerStaff struct{ fakeStaff }

func (partnerStaff) Session(_ context.Context, token string) (*prakerja.Staff, error) {
	role, ref, ok := strings.Cut(token, ":")
	if !ok || !prakerja.Role(role).Valid() {
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in.")
	}
	return &prakerja.Staff{ID: 7, Username: role + "." + ref, Role: prakerja.Role(role), PartnerRef: ref}, nil
}

// portalEnv is the console on the market's SQLite store.
type portalEnv struct {
	m   *marketSQLite
	srv *Server
	ops http.Handler
}

func newPortalEnv(t *testing.T) *portalEnv {
	t.Helper()
	m := newMarketSQLite(t)
	store, clock := m.srv.store, fixedClock{storetest.T0}
	srv := NewServer(Config{}, Deps{Registrations: m.srv.regs, Store: store, Clock: clock, Logger: slog.New(slog.DiscardHandler),
		Staff: partnerStaff{}, Keys: m.keys, Nominations: nomination.NewSubmitter(store, m.keys, clock)})
	return &portalEnv{m: m, srv: srv, ops: srv.OpsHandler()}
}

// get sends a console request as the account token names.
func (e *portalEnv) send(req *http.Request, token string) (int, string) {
	req.AddCookie(&http.Cookie{Name: e.srv.opsCookie(), Value: token})
	rec := httptest.NewRecorder()
	e.ops.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// TestPlatformPortalSQLite: a platform's staff see their own sale, courses
// and conflicts, and nothing of another platform, whatever the URL says;
// other roles are refused.
func TestPlatformPortalSQLite(t *testing.T) {
	t.Parallel()
	e := newPortalEnv(t)
	m := e.m
	mine, other := m.seed.Platforms[2], m.seed.Platforms[0] // Skill Academy (conflicted), Tokopedia
	courses, err := m.srv.store.Courses(context.Background(), prakerja.CourseFilter{PlatformID: mine.ID, Limit: 1})
	if err != nil || len(courses) != 1 {
		t.Fatalf("a course of %s: %v", mine.Name, err)
	}
	pkey := m.key(t, prakerja.PartnerPlatform, mine.Slug)
	code, body := m.signed(t, "POST", "/api/v1/platform/charges",
		fmt.Sprintf(`{"card_number":%q,"course_id":%d,"order_id":"P-1"}`, m.card, courses[0].ID), pkey)
	if code != 201 {
		t.Fatalf("charge: %d %s", code, body)
	}
	if code, body := m.signed(t, "POST", "/api/v1/platform/charges/1/confirm", `{"otp":"`+m.code(t)+`"}`, pkey); code != 200 {
		t.Fatalf("confirm: %d %s", code, body)
	}

	code, page := e.send(httptest.NewRequest("GET", "/ops/platform?lang=en", nil), "platform:"+mine.Slug)
	if code != 200 || !strings.Contains(page, mine.Name) || !strings.Contains(page, courses[0].Title) ||
		!strings.Contains(page, "Paid, not yet redeemed") || !strings.Contains(page, "Yes: own provider") ||
		!strings.Contains(page, `href="/ops/platform"`) || strings.Contains(page, `href="/ops/market"`) {
		t.Fatalf("own portal: %d %s", code, page)
	}
	// Another platform's staff, even asking for the first platform by id.
	code, page = e.send(httptest.NewRequest("GET", fmt.Sprintf("/ops/platform?lang=en&platform=%d&id=%d", mine.ID, mine.ID), nil),
		"platform:"+other.Slug)
	if code != 200 || !strings.Contains(page, other.Name) || strings.Contains(page, mine.Name) ||
		strings.Contains(page, courses[0].Title) || !strings.Contains(page, "No purchases yet.") {
		t.Fatalf("another platform's portal: %d %s", code, page)
	}
	for token, want := range map[string]int{
		"institution:bpjs_tk": http.StatusForbidden, // the guard: no platform.own
		"operator:":           http.StatusForbidden,
		"platform:no-such":    http.StatusNotFound,
	} {
		if code, _ := e.send(httptest.NewRequest("GET", "/ops/platform", nil), token); code != want {
			t.Errorf("%s: %d, want %d", token, code, want)
		}
	}
}

// upload posts a list file as the portal's form does.
func upload(t *testing.T, list string) *http.Request {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	f, err := w.CreateFormFile("list", "daftar.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte(list)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/ops/institution/upload?lang=en", &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return req
}

// TestInstitutionPortalSQLite: an institution's staff upload a list (a bad
// one stores nothing and names the row), see their nominees with masked
// NIKs and their stage, and nothing of another institution.
func TestInstitutionPortalSQLite(t *testing.T) {
	t.Parallel()
	e := newPortalEnv(t)
	ctx := context.Background()
	const registered, unregistered = "3171011708900001", "3171011708900002"
	nr := storetest.NewRegistration(storetest.Unique())
	sealed, err := e.m.keys.Seal(prakerja.IndexNIK, registered)
	if err != nil {
		t.Fatal(err)
	}
	nr.Record.NIK = sealed
	if err := e.m.srv.store.CreateRegistration(ctx, nr); err != nil {
		t.Fatal(err)
	}
	code, page := e.send(upload(t, "nik,category\n"+registered+",phk\n"+unregistered+",veteran\n"), "institution:bpjs_tk")
	if code != 422 || !strings.Contains(page, "1 of 2 rows are not valid") || !strings.Contains(page, "<code>bad_value</code>") ||
		strings.Contains(page, unregistered) {
		t.Fatalf("bad list: %d %s", code, page)
	}
	code, page = e.send(upload(t, "nik,category\n"+registered+",phk\n"+unregistered+",pmi\n"), "institution:bpjs_tk")
	if code != 200 || !strings.Contains(page, "List stored: 2 rows, 2 distinct NIKs") {
		t.Fatalf("good list: %d %s", code, page)
	}
	code, page = e.send(httptest.NewRequest("GET", "/ops/institution?lang=en", nil), "institution:bpjs_tk")
	if code != 200 || !strings.Contains(page, "3171********0001") || strings.Contains(page, registered) ||
		strings.Contains(page, unregistered) || !strings.Contains(page, "Not registered yet") ||
		!strings.Contains(page, "Returning migrant worker") || !strings.Contains(page, `href="/ops/institution"`) {
		t.Fatalf("portal: %d %s", code, page)
	}
	entries, err := e.m.srv.store.AuditEntries(ctx, 0, 100)
	if err != nil || len(entries) == 0 || entries[len(entries)-1].Actor != "institution.bpjs_tk" ||
		entries[len(entries)-1].Action != prakerja.AuditNominationImported {
		t.Fatalf("audit: %v %+v", err, entries)
	}
	code, page = e.send(httptest.NewRequest("GET", "/ops/institution?lang=en&institution=bpjs_tk", nil), "institution:ditjenpas")
	if code != 200 || strings.Contains(page, "3171********0001") || !strings.Contains(page, "no current list") {
		t.Fatalf("another institution: %d %s", code, page)
	}
	if code, _ := e.send(httptest.NewRequest("GET", "/ops/institution", nil), "platform:tokopedia"); code != http.StatusForbidden {
		t.Fatalf("platform staff on the institution portal: %d", code)
	}
	if code, _ := e.send(upload(t, "nik,category\n"+registered+",phk\n"), "operator:"); code != http.StatusForbidden {
		t.Fatalf("operator upload: %d", code)
	}
}
