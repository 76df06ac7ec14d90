package http

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/payout"
)

// payoutFake is an in-memory PayoutService for the handlers: it links any
// account, answers with fixture accounts and payments, and err (when set)
// fails every call. linkErr refuses RequestLink alone, with the refused
// account, as payout.Service does.
type payoutFake struct {
	mu      sync.Mutex
	err     error
	linkErr error
	// confirmErr fails ConfirmLink alone, so the page still lists accounts.
	confirmErr error
	overview   *payout.Overview
	calls      []string
	lastLink   payout.AccountRequest
}

var _ PayoutService = (*payoutFake)(nil)

func (f *payoutFake) record(call string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call)
	return f.err
}

// testPayoutAccount is an account fixture in state st.
func testPayoutAccount(st prakerja.PayoutAccountState) *prakerja.PayoutAccount {
	a := &prakerja.PayoutAccount{ID: 12, RegistrationID: 42, Provider: "BNI", NumberMasked: "6789", State: st,
		Number: prakerja.Sealed{Ciphertext: []byte("sealed-0123456789")}, HolderSealed: []byte("sealed-SITI AMINAH"),
		CreatedAt: testNow}
	if st == prakerja.PayoutAccountVerified {
		a.VerifiedAt = testNow.Add(time.Minute)
	}
	return a
}

func (f *payoutFake) RequestLink(_ context.Context, in payout.AccountRequest) (*prakerja.PayoutAccount, error) {
	if err := f.record("link"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastLink = in
	if f.linkErr != nil {
		a := testPayoutAccount(prakerja.PayoutAccountRefused)
		a.Reason = prakerja.ErrorCode(f.linkErr)
		return a, f.linkErr
	}
	return testPayoutAccount(prakerja.PayoutAccountPending), nil
}

func (f *payoutFake) ConfirmLink(context.Context, int64, int64, string) (*prakerja.PayoutAccount, error) {
	if err := f.record("confirm"); err != nil {
		return nil, err
	}
	if f.confirmErr != nil {
		return nil, f.confirmErr
	}
	return testPayoutAccount(prakerja.PayoutAccountVerified), nil
}

func (f *payoutFake) Unlink(context.Context, int64, string) error { return f.record("unlink") }

func (f *payoutFake) Overview(context.Context, int64) (*payout.Overview, error) {
	if err := f.record("overview"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.overview != nil {
		return f.overview, nil
	}
	v := testPayoutAccount(prakerja.PayoutAccountVerified)
	return &payout.Overview{Verified: v, Accounts: []*prakerja.PayoutAccount{v}}, nil
}

// isoReasons are the partner's reason codes the page translates, and one
// it does not know.
var isoReasons = map[string]map[locale]string{
	"AC01": {localeID: "Nomor rekening salah.", localeEN: "The account number is wrong."},
	"AC04": {localeID: "Rekening sudah ditutup.", localeEN: "The account is closed."},
	"AC06": {localeID: "Rekening diblokir.", localeEN: "The account is blocked."},
	"AM04": {localeID: "Mitra belum dapat membayar", localeEN: "could not pay this amount"},
	"AM05": {localeID: "Pembayaran ganda ditolak.", localeEN: "A duplicate payment was refused."},
	"BE01": {localeID: "Pemilik rekening bukan peserta.", localeEN: "The account holder is not the participant."},
	"MS03": {localeID: "alasan lain", localeEN: "for another reason"},
	"RR03": {localeID: "Nama atau alamat pemilik", localeEN: "name or address is missing"},
	"AG01": {localeID: "batas saldo e-wallet", localeEN: "e-wallet balance limit"},
	"NARR": {localeID: "Ditolak mitra (kode NARR).", localeEN: "Rejected by the partner (code NARR)."},
}

// TestPayoutPaymentsPage shows one rejected payment per reason code, in
// both languages, on the page and in the API: state, kind and slot,
// amount in rupiah, date in WIB, and the reason translated by code.
func TestPayoutPaymentsPage(t *testing.T) {
	t.Parallel()
	for code, texts := range isoReasons {
		for _, l := range []locale{localeID, localeEN} {
			t.Run(code+"/"+string(l), func(t *testing.T) {
				t.Parallel()
				env := newTestEnv(t, okService())
				acct := testPayoutAccount(prakerja.PayoutAccountVerified)
				env.payout.overview = &payout.Overview{Verified: acct, Accounts: []*prakerja.PayoutAccount{acct},
					Payments: []*prakerja.Payment{{ID: 3, Kind: prakerja.TransferUnlockSurvey, Slot: 2, Attempt: 1, Amount: 50_000,
						Provider: "BNI", PayoutAccountID: 12, State: prakerja.PaymentRejected, Reason: code,
						Reference: "PKJ000000000042S2", CreatedAt: testNow, ResolvedAt: testNow.Add(48 * time.Hour)}}}
				kind := map[locale]string{localeID: "Insentif survei ke-2", localeEN: "Survey incentive 2"}[l]
				state := map[locale]string{localeID: "Ditolak mitra", localeEN: "Rejected by the partner"}[l]
				sc := scenario{method: "GET", url: "/rekening?lang=" + string(l), session: true, wantStatus: http.StatusOK,
					wantBody: []string{texts[l], kind, state, "Rp 50.000", "16-04-2020 10:00 WIB", "•••• 6789", "Bank Negara Indonesia"},
					notBody:  []string{"0123456789", "SITI AMINAH", "sealed-", "PKJ000000000042S2", "⟦"}}
				sc.check(t, env.do(sc.request()))
				api := scenario{method: "GET", url: "/api/v1/me/payout?lang=" + string(l), session: true, wantStatus: http.StatusOK,
					wantBody: []string{`"reason":"` + code + `"`, `"state":"rejected"`, `"kind":"survey"`, `"number_last4":"6789"`},
					notBody:  []string{"0123456789", "SITI AMINAH", "sealed-"}}
				api.check(t, env.do(api.request()))
			})
		}
	}
}

// TestPayoutFakeRoutes covers the answers the fake can provoke: each
// refusal code through the page and the API, the unlink confirmation
// step, and a server without payouts.
func TestPayoutFakeRoutes(t *testing.T) {
	t.Parallel()
	refusals := []struct {
		code  prakerja.Code
		id    string // a part of the Indonesian text
		field string
	}{
		{prakerja.CodePayoutNIKMismatch, "terdaftar atas NIK lain", "account_number"},
		{prakerja.CodePayoutNameMismatch, "tidak sama dengan nama di KTP", "account_number"},
		{prakerja.CodePayoutAccountNotFound, "tidak ditemukan oleh mitra", "account_number"},
		{prakerja.CodePayoutAccountClosed, "ditutup atau diblokir", "account_number"},
		{prakerja.CodePayoutNotKYC, "belum di-upgrade", "account_number"},
		{prakerja.CodePayoutPhoneMismatch, "nomor HP yang terdaftar di Kartu Prakerja", "account_number"},
		{prakerja.CodePayoutProvider, "Pilih salah satu bank", "provider"},
		{prakerja.CodeBadFormat, "6 sampai 20 angka", "account_number"},
	}
	for _, tc := range refusals {
		t.Run(string(tc.code), func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, okService())
			env.payout.linkErr = prakerja.Errorf(tc.code, "refused")
			sc := scenario{method: "POST", url: "/rekening", body: "provider=BNI&account_number=0123456789", session: true,
				wantStatus: http.StatusUnprocessableEntity, wantBody: []string{tc.id, `href="#` + tc.field + `"`},
				notBody: []string{"⟦"}}
			sc.check(t, env.do(sc.request()))
			api := scenario{method: "POST", url: "/api/v1/me/payout-accounts", body: `{"provider":"BNI","number":"0123456789"}`,
				session: true, wantStatus: http.StatusUnprocessableEntity, wantType: contentTypeProblem,
				wantBody: []string{`"code":"` + string(tc.code) + `"`}, notBody: []string{"0123456789"}}
			api.check(t, env.do(api.request()))
		})
	}
	cases := []struct {
		name  string
		setup func(*payoutFake)
		sc    scenario
	}{
		{"LinkRedirects", nil, scenario{method: "POST", url: "/rekening", body: "provider=OVO&account_number=0812", session: true,
			wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/rekening?sent=1#kode"}}},
		{"LinkAPI", nil, scenario{method: "POST", url: "/api/v1/me/payout-accounts", body: `{"provider":"BNI","number":"0123456789"}`,
			session: true, wantStatus: http.StatusAccepted, wantBody: []string{`"id":12`, `"state":"pending"`, `"number_last4":"6789"`},
			notBody: []string{"0123456789", "SITI"}}},
		{"ConfirmAPI", nil, scenario{method: "POST", url: "/api/v1/me/payout-accounts/12/confirmations", body: `{"code":"123456"}`,
			session: true, wantStatus: http.StatusOK, wantBody: []string{`"state":"verified"`}}},
		{"ConfirmBadID", nil, scenario{method: "POST", url: "/api/v1/me/payout-accounts/x/confirmations", body: `{"code":"123456"}`,
			session: true, wantStatus: http.StatusNotFound, wantBody: []string{`"code":"not_found"`}}},
		{"ConfirmWrongCode", func(f *payoutFake) {
			f.confirmErr = prakerja.Errorf(prakerja.CodeOTPInvalid, "x")
			p := testPayoutAccount(prakerja.PayoutAccountPending)
			f.overview = &payout.Overview{Pending: p, Accounts: []*prakerja.PayoutAccount{p}}
		}, scenario{method: "POST", url: "/rekening/kode", body: "account=12&code=000000", session: true,
			wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`id="code-error"`, "Kode salah.", `name="account" value="12"`}}},
		{"UnlinkNeedsConfirmation", nil, scenario{method: "POST", url: "/rekening/putus", body: "", session: true,
			header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, wantStatus: http.StatusUnprocessableEntity,
			wantBody: []string{"Centang konfirmasi untuk memutuskan rekening."}}},
		{"UnlinkPage", nil, scenario{method: "POST", url: "/rekening/putus", body: "confirm=yes", session: true,
			wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/rekening?unlinked=1"}}},
		{"UnlinkAPI", nil, scenario{method: "DELETE", url: "/api/v1/me/payout-account", session: true, wantStatus: http.StatusNoContent}},
		{"NoSessionAPI", nil, scenario{method: "GET", url: "/api/v1/me/payout", wantStatus: http.StatusUnauthorized}},
		{"NoSessionPage", nil, scenario{method: "GET", url: "/rekening", wantStatus: http.StatusSeeOther,
			wantHeader: map[string]string{"Location": "/login"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, okService())
			if tc.setup != nil {
				tc.setup(env.payout)
			}
			tc.sc.check(t, env.do(tc.sc.request()))
		})
	}
}

// TestPayoutUnlinkedShowsLinkForm checks the page of a participant
// without an account: the form groups banks and e-wallets, asks for a
// numeric number with the e-wallet hint, and offers no unlink.
func TestPayoutUnlinkedShowsLinkForm(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	env.payout.overview = &payout.Overview{}
	sc := scenario{method: "GET", url: "/rekening?lang=en", session: true, wantStatus: http.StatusOK,
		wantBody: []string{`<optgroup label="Banks">`, `<optgroup label="E-wallets">`, `<option value="DANA"`,
			`inputmode="numeric"`, "the e-wallet must be upgraded", "You have not linked"},
		notBody: []string{`action="/rekening/putus"`, `action="/rekening/kode"`}}
	sc.check(t, env.do(sc.request()))
}

// TestPayoutOff answers unavailable on a server without payouts.
func TestPayoutOff(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, okService())
	env.srv.payout = nil
	for _, u := range []string{"/api/v1/me/payout", "/rekening"} {
		rec := env.do(scenario{method: "GET", url: u, session: true}.request())
		if rec.Code != http.StatusServiceUnavailable || strings.Contains(rec.Body.String(), "⟦") {
			t.Errorf("%s: %d %s", u, rec.Code, rec.Body)
		}
	}
}

// TestPayoutTexts checks that every account state, payment state, slot
// kind and partner reason code the domain knows has a text in both
// languages, so no page shows a bare key.
func TestPayoutTexts(t *testing.T) {
	t.Parallel()
	keys := []string{"payout.kind.incentive", "payout.kind.survey", "payout.bad_format.bank", "payout.bad_format.ewallet"}
	for _, st := range []prakerja.PayoutAccountState{prakerja.PayoutAccountPending, prakerja.PayoutAccountVerified,
		prakerja.PayoutAccountUnlinked, prakerja.PayoutAccountRefused} {
		keys = append(keys, "payout.state."+string(st))
	}
	for _, st := range []prakerja.PaymentState{prakerja.PaymentReserved, prakerja.PaymentSent, prakerja.PaymentPaid,
		prakerja.PaymentRejected, prakerja.PaymentCancelled} {
		keys = append(keys, "payout.payment."+string(st))
	}
	for code := range payout.ReasonText {
		keys = append(keys, "payout.iso."+code)
	}
	for _, l := range []locale{localeID, localeEN} {
		for _, k := range keys {
			if _, ok := messages[l][k]; !ok {
				t.Errorf("%s: no text for %q", l, k)
			}
		}
		for _, p := range prakerja.PayoutProviders {
			if k := "payout.bad_format." + string(p.Kind); messages[l][k] == "" {
				t.Errorf("%s: no format hint for %s", l, p.Code)
			}
		}
	}
}

// IngestFrom answers as if each file posted one payment.
func (f *payoutFake) IngestFrom(context.Context, string, []byte) (*prakerja.IngestOutcome, error) {
	if err := f.record("IngestFrom"); err != nil {
		return nil, err
	}
	return &prakerja.IngestOutcome{Posted: 1}, nil
}
