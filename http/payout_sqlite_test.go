package http

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/registration"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/storetest"
)

// Payout fixtures: the participant's registered name and phone, and the
// partner's accounts. None of the numbers or names may reach a response.
const (
	payoutName        = "Siti Aminah"
	payoutPhoneTyped  = "0812-3456-7890" // testPhone as a participant types it
	payoutBankOK      = "0123456789"
	payoutBankOther   = "0987654321"
	payoutOtherPhone  = "081299998888"
	payoutHolderUpper = "SITI AMINAH"
	payoutOtherHolder = "BUDI SANTOSO"
)

// inquirerFake is a partner's inquiry API: accounts by "PROVIDER/number",
// each holder found unless absent; the NIK matches when the holder is
// marked so and the asked NIK is the participant's.
type inquirerFake struct {
	nik      string
	accounts map[string]prakerja.AccountHolder
}

var _ prakerja.AccountInquirer = (*inquirerFake)(nil)

func (f *inquirerFake) Inquire(_ context.Context, q prakerja.AccountInquiry) (*prakerja.AccountHolder, error) {
	h, ok := f.accounts[q.Provider+"/"+q.Account]
	if !ok {
		return &prakerja.AccountHolder{}, nil
	}
	h.NIKMatches = h.NIKMatches && q.NIK == f.nik
	return &h, nil
}

// payoutSQLite is a server on a real SQLite store and payout.Service with
// one selected participant whose NIK, phone and name are sealed with real
// keys, and a partner that knows the fixture accounts.
type payoutSQLite struct {
	srv   *Server
	store *sqldb.Store
	keys  *pii.Keyring
	reg   int64
	mu    sync.Mutex
	seen  []string // every response body, for the personal-data check
}

func newPayoutSQLite(t *testing.T) *payoutSQLite {
	t.Helper()
	store := openSQLite(t)
	keys, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		t.Fatal(err)
	}
	_, ids := storetest.MustParticipants(t, store, 1)
	phone, ok := registration.NormalizePhone(testPhone)
	if !ok {
		t.Fatal("test phone does not normalize")
	}
	nikSealed, err := keys.Seal(prakerja.IndexNIK, testNIK)
	if err != nil {
		t.Fatal(err)
	}
	phoneSealed, err := keys.Seal(prakerja.IndexPhone, phone)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Writer().Exec(`UPDATE registrations SET full_name = ?, nik_ct = ?, nik_idx = ?, phone_ct = ?, phone_idx = ? WHERE id = ?`,
		payoutName, nikSealed.Ciphertext, nikSealed.Index, phoneSealed.Ciphertext, phoneSealed.Index, ids[0]); err != nil {
		t.Fatal(err)
	}
	own := prakerja.AccountHolder{Found: true, KYC: true, NIKMatches: true, HolderName: payoutHolderUpper}
	with := func(edit func(*prakerja.AccountHolder)) prakerja.AccountHolder { h := own; edit(&h); return h }
	inq := &inquirerFake{nik: testNIK, accounts: map[string]prakerja.AccountHolder{
		"BNI/" + payoutBankOK:    own,
		"BRI/" + payoutBankOther: with(func(h *prakerja.AccountHolder) { h.HolderName = payoutName }),
		"BNI/1111111111":         with(func(h *prakerja.AccountHolder) { h.Closed = true }),
		"BNI/2222222222":         with(func(h *prakerja.AccountHolder) { h.NIKMatches = false; h.HolderName = payoutOtherHolder }),
		"BNI/3333333333":         with(func(h *prakerja.AccountHolder) { h.HolderName = payoutOtherHolder }),
		"OVO/" + phone:           with(func(h *prakerja.AccountHolder) { h.KYC = false }),
		"DANA/" + phone:          own,
	}}
	svc := payout.New(store, keys, fixedClock{storetest.T0}, inq, payout.DefaultConfig())
	p := &payoutSQLite{store: store, keys: keys, reg: ids[0]}
	auth := &mock.RegistrationService{AuthenticateFn: func(_ context.Context, tok string) (*prakerja.Registration, error) {
		if tok != testToken {
			return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "Session expired.")
		}
		return &prakerja.Registration{ID: p.reg, Status: prakerja.StatusSelected}, nil
	}}
	p.srv = NewServer(Config{}, Deps{Registrations: auth, Store: store, Clock: fixedClock{storetest.T0},
		Logger: slog.New(slog.DiscardHandler), Payout: svc})
	return p
}

// do sends sc with the session cookie, checks it, and keeps the body.
func (p *payoutSQLite) do(t *testing.T, sc scenario) string {
	t.Helper()
	sc.session = true
	rec := httpDo(p.srv, sc.request())
	sc.check(t, rec)
	body := rec.Body.String()
	p.mu.Lock()
	p.seen = append(p.seen, body, fmt.Sprint(rec.Header()))
	p.mu.Unlock()
	return body
}

// code reads the newest link code from the outbox, as the phone would.
func (p *payoutSQLite) code(t *testing.T) string {
	t.Helper()
	msgs, err := p.store.Messages(context.Background(), prakerja.MessageFilter{RegistrationID: p.reg,
		Template: notify.TemplatePayoutLinkOTP, Limit: 1})
	if err != nil || len(msgs) != 1 {
		t.Fatalf("link SMS: %v %v", msgs, err)
	}
	params, err := notify.DecodeParams(p.keys, msgs[0])
	if err != nil {
		t.Fatal(err)
	}
	return params["code"]
}

// overview reads GET /api/v1/me/payout.
func (p *payoutSQLite) overview(t *testing.T) payoutJSON {
	t.Helper()
	var o payoutJSON
	body := p.do(t, scenario{method: "GET", url: "/api/v1/me/payout", wantStatus: http.StatusOK})
	if err := json.Unmarshal([]byte(body), &o); err != nil {
		t.Fatalf("overview: %v %s", err, body)
	}
	return o
}

// noPersonalData fails if any response held a full account number, a
// phone number, the NIK or a holder's name.
func (p *payoutSQLite) noPersonalData(t *testing.T) {
	t.Helper()
	secrets := []string{payoutBankOK, payoutBankOther, "1111111111", "2222222222", "3333333333", "4444444444",
		testPhone, "81234567890", payoutOtherPhone, "81299998888", testNIK, payoutHolderUpper, payoutName, payoutOtherHolder}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, body := range p.seen {
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("a response holds %q", s)
			}
		}
	}
}

// payoutRefusals are the partner's (and the service's) refusals, each
// with the texts that tell the participant what to do; stored ones come
// back in the account history.
var payoutRefusals = []struct {
	name, provider, number string
	code                   prakerja.Code
	id, en                 string
	stored                 bool
}{
	{"ErrNIKMismatch", "BNI", "2222222222", prakerja.CodePayoutNIKMismatch, "terdaftar atas NIK lain", "registered to another NIK", true},
	{"ErrNameMismatch", "BNI", "3333333333", prakerja.CodePayoutNameMismatch, "tidak sama dengan nama di KTP", "does not match the name on your KTP", true},
	{"ErrNotFound", "BNI", "4444444444", prakerja.CodePayoutAccountNotFound, "tidak ditemukan oleh mitra", "found no such account", true},
	{"ErrClosed", "BNI", "1111111111", prakerja.CodePayoutAccountClosed, "ditutup atau diblokir", "closed or blocked", true},
	{"ErrNotKYC", "OVO", payoutPhoneTyped, prakerja.CodePayoutNotKYC, "belum di-upgrade", "not upgraded yet", true},
	{"ErrPhoneMismatch", "GOPAY", payoutOtherPhone, prakerja.CodePayoutPhoneMismatch, "nomor HP yang terdaftar di Kartu Prakerja", "phone number registered for your Kartu Prakerja", false},
	{"ErrBankFormat", "BNI", "12ab", prakerja.CodeBadFormat, "6 sampai 20 angka", "6 to 20 digits", false},
	{"ErrEwalletFormat", "DANA", "12", prakerja.CodeBadFormat, "Masukkan nomor HP e-wallet", "phone number, e.g. 0812 3456 7890", false},
	{"ErrProvider", "BANKX", payoutBankOK, prakerja.CodePayoutProvider, "Pilih salah satu bank", "Choose one of the listed banks", false},
}

// TestPayoutRefusalsSQLite sends every refusal through the page in both
// languages and through the API: each shows its own translated message,
// the API answers 422 problem+json with its code, and the history lists
// the stored refusals with their reasons.
func TestPayoutRefusalsSQLite(t *testing.T) {
	t.Parallel()
	p := newPayoutSQLite(t)
	for _, tc := range payoutRefusals {
		t.Run(tc.name, func(t *testing.T) {
			form := fmt.Sprintf("provider=%s&account_number=%s", tc.provider, tc.number)
			p.do(t, scenario{method: "POST", url: "/rekening?lang=id", body: form, wantStatus: http.StatusUnprocessableEntity,
				wantBody: []string{tc.id, `role="alert"`}, notBody: []string{"⟦"}})
			want := []string{tc.en, `<option value="` + tc.provider + `" selected>`, `id="account_number-error"`}
			if tc.code == prakerja.CodePayoutProvider {
				want = []string{tc.en, `id="provider-error"`}
			}
			p.do(t, scenario{method: "POST", url: "/rekening?lang=en", body: form, wantStatus: http.StatusUnprocessableEntity,
				wantBody: want, notBody: []string{"⟦"}})
			body, _ := json.Marshal(payoutAccountRequest{Provider: tc.provider, Number: tc.number})
			p.do(t, scenario{method: "POST", url: "/api/v1/me/payout-accounts", body: string(body),
				header: map[string]string{idempotencyKeyHeader: "refuse-" + tc.name}, wantStatus: http.StatusUnprocessableEntity,
				wantType: contentTypeProblem, wantBody: []string{`"code":"` + string(tc.code) + `"`}})
		})
	}
	o := p.overview(t)
	if o.Verified != nil || o.Pending != nil {
		t.Fatalf("refusals linked an account: %+v", o)
	}
	stored := map[prakerja.Code]int{}
	for _, a := range o.Accounts {
		if a.State != prakerja.PayoutAccountRefused || len(a.NumberLast4) != 4 {
			t.Errorf("account %+v", a)
		}
		stored[a.Reason]++
	}
	var wantEN []string
	for _, tc := range payoutRefusals {
		if got, want := stored[tc.code] > 0, tc.stored; got != want {
			t.Errorf("%s stored: %v, want %v", tc.code, got, want)
		}
		if tc.stored {
			wantEN = append(wantEN, tc.en)
		}
	}
	p.do(t, scenario{method: "GET", url: "/rekening?lang=en", wantStatus: http.StatusOK,
		wantBody: append(wantEN, "Account history", "Refused", "•••• 2222", "You have not linked")})
	p.noPersonalData(t)
}

// TestPayoutLinkSQLite links a bank account on the page with the SMS code
// from the outbox, replaces it with an e-wallet through the API, and
// unlinks it: each step's state on the page and in the API, and no full
// number or name in any response.
func TestPayoutLinkSQLite(t *testing.T) {
	t.Parallel()
	p := newPayoutSQLite(t)
	p.do(t, scenario{method: "GET", url: "/rekening", wantStatus: http.StatusOK, wantBody: []string{"Anda belum menyambungkan"}})
	p.do(t, scenario{method: "POST", url: "/rekening", body: "provider=BNI&account_number=" + payoutBankOK,
		wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/rekening?sent=1#kode"}})
	o := p.overview(t)
	if o.Pending == nil || o.Pending.State != prakerja.PayoutAccountPending || o.Pending.NumberLast4 != "6789" {
		t.Fatalf("pending: %+v", o.Pending)
	}
	id := fmt.Sprint(o.Pending.ID)
	p.do(t, scenario{method: "GET", url: "/rekening?sent=1", wantStatus: http.StatusOK,
		wantBody: []string{"Kode dikirim lewat SMS", "Bank Negara Indonesia •••• 6789", `action="/rekening/kode"`, `name="account" value="` + id + `"`}})
	code := p.code(t)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	p.do(t, scenario{method: "POST", url: "/rekening/kode", body: "account=" + id + "&code=" + wrong,
		wantStatus: http.StatusUnprocessableEntity, wantBody: []string{"Kode salah", `id="code-error"`}})
	p.do(t, scenario{method: "POST", url: "/rekening/kode", body: "account=" + id + "&code=" + code,
		wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/rekening?linked=1"}})
	for lang, want := range map[string][]string{
		"id": {"Rekening terverifikasi.", "Rekening aktif", "Terverifikasi", "•••• 6789", `action="/rekening/putus"`, "Ganti rekening"},
		"en": {"Account verified.", "Active account", "Verified", "•••• 6789", "Once unlinked, no further incentive"},
	} {
		p.do(t, scenario{method: "GET", url: "/rekening?linked=1&lang=" + lang, wantStatus: http.StatusOK, wantBody: want,
			notBody: []string{"⟦", `action="/rekening/kode"`}})
	}
	p.replaceByAPI(t, o.Pending.ID)
	p.unlink(t)
	p.noPersonalData(t)
}

// replaceByAPI links the e-wallet on the registered phone through the
// API; the bank account it replaces is unlinked.
func (p *payoutSQLite) replaceByAPI(t *testing.T, bankID int64) {
	t.Helper()
	body := p.do(t, scenario{method: "POST", url: "/api/v1/me/payout-accounts", body: `{"provider":"DANA","number":"` + payoutPhoneTyped + `"}`,
		header: map[string]string{idempotencyKeyHeader: "link-dana"}, wantStatus: http.StatusAccepted,
		wantBody: []string{`"state":"pending"`, `"provider":"DANA"`, `"kind":"ewallet"`, `"number_last4":"7890"`}})
	var a payoutAccountJSON
	if err := json.Unmarshal([]byte(body), &a); err != nil || a.ID == 0 {
		t.Fatalf("link: %v %s", err, body)
	}
	url := fmt.Sprintf("/api/v1/me/payout-accounts/%d/confirmations", a.ID)
	p.do(t, scenario{method: "POST", url: url, body: `{"code":"12"}`, wantStatus: http.StatusUnprocessableEntity,
		wantType: contentTypeProblem, wantBody: []string{`"code":"otp_invalid"`}})
	p.do(t, scenario{method: "POST", url: fmt.Sprintf("/api/v1/me/payout-accounts/%d/confirmations", bankID),
		body: `{"code":"123456"}`, wantStatus: http.StatusNotFound, wantBody: []string{`"code":"not_found"`}})
	p.do(t, scenario{method: "POST", url: url, body: `{"code":"` + p.code(t) + `"}`, wantStatus: http.StatusOK,
		wantBody: []string{`"state":"verified"`, `"id":` + fmt.Sprint(a.ID)}})
	o := p.overview(t)
	if o.Verified == nil || o.Verified.ID != a.ID || o.Pending != nil {
		t.Fatalf("after replace: %+v", o)
	}
	for _, x := range o.Accounts {
		if x.ID == bankID && x.State != prakerja.PayoutAccountUnlinked {
			t.Errorf("replaced bank account is %s", x.State)
		}
	}
	p.do(t, scenario{method: "GET", url: "/rekening?lang=en", wantStatus: http.StatusOK,
		wantBody: []string{"DANA", "•••• 7890", "Account history", "Unlinked", "•••• 6789"}})
}

// unlink refuses an unconfirmed unlink on the page, unlinks through the
// API, and finds nothing left to unlink.
func (p *payoutSQLite) unlink(t *testing.T) {
	t.Helper()
	p.do(t, scenario{method: "POST", url: "/rekening/putus", body: "confirm=no", wantStatus: http.StatusUnprocessableEntity,
		wantBody: []string{"Centang konfirmasi", `id="confirm-error"`}})
	if o := p.overview(t); o.Verified == nil {
		t.Fatal("an unconfirmed unlink unlinked")
	}
	p.do(t, scenario{method: "POST", url: "/rekening/putus", body: "confirm=yes", wantStatus: http.StatusSeeOther,
		wantHeader: map[string]string{"Location": "/rekening?unlinked=1"}})
	p.do(t, scenario{method: "DELETE", url: "/api/v1/me/payout-account", wantStatus: http.StatusNotFound,
		wantType: contentTypeProblem, wantBody: []string{`"code":"not_found"`}})
	p.do(t, scenario{method: "GET", url: "/rekening?unlinked=1", wantStatus: http.StatusOK,
		wantBody: []string{"Rekening diputuskan.", "Anda belum menyambungkan", "Diputuskan"}})
	if o := p.overview(t); o.Verified != nil {
		t.Fatalf("still verified: %+v", o.Verified)
	}
}
