package http

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/card"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/partnerauth"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/sqlite"
	"github.com/prakerja/prakerja/storetest"
)

// marketSQLite is a server on a real SQLite store and marketplace service
// with the seed catalogue and one credited participant.
type marketSQLite struct {
	srv   *Server
	seed  *marketplace.Seed
	keys  *pii.Keyring
	store interface {
		Messages(context.Context, prakerja.MessageFilter) ([]*prakerja.Message, error)
	}
	reg  int64
	card string
	// partners makes signing keys; unsigned reaches a second server on
	// the same store that still takes the old API keys.
	partners *partnerauth.Keys
	unsigned *Server
}

// partnerCred is a partner key as the partner holds it.
type partnerCred struct {
	id     string
	secret partnerauth.Secret
}

func newMarketSQLite(t *testing.T) *marketSQLite {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	if _, _, err := sqlite.Migrate(ctx, path); err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	keys, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	cfg := marketplace.DefaultConfig()
	cfg.Schemes = func(name string) (*scheme.Scheme, error) {
		sc, err := scheme.Builtin(name)
		if err != nil {
			return nil, err
		}
		sc = sc.Clone()
		sc.ProgrammeEnd = scheme.Date{Year: 2025, Month: time.December, Day: 15}
		return sc, nil
	}
	svc := marketplace.New(store, keys, fixedClock{storetest.T0}, cfg)
	m := &marketSQLite{keys: keys, store: store}
	if m.seed, err = svc.SeedCatalogue(ctx); err != nil {
		t.Fatal(err)
	}
	lw := storetest.MustLedgerWave(t, store, 1, 1_000_000)
	m.reg = lw.Participants[0]
	storetest.MustApply(t, store, prakerja.Transfer{ID: prakerja.CreditID(lw.Wave.ID, m.reg, prakerja.TransferCreditTraining, 1),
		DebitAccount: lw.Budget, CreditAccount: prakerja.ParticipantAccountID(m.reg, prakerja.AccountTraining),
		Amount: 1_000_000, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferCreditTraining})
	iss, err := card.NewIssuer("517690", []byte("0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	if m.card, err = iss.Number(uint64(m.reg)); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Writer().Exec(`UPDATE participants SET card_number = ? WHERE registration_id = ?`, m.card, m.reg); err != nil {
		t.Fatal(err)
	}
	auth := &mock.RegistrationService{AuthenticateFn: func(context.Context, string) (*prakerja.Registration, error) {
		return &prakerja.Registration{ID: m.reg, Status: prakerja.StatusSelected}, nil
	}}
	clock := fixedClock{storetest.T0}
	deps := Deps{Registrations: auth, Store: store, Clock: clock, Logger: slog.New(slog.DiscardHandler), Market: svc,
		Partners: partnerauth.NewVerifier(store, keys, clock)}
	m.srv = NewServer(Config{}, deps)
	m.unsigned = NewServer(Config{AllowUnsignedPartnerKeys: true}, deps)
	m.partners = partnerauth.NewKeys(store, keys, clock)
	return m
}

// key creates a signing key for a partner.
func (m *marketSQLite) key(t *testing.T, kind prakerja.PartnerKind, slug string) partnerCred {
	t.Helper()
	k, secret, err := m.partners.Create(context.Background(), kind, slug, "test")
	if err != nil {
		t.Fatal(err)
	}
	return partnerCred{id: k.KeyID, secret: secret}
}

// signed sends a request signed with c at the server's time.
func (m *marketSQLite) signed(t *testing.T, method, url, body string, c partnerCred) (int, string) {
	t.Helper()
	req := scenario{method: method, url: url, body: body}.request()
	if err := partnerauth.Sign(req, c.id, c.secret, storetest.T0); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder(m.srv, req)
	return rec.Code, rec.Body.String()
}

// do sends a request with optional headers and returns status and body.
func (m *marketSQLite) do(method, url, body string, header map[string]string, session bool) (int, string) {
	rec := newRecorder(m.srv, scenario{method: method, url: url, body: body, header: header, session: session}.request())
	return rec.Code, rec.Body.String()
}

// code reads the newest payment code from the outbox, as the phone would.
func (m *marketSQLite) code(t *testing.T) string {
	t.Helper()
	msgs, err := m.store.Messages(context.Background(), prakerja.MessageFilter{RegistrationID: m.reg,
		Template: notify.TemplatePurchaseOTP, Limit: 1})
	if err != nil || len(msgs) != 1 {
		t.Fatalf("payment SMS: %v %v", msgs, err)
	}
	p, err := notify.DecodeParams(m.keys, msgs[0])
	if err != nil {
		t.Fatal(err)
	}
	return p["code"]
}

// TestMarketSQLite buys, redeems, completes and reviews a seed course
// through the API with real keys, on the real service and SQLite store:
// the wiring (key hashing, SMS code, ledger, jobs) the fakes cannot show.
func TestMarketSQLite(t *testing.T) {
	t.Parallel()
	m := newMarketSQLite(t)
	platform := m.seed.Platforms[2] // Skill Academy: conflicted
	pkey := m.key(t, prakerja.PartnerPlatform, platform.Slug)
	code, body := m.do("GET", fmt.Sprintf("/api/v1/courses?platform=%d&conflict=true&limit=100", platform.ID), "", nil, false)
	var list courseListJSON
	if err := json.Unmarshal([]byte(body), &list); code != 200 || err != nil || len(list.Courses) == 0 {
		t.Fatalf("catalogue: %d %s", code, body)
	}
	course := list.Courses[0]
	if !course.ConflictOfInterest || course.Platform.ID != platform.ID {
		t.Fatalf("course %+v", course)
	}
	if code, body := m.signed(t, "POST", "/api/v1/platform/charges", `{"card_number":"`+m.card+`","course_id":1,"order_id":"x"}`,
		partnerCred{id: pkey.id, secret: partnerauth.NewSecret()}); code != http.StatusUnauthorized || !strings.Contains(body, `"signature_invalid"`) {
		t.Fatalf("wrong secret: %d %s", code, body)
	}
	code, body = m.signed(t, "POST", "/api/v1/platform/charges",
		fmt.Sprintf(`{"card_number":%q,"course_id":%d,"order_id":"SA-1"}`, m.card, course.ID), pkey)
	var charge purchaseJSON
	if err := json.Unmarshal([]byte(body), &charge); code != 201 || err != nil {
		t.Fatalf("charge: %d %s", code, body)
	}
	code, body = m.signed(t, "POST", fmt.Sprintf("/api/v1/platform/charges/%d/confirm", charge.ID), `{"otp":"`+m.code(t)+`"}`, pkey)
	var paid purchaseJSON
	if err := json.Unmarshal([]byte(body), &paid); code != 200 || err != nil || paid.VoucherCode == "" {
		t.Fatalf("confirm: %d %s", code, body)
	}
	m.finish(t, paid, course)
}

// finish redeems and completes the voucher as its provider, reviews it as
// the participant, and checks what the participant's list shows.
func (m *marketSQLite) finish(t *testing.T, paid purchaseJSON, course courseJSON) {
	t.Helper()
	var vkey, other partnerCred
	for _, p := range m.seed.Providers {
		switch {
		case p.ID == course.Provider.ID:
			vkey = m.key(t, prakerja.PartnerProvider, p.Slug)
		case other.id == "":
			other = m.key(t, prakerja.PartnerProvider, p.Slug)
		}
	}
	if code, _ := m.signed(t, "POST", "/api/v1/provider/vouchers/"+paid.VoucherCode+"/redeem", "", other); code != 404 {
		t.Fatalf("another provider redeemed: %d", code)
	}
	for _, step := range []string{"redeem", "complete"} {
		if code, body := m.signed(t, "POST", "/api/v1/provider/vouchers/"+paid.VoucherCode+"/"+step, "", vkey); code != 200 {
			t.Fatalf("%s: %d %s", step, code, body)
		}
	}
	url := fmt.Sprintf("/api/v1/me/purchases/%d/review", paid.ID)
	if code, body := m.do("POST", url, `{"stars":9,"text":"x"}`, nil, true); code != 422 || !strings.Contains(body, `"field":"stars"`) {
		t.Fatalf("bad review: %d %s", code, body)
	}
	if code, body := m.do("POST", url, `{"stars":4,"text":"Praktis."}`, nil, true); code != 200 {
		t.Fatalf("review: %d %s", code, body)
	}
	code, body := m.do("GET", "/api/v1/me/purchases", "", nil, true)
	want := fmt.Sprintf(`"balance":%d`, 1_000_000-paid.Amount)
	if code != 200 || !strings.Contains(body, want) || !strings.Contains(body, `"state":"completed"`) {
		t.Fatalf("mine: %d %s (want %s)", code, body, want)
	}
	code, body = m.do("GET", "/pelatihan-saya", "", nil, true)
	if code != 200 || !strings.Contains(body, "Praktis.") || !strings.Contains(body, paid.VoucherCode) {
		t.Fatalf("my trainings page: %d", code)
	}
}

// TestMarketOpsAndPagesSQLite renders the operator page and the public
// catalogue on the seed data: the five conflicted platforms and only
// they are marked, and the catalogue's next page continues by id.
func TestMarketOpsAndPagesSQLite(t *testing.T) {
	t.Parallel()
	m := newMarketSQLite(t)
	rec := (&opsEnv{srv: m.srv, ops: m.srv.OpsHandler()}).do(scenario{method: "GET", url: "/ops/market?lang=en"}.request())
	body := rec.Body.String()
	if rec.Code != 200 || strings.Count(body, `<tr class="attn">`) != 5 || !strings.Contains(body, "of 200 trainings") {
		t.Fatalf("ops market: %d %s", rec.Code, body)
	}
	if !strings.Contains(body, "<th>Pijar Mahir</th>") || strings.Contains(body, `<tr class="attn"><th>Tokopedia</th>`) {
		t.Fatal("conflict rows on the wrong platforms")
	}
	code, page := m.do("GET", "/pelatihan", "", nil, false)
	if code != 200 || !strings.Contains(page, "200 pelatihan ditemukan") || !strings.Contains(page, "/pelatihan?after=") {
		t.Fatalf("catalogue: %d", code)
	}
	if len(page) > 100_000 {
		t.Fatalf("catalogue page is %d bytes", len(page))
	}
}
