package http

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/staff"
)

// TestOpsSignInEnrol signs a new account in through the forms: the
// password opens only the enrolment page (secret as text, otpauth URI, a
// QR image), the first code finishes it with a new token, and the session
// cookie is HttpOnly and SameSite=Strict. The nav names the staff member
// and shows only the links their role can use.
func TestOpsSignInEnrol(t *testing.T) {
	t.Parallel()
	e := newSigninEnv(t, Config{})
	e.account("vera", prakerja.RoleVerifier)

	rec := e.send("GET", "/ops/flags", "", nil)
	scenario{wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/ops/login?next=%2Fops%2Fflags"}}.check(t, rec)
	rec = e.send("GET", "/ops/login?next=%2Fops%2Fflags&lang=en", "", nil)
	scenario{wantStatus: http.StatusOK, wantBody: []string{`name="next" value="/ops/flags"`, `autocomplete="current-password"`,
		"Operator console sign-in"}, notBody: []string{"⟦"}}.check(t, rec)

	rec = e.send("POST", "/ops/login", "", url.Values{"username": {"Vera"}, "password": {testPassword}, "next": {"/ops/flags"}})
	pending := e.cookieOf(rec)
	if pending == nil || !pending.HttpOnly || pending.SameSite != http.SameSiteStrictMode || pending.Path != "/" {
		t.Fatalf("pending cookie = %+v", pending)
	}
	if rec := e.send("GET", "/ops/flags", pending.Value, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("a pending session opened /ops/flags: %d", rec.Code)
	}
	rec = e.send("GET", "/ops/enrol?next=%2Fops%2Fflags&lang=en", pending.Value, nil)
	m := secretRE.FindStringSubmatch(rec.Body.String())
	scenario{wantStatus: http.StatusOK, wantBody: []string{"otpauth://totp/Kartu%20Prakerja:vera?", `src="/ops/enrol/qr"`,
		`autocomplete="one-time-code"`}, notBody: []string{"⟦"}}.check(t, rec)
	if m == nil {
		t.Fatal("no secret on the enrolment page")
	}
	qr := e.send("GET", "/ops/enrol/qr", pending.Value, nil)
	if qr.Code != http.StatusOK || qr.Header().Get("Content-Type") != "image/png" || !strings.HasPrefix(qr.Body.String(), "\x89PNG") {
		t.Errorf("QR: %d %s", qr.Code, qr.Header().Get("Content-Type"))
	}
	if again := secretRE.FindStringSubmatch(e.send("GET", "/ops/enrol", pending.Value, nil).Body.String()); again == nil || again[1] != m[1] {
		t.Error("a second visit to the enrolment page showed another secret")
	}

	rec = e.send("POST", "/ops/enrol", pending.Value, url.Values{"totp": {"000000"}, "next": {"/ops/flags"}})
	if rec.Code == http.StatusSeeOther || !strings.Contains(rec.Body.String(), messagesID["ops.login.failed"]) {
		t.Errorf("a wrong first code: %d", rec.Code)
	}
	token := e.code("/ops/enrol", pending.Value, m[1], "/ops/flags")
	if rec := e.send("GET", "/ops/flags", pending.Value, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("the pending token still works after sign-in: %d", rec.Code)
	}
	rec = e.send("GET", "/ops/flags", token, nil)
	scenario{wantStatus: http.StatusOK, wantBody: []string{"Masuk sebagai Petugas vera (Verifikator)", `action="/ops/logout"`,
		`href="/ops/disputes"`, `href="/ops/account"`}, notBody: []string{`href="/ops/payouts"`, `href="/metrics"`, `href="/ops/staff"`}}.check(t, rec)
	if rec := e.send("GET", "/ops/enrol", token, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("the enrolment page answers a full session: %d", rec.Code)
	}
	got := e.auditActions()
	for _, want := range []string{prakerja.AuditStaffCreated, prakerja.AuditStaffSignInFailed, prakerja.AuditStaffTOTPEnrolled, prakerja.AuditStaffSignIn} {
		if !slices.Contains(got, want) {
			t.Errorf("audit lacks %s: %v", want, got)
		}
	}
}

// itoa formats an id for a path.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// TestOpsSignInNext follows only local console paths after sign-in.
func TestOpsSignInNext(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ next, want string }{
		{"/ops/disputes?after=3", "/ops/disputes?after=3"},
		{"//evil.example/ops/", "/ops/platform"},
		{"https://evil.example/ops/", "/ops/platform"},
		{"/ops/../metrics", "/ops/platform"},
		{"/register", "/ops/platform"},
	} {
		if got := opsLanding(&prakerja.Staff{Role: prakerja.RolePlatform}, safeOpsNext(tc.next)); got != tc.want {
			t.Errorf("next %q lands on %q, want %q", tc.next, got, tc.want)
		}
	}
}

// TestOpsLockout locks an account after five wrong passwords: the sixth
// try, even with the right password, gets the same answer as an unknown
// username, and the lock lifts after 15 minutes. Audit records name the
// failures and the lockout, never the password.
func TestOpsLockout(t *testing.T) {
	t.Parallel()
	e := newSigninEnv(t, Config{})
	e.account("andi", prakerja.RoleAuditor)
	_, secret := e.enrol("andi", "")
	try := func(username, password string) (int, string) {
		rec := e.send("POST", "/ops/login?lang=en", "", url.Values{"username": {username}, "password": {password}})
		return rec.Code, rec.Body.String()
	}
	unknownCode, unknownBody := try("nobody", "whatever-password")
	if unknownCode != http.StatusUnauthorized || !strings.Contains(unknownBody, messagesEN["ops.login.failed"]) {
		t.Fatalf("unknown user: %d", unknownCode)
	}
	for i := range prakerja.StaffLockoutFailures {
		if code, body := try("andi", "wrong-password-"+string(rune('a'+i))); code != unknownCode || !strings.Contains(body, messagesEN["ops.login.failed"]) {
			t.Fatalf("wrong password %d: %d", i, code)
		}
	}
	if code, body := try("andi", testPassword); code != unknownCode || !strings.Contains(body, messagesEN["ops.login.failed"]) {
		t.Fatalf("locked account with the right password: %d", code)
	}
	e.clock.Add(prakerja.StaffLockoutFor)
	e.clock.Add(time.Second)
	if tok := e.signIn("andi", secret); tok == "" {
		t.Fatal("no session after the lock lifted")
	}
	got := e.auditActions()
	if n := strings.Count(strings.Join(got, " "), prakerja.AuditStaffSignInFailed); n != 7 {
		t.Errorf("%d failed sign-ins audited, want 7: %v", n, got)
	}
	if !slices.Contains(got, prakerja.AuditStaffLocked) {
		t.Errorf("no lockout audited: %v", got)
	}
}

// TestOpsCodeLockout locks after five wrong TOTP codes and ends the
// pending session.
func TestOpsCodeLockout(t *testing.T) {
	t.Parallel()
	e := newSigninEnv(t, Config{})
	e.account("budi", prakerja.RoleSupport)
	e.enrol("budi", "")
	e.clock.Add(time.Minute)
	rec := e.send("POST", "/ops/login", "", url.Values{"username": {"budi"}, "password": {testPassword}})
	pending := e.cookieOf(rec).Value
	for i := range prakerja.StaffLockoutFailures - 1 {
		if rec := e.send("POST", "/ops/login/code", pending, url.Values{"totp": {"12345" + string(rune('0'+i))}}); rec.Code != http.StatusUnprocessableEntity && rec.Code != http.StatusUnauthorized && rec.Code != http.StatusBadRequest {
			t.Fatalf("wrong code %d: %d", i, rec.Code)
		}
	}
	rec = e.send("POST", "/ops/login/code", pending, url.Values{"totp": {"999999"}})
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/ops/login?again=1") {
		t.Fatalf("fifth wrong code: %d %v", rec.Code, rec.Header())
	}
	st, err := e.svc.ByUsername(t.Context(), "budi")
	if err != nil || !st.Locked(e.clock.Now()) {
		t.Fatalf("after five wrong codes: %+v, %v", st, err)
	}
}

// TestOpsTOTPReplay refuses a code that was already accepted, even after
// signing out and in again within its 30 seconds; the next step's code
// works.
func TestOpsTOTPReplay(t *testing.T) {
	t.Parallel()
	e := newSigninEnv(t, Config{})
	e.account("citra", prakerja.RoleFinanceMaker)
	token, secret := e.enrol("citra", "")
	if rec := e.send("POST", "/ops/logout", token, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("logout: %d", rec.Code)
	}
	rec := e.send("POST", "/ops/login", "", url.Values{"username": {"citra"}, "password": {testPassword}})
	pending := e.cookieOf(rec).Value
	code, err := staff.Code(secret, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	rec = e.send("POST", "/ops/login/code", pending, url.Values{"totp": {code}})
	if rec.Code == http.StatusSeeOther || !strings.Contains(rec.Body.String(), messagesID["ops.login.failed"]) {
		t.Fatalf("replayed code: %d %v", rec.Code, rec.Header())
	}
	e.clock.Add(30 * time.Second)
	e.code("/ops/login/code", pending, secret, "")
}

// TestOpsSessionExpiry moves the clock: a session survives use every 14
// minutes, ends after 15 idle minutes, and ends after 12 hours however
// busy; sign-out ends it at once.
func TestOpsSessionExpiry(t *testing.T) {
	t.Parallel()
	e := newSigninEnv(t, Config{})
	e.account("dian", prakerja.RoleFinanceChecker)
	token, secret := e.enrol("dian", "")
	live := func(tok string) bool { return e.send("GET", "/ops/payouts", tok, nil).Code != http.StatusSeeOther }

	e.clock.Add(14 * time.Minute)
	if !live(token) {
		t.Fatal("session ended after 14 minutes")
	}
	e.clock.Add(prakerja.StaffIdleTimeout)
	if live(token) {
		t.Fatal("session survived 15 idle minutes")
	}
	rec := e.send("GET", "/ops/payouts", token, nil)
	if c := e.cookieOf(rec); c == nil || c.MaxAge >= 0 {
		t.Error("an ended session's cookie was not cleared")
	}

	e.clock.Add(time.Minute)
	token = e.signIn("dian", secret)
	start := e.clock.Now()
	for e.clock.Now().Sub(start) < prakerja.StaffSessionMax-10*time.Minute {
		e.clock.Add(10 * time.Minute)
		if !live(token) {
			t.Fatalf("busy session ended after %v", e.clock.Now().Sub(start))
		}
	}
	e.clock.Add(10 * time.Minute)
	if live(token) {
		t.Fatal("session outlived 12 hours")
	}

	e.clock.Add(time.Minute)
	token = e.signIn("dian", secret)
	e.send("POST", "/ops/logout", token, nil)
	if live(token) {
		t.Fatal("session survived sign-out")
	}
}

// TestOpsStaffManage creates an account on the staff page (its password
// shown once), refuses a taken username, resets an account's TOTP (it must
// enrol again), disables one (its session ends, its sign-in fails) and
// enables it again (it enrols a new authenticator).
func TestOpsStaffManage(t *testing.T) {
	t.Parallel()
	e := newSigninEnv(t, Config{})
	e.account("ops.admin", prakerja.RoleOperator)
	admin, _ := e.enrol("ops.admin", "")

	rec := e.send("POST", "/ops/staff?lang=en", admin, url.Values{"username": {"Eka.Verif"}, "role": {"verifier"}, "display_name": {"Eka"}})
	scenario{wantStatus: http.StatusOK, wantBody: []string{"Account eka.verif was created.", "shown only now"}, notBody: []string{"⟦"}}.check(t, rec)
	rec = e.send("POST", "/ops/staff?lang=en", admin, url.Values{"username": {"eka.verif"}, "role": {"verifier"}})
	scenario{wantStatus: http.StatusUnprocessableEntity, wantBody: []string{"Username:"}}.check(t, rec)
	rec = e.send("POST", "/ops/staff?lang=en", admin, url.Values{"username": {"toko"}, "role": {"platform"}})
	scenario{wantStatus: http.StatusUnprocessableEntity, wantBody: []string{"Partner"}}.check(t, rec)

	vera := e.account("vera", prakerja.RoleVerifier)
	veraTok, veraSecret := e.enrol("vera", "")
	rec = e.send("POST", "/ops/staff/"+itoa(vera.ID)+"/reset-totp", admin, url.Values{})
	scenario{wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/ops/staff?done=totp"}}.check(t, rec)
	if rec := e.send("GET", "/ops/flags", veraTok, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("session survived a TOTP reset: %d", rec.Code)
	}
	e.clock.Add(time.Minute)
	veraTok, newSecret := e.enrol("vera", "")
	if newSecret == veraSecret {
		t.Error("the reset kept the old secret")
	}
	rec = e.send("POST", "/ops/staff/"+itoa(vera.ID)+"/disable", admin, url.Values{})
	scenario{wantStatus: http.StatusSeeOther}.check(t, rec)
	if rec := e.send("GET", "/ops/flags", veraTok, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("session survived disabling: %d", rec.Code)
	}
	rec = e.send("POST", "/ops/login", "", url.Values{"username": {"vera"}, "password": {testPassword}})
	scenario{wantStatus: http.StatusUnauthorized, wantBody: []string{messagesID["ops.login.failed"]}}.check(t, rec)
	me, _ := e.svc.ByUsername(t.Context(), "ops.admin")
	rec = e.send("POST", "/ops/staff/"+itoa(me.ID)+"/disable", admin, url.Values{})
	scenario{wantStatus: http.StatusConflict}.check(t, rec)
	rec = e.send("POST", "/ops/staff/"+itoa(vera.ID)+"/enable", admin, url.Values{})
	scenario{wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/ops/staff?done=enabled"}}.check(t, rec)
	e.clock.Add(time.Minute)
	if _, again := e.enrol("vera", ""); again == newSecret {
		t.Error("enabling kept the authenticator of the disabled account")
	}
	got := e.auditActions()
	for _, want := range []string{prakerja.AuditStaffTOTPReset, prakerja.AuditStaffDisabled, prakerja.AuditStaffEnabled} {
		if !slices.Contains(got, want) {
			t.Errorf("audit lacks %s", want)
		}
	}
}

// TestOpsChangePassword checks the current password, ends every session
// on a change, and signs in with the new one.
func TestOpsChangePassword(t *testing.T) {
	t.Parallel()
	e := newSigninEnv(t, Config{})
	e.account("fitri", prakerja.RoleInstitution)
	token, _ := e.enrol("fitri", "")
	rec := e.send("GET", "/ops/account?lang=en", token, nil)
	scenario{wantStatus: http.StatusOK, wantBody: []string{"fitri", "Nominating institution", "mitra-1"}, notBody: []string{"⟦"}}.check(t, rec)
	rec = e.send("POST", "/ops/account/password?lang=en", token, url.Values{"current_password": {"salah-sekali-ini"}, "new_password": {"frasa sandi baru yang panjang"}})
	scenario{wantStatus: http.StatusUnprocessableEntity, wantBody: []string{"Current password:"}}.check(t, rec)
	rec = e.send("POST", "/ops/account/password", token, url.Values{"current_password": {testPassword}, "new_password": {"pendek"}})
	scenario{wantStatus: http.StatusUnprocessableEntity}.check(t, rec)
	rec = e.send("POST", "/ops/account/password", token, url.Values{"current_password": {testPassword}, "new_password": {"frasa sandi baru yang panjang"}})
	scenario{wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/ops/login?changed=1"}}.check(t, rec)
	if rec := e.send("GET", "/ops/account", token, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("session survived a password change: %d", rec.Code)
	}
	rec = e.send("POST", "/ops/login", "", url.Values{"username": {"fitri"}, "password": {"frasa sandi baru yang panjang"}})
	if rec.Code != http.StatusSeeOther || e.cookieOf(rec) == nil {
		t.Errorf("sign-in with the new password: %d", rec.Code)
	}
}

// TestOpsMetricsAccess serves /metrics to a scraper with the token or to
// staff whose role holds metrics.view, and 401 problem+json otherwise.
func TestOpsMetricsAccess(t *testing.T) {
	t.Parallel()
	e := newSigninEnv(t, Config{MetricsToken: "scrape-secret-123", SecureCookies: true})
	if got := e.srv.opsCookie(); got != "__Host-ops_session" {
		t.Errorf("secure cookie name = %q", got)
	}
	rec := e.send("GET", "/metrics", "", nil)
	scenario{wantStatus: http.StatusUnauthorized, wantType: "application/problem+json"}.check(t, rec)
	rec = e.send("GET", "/metrics", "", nil, "Authorization", "Bearer wrong")
	scenario{wantStatus: http.StatusUnauthorized}.check(t, rec)
	rec = e.send("GET", "/metrics", "", nil, "Authorization", "Bearer scrape-secret-123")
	scenario{wantStatus: http.StatusOK, wantBody: []string{"prakerja_backlog_registrations"}}.check(t, rec)
	e.account("gita", prakerja.RoleAuditor)
	tok, _ := e.enrol("gita", "")
	rec = e.send("GET", "/metrics", tok, nil)
	scenario{wantStatus: http.StatusOK}.check(t, rec)
}
