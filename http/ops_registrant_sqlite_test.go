package http

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/registration"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/storetest"
)

// namedStaff signs in the session token "ROLE:USERNAME" as that account;
// the console tests here need two people of one role, or one person of
// each. Only Session is called by the guard.
type namedStaff struct{ StaffService }

func (namedStaff) Session(_ context.Context, token string) (*prakerja.Staff, error) {
	role, name, ok := strings.Cut(token, ":")
	if !ok || name == "" || !prakerja.Role(role).Valid() {
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Please sign in.")
	}
	return &prakerja.Staff{ID: 1, Username: name, Role: prakerja.Role(role)}, nil
}

// consoleSQLite is the operator console on a real SQLite store: a wave of
// three participants with incentives due (all but the first with a
// verified payout account), the first registrant's NIK, phone, e-mail and
// KK sealed with the same real keys the search and the reveal use.
type consoleSQLite struct {
	srv   *Server
	ops   http.Handler
	store *sqldb.Store
	fx    *storetest.PayoutFixture
	reg   int64 // a participant with a payout account
}

func newConsoleSQLite(t *testing.T) *consoleSQLite {
	t.Helper()
	store := openSQLite(t)
	fx := storetest.MustPayoutFixture(t, store, 3)
	c := &consoleSQLite{store: store, fx: fx, reg: fx.Participants[1]}
	phone, _ := registration.NormalizePhone(testPhone)
	seal := func(f prakerja.IndexField, v string) prakerja.Sealed {
		sealed, err := fx.Keys.Seal(f, v)
		if err != nil {
			t.Fatal(err)
		}
		return sealed
	}
	nik, ph, em, kk := seal(prakerja.IndexNIK, testNIK), seal(prakerja.IndexPhone, phone),
		seal(prakerja.IndexEmail, testEmail), seal(prakerja.IndexKK, testKK)
	if _, err := store.Writer().Exec(`UPDATE registrations SET full_name = 'Siti Aminah', nik_ct = ?, nik_idx = ?,
		phone_ct = ?, phone_idx = ?, email_ct = ?, email_idx = ?, kk_ct = ?, kk_idx = ? WHERE id = ?`,
		nik.Ciphertext, nik.Index, ph.Ciphertext, ph.Index, em.Ciphertext, em.Index, kk.Ciphertext, kk.Index, c.reg); err != nil {
		t.Fatal(err)
	}
	regs := registration.New(store, fx.Keys, fx.Clock, registration.DefaultConfig())
	c.srv = NewServer(Config{}, Deps{Registrations: regs, Store: store, Clock: fx.Clock,
		Logger: slog.New(slog.DiscardHandler), Payout: fx.Service, Keys: fx.Keys, Staff: namedStaff{}})
	c.ops = c.srv.OpsHandler()
	return c
}

// do sends a console request as token ("" = signed out); a non-empty
// form is posted.
func (c *consoleSQLite) do(t *testing.T, method, target, token string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, target, nil)
	}
	if token != "" {
		req.AddCookie(&http.Cookie{Name: c.srv.opsCookie(), Value: token})
	}
	rec := httptest.NewRecorder()
	c.ops.ServeHTTP(rec, req)
	return rec
}

// audited returns the records after seq.
func (c *consoleSQLite) audited(t *testing.T, after int64) []*prakerja.AuditEntry {
	t.Helper()
	es, err := c.store.AuditEntries(context.Background(), after, prakerja.AuditPageMax)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// head is the chain's newest sequence number.
func (c *consoleSQLite) head(t *testing.T) int64 {
	t.Helper()
	es := c.audited(t, 0)
	if len(es) == 0 {
		return 0
	}
	return es[len(es)-1].Seq
}

const (
	tokOperator = "operator:ani.operator"
	tokSupport  = "support:sri.support"
	tokMaker    = "finance_maker:mira.maker"
	tokChecker  = "finance_checker:cahyo.checker"
	tokChecker2 = "finance_checker:dewi.checker"
	tokAuditor  = "auditor:arif.auditor"
	tokVerifier = "verifier:vina.verifier"
)

// TestOpsRegistrantSQLite follows a participant in the console: only
// roles holding registrant.view may open the page; each view appends one
// audit record naming the staff member and the registration and nothing
// personal; the page shows the NIK, phone and e-mail masked, the payout
// account by provider and last 4 digits, and its timeline; the full NIK
// needs a reveal POST, itself recorded.
func TestOpsRegistrantSQLite(t *testing.T) {
	c := newConsoleSQLite(t)
	page := "/ops/registrants/" + strconv.FormatInt(c.reg, 10)
	phone, _ := registration.NormalizePhone(testPhone)
	secrets := []string{testNIK, "81234567890", testEmail, testKK, "Siti Aminah"} // the phone without its + (escaped as &#43;)

	t.Run("DeniedToRolesWithoutIt", func(t *testing.T) {
		before := c.head(t)
		for _, tok := range []string{tokMaker, tokChecker, "platform:p", "institution:i"} {
			if rec := c.do(t, "GET", page, tok, nil); rec.Code != http.StatusForbidden {
				t.Errorf("%s: status %d, want 403", tok, rec.Code)
			}
		}
		if rec := c.do(t, "GET", page, "", nil); rec.Code != http.StatusSeeOther ||
			!strings.HasPrefix(rec.Header().Get("Location"), "/ops/login") {
			t.Errorf("signed out: %d to %q, want 303 to sign-in", rec.Code, rec.Header().Get("Location"))
		}
		if rec := c.do(t, "POST", page+"/reveal", tokMaker, url.Values{"x": {"1"}}); rec.Code != http.StatusForbidden {
			t.Errorf("maker reveal: status %d, want 403", rec.Code)
		}
		if n := c.head(t) - before; n != 0 {
			t.Fatalf("refused views appended %d audit records", n)
		}
	})

	t.Run("ViewMaskedAndAudited", func(t *testing.T) {
		for i, tok := range []string{tokOperator, tokSupport} {
			before := c.head(t)
			rec := c.do(t, "GET", page+"?lang=en", tok, nil)
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: status %d: %s", tok, rec.Code, body)
			}
			for _, want := range []string{"3171********0001", strings.ReplaceAll(maskPhone(phone), "+", "&#43;"), maskEmail(testEmail), "S*** A*****",
				"···", "Joined wave", "Card and virtual account issued", "Incentive unlocked", "Payout account verified"} {
				if !strings.Contains(body, want) {
					t.Errorf("view %d lacks %q", i, want)
				}
			}
			for _, secret := range secrets {
				if strings.Contains(body, secret) {
					t.Errorf("view %d shows %q in full", i, secret)
				}
			}
			es := c.audited(t, before)
			name := strings.SplitN(tok, ":", 2)[1]
			if len(es) != 1 || es[0].Action != prakerja.AuditRegistrantView || es[0].Actor != name ||
				es[0].Subject != "registration:"+strconv.FormatInt(c.reg, 10) || es[0].Detail != "{}" {
				t.Fatalf("view %d audit records %+v, want one registrant.view by %s", i, es, name)
			}
		}
	})

	t.Run("Reveal", func(t *testing.T) {
		before := c.head(t)
		rec := c.do(t, "POST", page+"/reveal", tokOperator, url.Values{"confirm": {"1"}})
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), testNIK) {
			t.Fatalf("reveal: status %d, NIK shown %v", rec.Code, strings.Contains(rec.Body.String(), testNIK))
		}
		es := c.audited(t, before)
		if len(es) != 1 || es[0].Action != prakerja.AuditRegistrantReveal || es[0].Actor != "ani.operator" {
			t.Fatalf("reveal audit records %+v", es)
		}
	})

	t.Run("UnknownRegistrant", func(t *testing.T) {
		before := c.head(t)
		for _, p := range []string{"/ops/registrants/999999", "/ops/registrants/abc"} {
			if rec := c.do(t, "GET", p, tokOperator, nil); rec.Code != http.StatusNotFound {
				t.Errorf("%s: status %d, want 404", p, rec.Code)
			}
		}
		if n := c.head(t) - before; n != 0 {
			t.Fatalf("unknown registrants appended %d audit records", n)
		}
	})

	for _, e := range c.audited(t, 0) {
		for _, secret := range secrets {
			if strings.Contains(e.Detail+e.Subject, secret) {
				t.Fatalf("audit record %d carries personal data: %+v", e.Seq, e)
			}
		}
	}
}

// TestOpsRegistrantSearchSQLite finds the registrant by NIK, phone (as
// typed), e-mail and id, each answered with a redirect whose URL carries
// only the registration id; a name prefix lists matches; an unknown value
// or a malformed one is a translated error on the form.
func TestOpsRegistrantSearchSQLite(t *testing.T) {
	c := newConsoleSQLite(t)
	want := "/ops/registrants/" + strconv.FormatInt(c.reg, 10)
	tests := []struct {
		name, by, q string
		status      int
		body        string
	}{
		{"OKNIK", "nik", " " + testNIK + " ", http.StatusSeeOther, ""},
		{"OKPhoneAsTyped", "phone", "0812-3456-7890", http.StatusSeeOther, ""},
		{"OKEmailUpperCase", "email", strings.ToUpper(testEmail), http.StatusSeeOther, ""},
		{"OKID", "id", strconv.FormatInt(c.reg, 10), http.StatusSeeOther, ""},
		{"OKName", "name", "siti am", http.StatusOK, `href="` + want + `"`},
		{"ErrNIKUnknown", "nik", "3171019999990001", http.StatusNotFound, "No registrant has that value."},
		{"ErrPhoneMalformed", "phone", "12", http.StatusUnprocessableEntity, "Check the search"},
		{"ErrNameTooShort", "name", "si", http.StatusUnprocessableEntity, "Check the search"},
		{"ErrKind", "kk", testKK, http.StatusUnprocessableEntity, "Check the search"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := c.do(t, "POST", "/ops/registrants?lang=en", tokSupport, url.Values{"by": {tt.by}, "q": {tt.q}})
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body.String())
			}
			if tt.status == http.StatusSeeOther && rec.Header().Get("Location") != want {
				t.Fatalf("redirect to %q, want %q", rec.Header().Get("Location"), want)
			}
			if !strings.Contains(rec.Body.String(), tt.body) {
				t.Fatalf("body lacks %q", tt.body)
			}
			if strings.Contains(rec.Body.String(), testNIK) || strings.Contains(rec.Header().Get("Location"), testNIK) {
				t.Fatal("the NIK came back")
			}
		})
	}
	if rec := c.do(t, "POST", "/ops/registrants", tokChecker, url.Values{"by": {"nik"}, "q": {testNIK}}); rec.Code != http.StatusForbidden {
		t.Fatalf("a finance checker searched: status %d", rec.Code)
	}
}
