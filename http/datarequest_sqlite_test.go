package http

import (
	"bytes"
	"context"
	"encoding/csv"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/datarequest"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/storetest"
	"github.com/prakerja/prakerja/targeting"
)

// rightsEnv is a server on a real SQLite store with the real data-request
// and targeting services: two registrants with sealed NIK and phone
// (tokens "reg-a", "reg-b"; a consented to targeting) and staff of four
// roles (tokens named for the role).
type rightsEnv struct {
	srv   *Server
	store *sqldb.Store
	clock *mock.Clock
	regs  [2]int64
}

const rightsNIK = "3171015708950001"

func newRightsEnv(t *testing.T) *rightsEnv {
	t.Helper()
	store := openSQLite(t)
	keys, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	e := &rightsEnv{store: store, clock: mock.NewClock(storetest.T0)}
	for i, p := range []struct {
		nik, phone, name, district string
		consent                    bool
	}{{rightsNIK, "+6281234567890", "Siti Aminah", "31.71.01", true}, {"3273011708900002", "+6281299998888", "Budi Santoso", "32.73.01", false}} {
		nr := storetest.NewRegistration(storetest.Unique())
		if nr.Record.NIK, err = keys.Seal(prakerja.IndexNIK, p.nik); err != nil {
			t.Fatal(err)
		}
		if nr.Record.Phone, err = keys.Seal(prakerja.IndexPhone, p.phone); err != nil {
			t.Fatal(err)
		}
		if nr.Record.Email, err = keys.Seal(prakerja.IndexEmail, p.nik+"@contoh.id"); err != nil {
			t.Fatal(err)
		}
		if nr.Record.KK, err = keys.Seal(prakerja.IndexKK, "3171011203150007"); err != nil {
			t.Fatal(err)
		}
		nr.Record.FullName, nr.Record.DomicileDistrict, nr.Record.WorkImpact = p.name, p.district, prakerja.WorkLostJob
		if p.consent {
			nr.Record.TargetingConsentAt, nr.Record.ConsentNotice = storetest.T0, prakerja.TargetingNoticeVersion
		}
		if err := store.CreateRegistration(context.Background(), nr); err != nil {
			t.Fatal(err)
		}
		e.regs[i] = nr.Record.ID
	}
	tokens := map[string]int64{"reg-a": e.regs[0], "reg-b": e.regs[1]}
	regs := &mock.RegistrationService{AuthenticateFn: func(_ context.Context, tok string) (*prakerja.Registration, error) {
		if id, ok := tokens[tok]; ok {
			return &prakerja.Registration{ID: id, Status: prakerja.StatusRegistered}, nil
		}
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Session expired.")
	}}
	staff := staffSessions{byToken: map[string]*prakerja.Staff{
		"support":  {ID: 1, Username: "agent.rina", Role: prakerja.RoleSupport},
		"auditor":  {ID: 2, Username: "audit.ani", Role: prakerja.RoleAuditor},
		"operator": {ID: 3, Username: "op.dewi", Role: prakerja.RoleOperator},
		"verifier": {ID: 4, Username: "ver.eko", Role: prakerja.RoleVerifier},
	}}
	e.srv = NewServer(Config{}, Deps{Registrations: regs, Store: store, Clock: e.clock,
		Logger: slog.New(slog.DiscardHandler), Staff: staff,
		DataRequests: datarequest.New(store, keys, e.clock),
		Targeting:    targeting.New(store, keys, e.clock, []string{"pkh", "dtks"})})
	return e
}

// do sends a registrant's request; a body starting with { is JSON, any
// other is a form.
func (e *rightsEnv) do(token, method, target, body string) *httptest.ResponseRecorder {
	return registrantRequest(e.srv, token, method, target, body)
}

// ops sends a staff request to the console handler.
func (e *rightsEnv) ops(token, method, target string, form url.Values) *httptest.ResponseRecorder {
	return staffRequest(e.srv, token, method, target, form)
}

// TestDataSayaPages walks the registrant's side: the page, the download
// (recorded and audited), a refused and an accepted correction, a
// withdrawal that needs its confirmation, and the API twins.
func TestDataSayaPages(t *testing.T) {
	t.Parallel()
	e := newRightsEnv(t)
	wantStatus(t, e.do("", "GET", "/data-saya", ""), http.StatusSeeOther)
	wantStatus(t, e.do("reg-a", "GET", "/data-saya", ""), http.StatusOK, `action="/data-saya/koreksi"`,
		`action="/data-saya/tarik"`, `href="/data-saya/unduh"`, "Belum ada permintaan.")
	rec := e.do("reg-a", "GET", "/data-saya/unduh", "")
	body := wantStatus(t, rec, http.StatusOK, `"nik": "`+rightsNIK+`"`, `"work_impact": "lost_job"`, `"kind": "access"`)
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
		t.Fatalf("Content-Disposition %q", cd)
	}
	if strings.Contains(body, "Budi") || strings.Contains(body, "3273011708900002") {
		t.Fatal("the download holds another registrant's data")
	}
	wantStatus(t, e.do("reg-a", "POST", "/data-saya/koreksi", "details="), http.StatusUnprocessableEntity,
		`aria-invalid="true"`, `href="#details"`)
	rec = e.do("reg-a", "POST", "/data-saya/koreksi", "details="+url.QueryEscape("Nama saya Siti Aminah Lestari"))
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/data-saya?sent=correction" {
		t.Fatalf("correction: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	wantStatus(t, e.do("reg-a", "GET", "/data-saya?sent=correction", ""), http.StatusOK,
		"Permintaan perbaikan terkirim", "Nama saya Siti Aminah Lestari", "Menunggu jawaban")
	wantStatus(t, e.do("reg-a", "POST", "/data-saya/tarik", "details=x"), http.StatusUnprocessableEntity, `id="confirm-error"`)
	wantStatus(t, e.do("reg-a", "POST", "/data-saya/tarik", "confirm=yes"), http.StatusSeeOther)

	wantStatus(t, e.do("reg-b", "GET", "/api/v1/me/data", ""), http.StatusOK, `"full_name": "Budi Santoso"`)
	wantStatus(t, e.do("reg-b", "POST", "/api/v1/me/data-requests", `{"kind":"correction","details":"KK salah"}`), http.StatusCreated, `"state":"open"`)
	wantStatus(t, e.do("reg-b", "POST", "/api/v1/me/data-requests", `{"kind":"correction","details":"lagi"}`), http.StatusConflict)
	wantStatus(t, e.do("reg-b", "POST", "/api/v1/me/data-requests", `{"kind":"access"}`), http.StatusUnprocessableEntity)
	body = wantStatus(t, e.do("reg-b", "GET", "/api/v1/me/data-requests", ""), http.StatusOK, `"kind":"correction"`, `"kind":"access"`)
	if strings.Contains(body, "Siti") {
		t.Fatal("a registrant sees another's requests")
	}
	wantStatus(t, e.do("", "GET", "/api/v1/me/data", ""), http.StatusUnauthorized)

	audits, err := e.store.AuditEntries(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range audits {
		if strings.Contains(a.Detail, rightsNIK) || strings.Contains(a.Detail, "Lestari") {
			t.Fatalf("audit record holds personal data: %+v", a)
		}
	}
	if len(audits) != 5 { // 2 downloads, 3 requests opened
		t.Fatalf("%d audit records, want 5", len(audits))
	}
}

// TestOpsDataRequests: the queue by deadline with overdue said in words,
// read-only roles refused the answer, an answered withdrawal withdraws the
// registration with the signed-in agent as actor, and a refused answer.
func TestOpsDataRequests(t *testing.T) {
	t.Parallel()
	e := newRightsEnv(t)
	wantStatus(t, e.do("reg-a", "POST", "/data-saya/tarik", "confirm=yes"), http.StatusSeeOther)
	e.clock.Add(73 * time.Hour)
	wantStatus(t, e.do("reg-b", "POST", "/data-saya/koreksi", "details=Tanggal+lahir+salah"), http.StatusSeeOther)
	q, err := e.store.DataRequestQueue(context.Background(), prakerja.DataRequestFilter{State: prakerja.DataRequestOpen})
	if err != nil || len(q) != 2 {
		t.Fatalf("queue %v, %v", q, err)
	}
	wd := strconv.FormatInt(q[0].ID, 10)
	body := wantStatus(t, e.ops("support", "GET", "/ops/data-requests", nil), http.StatusOK,
		"1 permintaan melewati batas jawab.", "(terlambat)", `href="/ops/data-requests"`, "Penarikan persetujuan")
	if strings.Contains(body, "Tanggal lahir") {
		t.Fatal("the queue shows request texts")
	}
	wantStatus(t, e.ops("auditor", "GET", "/ops/data-requests/"+wd, nil), http.StatusOK, "Penarikan persetujuan")
	wantStatus(t, e.ops("auditor", "POST", "/ops/data-requests/"+wd, url.Values{"decision": {"answered"}, "answer": {"x"}}), http.StatusForbidden)
	wantStatus(t, e.ops("verifier", "GET", "/ops/data-requests", nil), http.StatusForbidden)
	wantStatus(t, e.ops("support", "GET", "/ops/data-requests/"+wd, nil), http.StatusOK, "menghentikan pemrosesan", `name="decision"`)
	wantStatus(t, e.ops("support", "POST", "/ops/data-requests/"+wd, url.Values{"decision": {"answered"}, "answer": {""}}),
		http.StatusUnprocessableEntity, `id="answer-error"`)
	rec := e.ops("support", "POST", "/ops/data-requests/"+wd, url.Values{"decision": {"answered"}, "answer": {"Pemrosesan dihentikan."}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("answer: %d %s", rec.Code, rec.Body)
	}
	r, err := e.store.Registration(context.Background(), e.regs[0])
	if err != nil || r.WithdrawnAt.IsZero() {
		t.Fatalf("registration not withdrawn (%v)", err)
	}
	wantStatus(t, e.ops("support", "POST", "/ops/data-requests/"+wd, url.Values{"decision": {"rejected"}, "answer": {"x"}}), http.StatusConflict)
	body = wantStatus(t, e.do("reg-a", "GET", "/data-saya", ""), http.StatusOK, "Pemrosesan dihentikan.", "Persetujuan Anda sudah ditarik")
	if strings.Contains(body, "agent.rina") {
		t.Fatal("the registrant sees the staff member's name")
	}
	audits, err := e.store.AuditEntries(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if last := audits[len(audits)-1]; last.Actor != "agent.rina" || last.Action != prakerja.AuditDataRequestAnswered {
		t.Fatalf("last audit %+v", last)
	}
}

// TestOpsTargeting: the province table and its drill-down, exports by
// role (individual rows only for targeting.export, and only consenting
// registrants), neutralised cells, and the audit record of each export.
func TestOpsTargeting(t *testing.T) {
	t.Parallel()
	e := newRightsEnv(t)
	wantStatus(t, e.ops("auditor", "GET", "/ops/targeting", nil), http.StatusOK, `href="/ops/targeting?province=31"`,
		`href="/ops/targeting?province=32"`, `action="/ops/targeting/export-aggregate"`)
	body := wantStatus(t, e.ops("auditor", "GET", "/ops/targeting?province=31", nil), http.StatusOK, "31.71")
	if strings.Contains(body, "export-individual") {
		t.Fatal("an auditor is offered the individual export")
	}
	wantStatus(t, e.ops("operator", "GET", "/ops/targeting", nil), http.StatusOK, `action="/ops/targeting/export-individual"`)
	wantStatus(t, e.ops("verifier", "GET", "/ops/targeting", nil), http.StatusForbidden)

	rec := e.ops("auditor", "POST", "/ops/targeting/export-aggregate", url.Values{"format": {"csv"}, "regions": {"province"}})
	rows, err := csv.NewReader(bytes.NewReader(wantBytes(t, rec, "text/csv"))).ReadAll()
	if err != nil || len(rows) != 3 || rows[1][0] != "31" || rows[1][3] != "1" {
		t.Fatalf("aggregate rows %q, %v", rows, err)
	}
	wantStatus(t, e.ops("auditor", "POST", "/ops/targeting/export-individual", url.Values{"format": {"csv"}}), http.StatusForbidden)
	wantStatus(t, e.ops("operator", "POST", "/ops/targeting/export-individual", url.Values{"format": {"xls"}}), http.StatusUnprocessableEntity)

	rec = e.ops("operator", "POST", "/ops/targeting/export-individual", url.Values{"format": {"xlsx"}})
	x, err := excelize.OpenReader(bytes.NewReader(wantBytes(t, rec, "application/vnd.openxmlformats")))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet, err := x.GetRows("Sheet1")
	if err != nil || len(sheet) != 2 || sheet[1][2] != rightsNIK || sheet[1][3] != "'+6281234567890" {
		t.Fatalf("individual rows %q, %v; want Siti only, phone neutralised", sheet, err)
	}
	audits, err := e.store.AuditEntries(context.Background(), 0, 100)
	if err != nil || len(audits) != 2 {
		t.Fatalf("audits %v, %v; want one per export", audits, err)
	}
	if a := audits[1]; a.Actor != "op.dewi" || a.Action != prakerja.AuditTargetingExport ||
		!strings.Contains(a.Detail, `"rows":1`) || !strings.Contains(a.Detail, rec.Header().Get("X-Content-SHA256")) ||
		strings.Contains(a.Detail, rightsNIK) {
		t.Fatalf("audit %+v", a)
	}
}

// wantBytes checks a 200 download of the given type and returns its body.
func wantBytes(t *testing.T, rec *httptest.ResponseRecorder, contentType string) []byte {
	t.Helper()
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), contentType) ||
		!strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment;") {
		t.Fatalf("download: %d %q %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Content-Disposition"), rec.Body)
	}
	return rec.Body.Bytes()
}
