package http

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/card"
	"github.com/prakerja/prakerja/complaint"
	"github.com/prakerja/prakerja/datarequest"
	"github.com/prakerja/prakerja/internal/browsertest"
	"github.com/prakerja/prakerja/jobs"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/registration"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/staff"
	"github.com/prakerja/prakerja/storetest"
	"github.com/prakerja/prakerja/targeting"
)

// The browser tests' participant: testNIK's holder, born 5 June 1990,
// selected in a wave, with a card and training balance.
const browserBirthDate = "1990-06-05"

// browserEnv is the whole programme behind a real listener: the same
// services `prakerja serve` wires, on a fresh SQLite store, at a fixed
// clock just after a wave's draw.
type browserEnv struct {
	ts    *httptest.Server
	srv   *Server
	store *sqldb.Store
	keys  *pii.Keyring
	clock fixedClock
	reg   int64 // the participant's registration
	wave  int64 // the participant's wave
	staff *staff.Service
	// complaint and dataRequest are the participant's open complaint and
	// correction request, for the console's detail pages.
	complaint, dataRequest int64
	b                      *browsertest.Browser
}

// newBrowserEnv starts the server and one headless Chromium for it.
func newBrowserEnv(t *testing.T) *browserEnv {
	t.Helper()
	browsertest.RequireAxe(t)
	e := &browserEnv{store: openSQLite(t), clock: fixedClock{storetest.AfterClose.Add(time.Hour)}}
	var err error
	if e.keys, err = pii.NewKeyFile("k1").Keyring(); err != nil {
		t.Fatal(err)
	}
	var h http.Handler = http.NotFoundHandler()
	e.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(e.ts.Close)
	e.srv = e.newServer(t)
	h = e.srv.Handler()
	e.reg = e.participant(t)
	e.requests(t)
	e.b = browsertest.New(t)
	return e
}

// newServer wires the services as cmd/prakerja does.
func (e *browserEnv) newServer(t *testing.T) *Server {
	t.Helper()
	ctx := context.Background()
	sch, err := scheme.Builtin("2020")
	if err != nil {
		t.Fatal(err)
	}
	sch = sch.Clone()
	sch.ProgrammeEnd = scheme.Date{Year: 2025, Month: time.December, Day: 15}
	rc := registration.DefaultConfig()
	rc.BaseURL = e.ts.URL
	regs := registration.New(e.store, e.keys, e.clock, rc)
	mc := marketplace.DefaultConfig()
	mc.Schemes = func(name string) (*scheme.Scheme, error) {
		if name == sch.Name {
			return sch, nil
		}
		return scheme.Builtin(name)
	}
	market := marketplace.New(e.store, e.keys, e.clock, mc)
	if _, err := market.SeedCatalogue(ctx); err != nil {
		t.Fatal(err)
	}
	pays := payout.New(e.store, e.keys, e.clock, &inquirerFake{nik: testNIK}, payout.DefaultConfig())
	// Cheap password hashing: the test signs in once per role, and the
	// production cost (64 MiB per hash) buys nothing here.
	cheap := &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}
	if e.staff, err = staff.New(staff.Options{Store: e.store, Keys: e.keys, Clock: e.clock, Params: cheap}); err != nil {
		t.Fatal(err)
	}
	return NewServer(Config{BaseURL: e.ts.URL}, Deps{Registrations: regs, Store: e.store,
		Logger: slog.New(slog.DiscardHandler), Clock: e.clock, Disputes: regs, Scheme: sch, Waves: e.store,
		Tests: regs, StatusChecks: regs, Views: jobs.NewService(e.store, sch), Market: market, Payout: pays,
		Keys: e.keys, Staff: e.staff, Complaints: complaint.New(e.store, e.keys, e.clock, complaint.DefaultConfig()),
		Targeting:    targeting.New(e.store, e.keys, e.clock, sch.Targeting.SocialAssistanceCategories),
		DataRequests: datarequest.New(e.store, e.keys, e.clock)})
}

// requests files a complaint and a correction request for the
// participant, as the registrant pages would.
func (e *browserEnv) requests(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	c, err := complaint.New(e.store, e.keys, e.clock, complaint.DefaultConfig()).Open(ctx, complaint.OpenInput{
		RegistrationID: e.reg, Category: prakerja.ComplaintBalanceOrVoucher, Locale: "id",
		Subject: "Saldo pelatihan belum masuk", Body: "Kartu sudah terbit tetapi saldo pelatihan masih nol."})
	if err != nil {
		t.Fatal(err)
	}
	e.complaint = c.ID
	d, err := datarequest.New(e.store, e.keys, e.clock).Open(ctx, e.reg, prakerja.DataCorrection,
		"Nama saya tertulis Siti Aminah, seharusnya Siti Aminah Rahayu.")
	if err != nil {
		t.Fatal(err)
	}
	e.dataRequest = d.ID
}

// participant stores a selected participant whose personal data is sealed
// with the server's keys (so sign-in by phone finds them), credited with
// the training entitlement and holding a card.
func (e *browserEnv) participant(t *testing.T) int64 {
	t.Helper()
	lw := storetest.MustLedgerWave(t, e.store, 1, 10_000_000)
	id := lw.Participants[0]
	e.wave = lw.Wave.ID
	storetest.MustApply(t, e.store, prakerja.Transfer{ID: prakerja.CreditID(lw.Wave.ID, id, prakerja.TransferCreditTraining, 1),
		DebitAccount: lw.Budget, CreditAccount: prakerja.ParticipantAccountID(id, prakerja.AccountTraining),
		Amount: 1_000_000, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferCreditTraining})
	iss, err := card.NewIssuer("517690", []byte("0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	number, err := iss.Number(uint64(id))
	if err != nil {
		t.Fatal(err)
	}
	phone, ok := registration.NormalizePhone(testPhone)
	if !ok {
		t.Fatal("test phone does not normalize")
	}
	seal := func(f prakerja.IndexField, v string) prakerja.Sealed {
		s, err := e.keys.Seal(f, v)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	nik, email, ph, kk := seal(prakerja.IndexNIK, testNIK), seal(prakerja.IndexEmail, testEmail),
		seal(prakerja.IndexPhone, phone), seal(prakerja.IndexKK, testKK)
	verified := storetest.T0.UnixMicro()
	if _, err := e.store.Writer().Exec(`UPDATE registrations SET full_name = ?, birth_date = ?, sex = 'F',
		nik_ct = ?, nik_idx = ?, email_ct = ?, email_idx = ?, phone_ct = ?, phone_idx = ?, kk_ct = ?, kk_idx = ?,
		email_verified_at = ?, phone_verified_at = ? WHERE id = ?`,
		"Siti Aminah", browserBirthDate, nik.Ciphertext, nik.Index, email.Ciphertext, email.Index,
		ph.Ciphertext, ph.Index, kk.Ciphertext, kk.Index, verified, verified, id); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.Writer().Exec(`UPDATE participants SET card_number = ? WHERE registration_id = ?`, number, id); err != nil {
		t.Fatal(err)
	}
	return id
}

// tab opens a page with cookies of its own, so parallel subtests' sessions
// and language choices stay apart.
func (e *browserEnv) tab(t *testing.T) *browsertest.Page {
	t.Helper()
	return e.b.Incognito(t, e.ts.URL)
}

// message reads the newest outbox message of template for reg, as the
// registrant's phone or mailbox would show it.
func (e *browserEnv) message(t *testing.T, reg int64, template string) map[string]string {
	t.Helper()
	msgs, err := e.store.Messages(context.Background(), prakerja.MessageFilter{RegistrationID: reg, Template: template, Limit: 1})
	if err != nil || len(msgs) != 1 {
		t.Fatalf("outbox %s for %d: %v %v", template, reg, msgs, err)
	}
	p, err := notify.DecodeParams(e.keys, msgs[0])
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// signIn signs the participant in through /login with the phone number and
// the SMS code from the outbox, in a tab with cookies of its own.
func (e *browserEnv) signIn(t *testing.T) *browsertest.Page {
	t.Helper()
	p := e.tab(t)
	p.Go("/login?lang=id")
	p.Fill("#identifier", "0812-3456-7890")
	if got := p.Click("form[action='/login'] button[type=submit]"); got != http.StatusOK {
		t.Fatalf("send code: status %d: %s", got, p.Body())
	}
	p.Fill("#code", e.message(t, e.reg, notify.TemplateLoginOTP)["code"])
	if got := p.Click("form[action='/login/confirm'] button[type=submit]"); got != http.StatusOK {
		t.Fatalf("confirm code: status %d: %s", got, p.Body())
	}
	if loc := p.Location(); !strings.HasSuffix(loc, "/dashboard") {
		t.Fatalf("after sign-in at %s, want /dashboard; page: %s", loc, p.Body())
	}
	return p
}

// pageFaults are texts that only a broken page shows: a missing
// translation, a template's missing value, a bad format verb, or the
// renderer's own failure.
var pageFaults = []string{"⟦", "<no value>", "%!", "Internal error", "template:"}

// checkPage fails when the loaded page's h1 is empty or not want (given in
// the page's language; "" takes any), or the page shows any of pageFaults.
func checkPage(t *testing.T, p *browsertest.Page, want string) {
	t.Helper()
	if !p.Has("h1") {
		t.Errorf("%s: no h1; page: %s", p.Location(), p.Body())
		return
	}
	switch got := strings.TrimSpace(p.Text("h1")); {
	case got == "":
		t.Errorf("%s: empty h1", p.Location())
	case want != "" && got != want:
		t.Errorf("%s: h1 = %q, want %q", p.Location(), got, want)
	}
	body := p.Body()
	for _, f := range pageFaults {
		if strings.Contains(body, f) {
			t.Errorf("%s shows %q: %s", p.Location(), f, body)
		}
	}
}
