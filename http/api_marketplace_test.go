package http

import (
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/mock"
)

// marketCase is one marketplace request against the fake, optionally
// failing with err.
type marketCase struct {
	sc  scenario
	err error
}

// runMarket runs cases on fresh servers whose market fails with err.
func runMarket(t *testing.T, cases []marketCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.sc.name, func(t *testing.T) {
			t.Parallel()
			svc := &mock.RegistrationService{}
			withSession(svc, prakerja.StatusSelected)
			env := newTestEnv(t, svc)
			env.market.err = c.err
			c.sc.check(t, env.do(c.sc.request()))
		})
	}
}

// TestMarketCatalogueAPI reads the catalogue: each bad query parameter is
// its own field error, and the conflict flag and rupiah text are in the
// answer.
func TestMarketCatalogueAPI(t *testing.T) {
	t.Parallel()
	runMarket(t, []marketCase{
		{sc: scenario{name: "OK", method: "GET", url: "/api/v1/courses?q=pemasaran&conflict=true&limit=5&platform=3",
			wantStatus: 200, wantBody: []string{`"conflict_of_interest":true`, `"price_text":"Rp 250.000"`, `"total":1`,
				`"next_after":0`}, notBody: []string{`"description"`}}},
		{sc: scenario{name: "ErrLimit", method: "GET", url: "/api/v1/courses?limit=101", wantStatus: 422,
			wantBody: []string{`"field":"limit"`}}},
		{sc: scenario{name: "ErrLimitZero", method: "GET", url: "/api/v1/courses?limit=0", wantStatus: 422,
			wantBody: []string{`"field":"limit"`}}},
		{sc: scenario{name: "ErrConflict", method: "GET", url: "/api/v1/courses?conflict=maybe", wantStatus: 422,
			wantBody: []string{`"field":"conflict"`}}},
		{sc: scenario{name: "ErrPrice", method: "GET", url: "/api/v1/courses?max_price=-5", wantStatus: 422,
			wantBody: []string{`"field":"max_price"`}}},
		{sc: scenario{name: "ErrSearch", method: "GET", url: "/api/v1/courses?q=" + strings.Repeat("a", 101), wantStatus: 422,
			wantBody: []string{`"field":"q"`}}},
		{sc: scenario{name: "Detail", method: "GET", url: "/api/v1/courses/17", wantStatus: 200,
			wantBody: []string{`"description":"Video, modul, dan tugas praktik."`, `"platform":{"id":3,"name":"Skill Academy"}`}}},
		{sc: scenario{name: "ErrDetailBadID", method: "GET", url: "/api/v1/courses/abc", wantStatus: 404}},
		{sc: scenario{name: "ErrDetailUnknown", method: "GET", url: "/api/v1/courses/99", wantStatus: 404}},
	})
}

// TestMarketPlatformAPI charges and confirms through the platform routes
// and maps each marketplace code to its status; the card number is never
// echoed.
func TestMarketPlatformAPI(t *testing.T) {
	t.Parallel()
	charge := `{"card_number":"5176900000000013","course_id":17,"order_id":"TKP-1"}`
	key := map[string]string{platformKeyHeader: "k"}
	post := func(name, url, body string, status int, err error, want ...string) marketCase {
		return marketCase{sc: scenario{name: name, method: "POST", url: url, body: body, header: key,
			wantStatus: status, wantBody: want, notBody: []string{"5176900000000013"}}, err: err}
	}
	runMarket(t, []marketCase{
		post("Charge", "/api/v1/platform/charges", charge, 201, nil, `"state":"pending"`, `"otp_expires_at"`),
		post("ErrCardUnknown", "/api/v1/platform/charges", charge, 404, prakerja.Errorf(prakerja.CodeCardUnknown, "x"), `"code":"card_unknown"`),
		post("ErrCardRevoked", "/api/v1/platform/charges", charge, 403, prakerja.Errorf(prakerja.CodeCardRevoked, "x")),
		post("ErrProgrammeEnded", "/api/v1/platform/charges", charge, 403, prakerja.Errorf(prakerja.CodeProgrammeEnded, "x")),
		post("ErrBalance", "/api/v1/platform/charges", charge, 409, prakerja.Errorf(prakerja.CodeBalanceInsufficient, "x")),
		post("ErrReviewRequired", "/api/v1/platform/charges", charge, 409, prakerja.Errorf(prakerja.CodeReviewRequired, "x")),
		post("ErrOrderTaken", "/api/v1/platform/charges", charge, 409, prakerja.Errorf(prakerja.CodeOrderTaken, "x")),
		post("ErrUnknownField", "/api/v1/platform/charges", `{"card":"1"}`, 400, nil),
		post("Confirm", "/api/v1/platform/charges/41/confirm", `{"otp":"123456"}`, 200, nil, `"voucher_code":"7K2QX9M4RT1B"`, `"state":"paid"`),
		post("ErrConfirmID", "/api/v1/platform/charges/x/confirm", `{"otp":"123456"}`, 404, nil),
		post("ErrOTP", "/api/v1/platform/charges/41/confirm", `{"otp":"1"}`, 422, prakerja.Errorf(prakerja.CodeOTPInvalid, "x")),
		post("Refund", "/api/v1/platform/vouchers/7K2QX9M4RT1B/refund", "", 200, nil, `"state":"refunded"`),
		post("ErrRefundState", "/api/v1/platform/vouchers/7K2QX9M4RT1B/refund", "{}", 409, prakerja.Errorf(prakerja.CodeVoucherState, "x")),
		{sc: scenario{name: "Redeem", method: "POST", url: "/api/v1/provider/vouchers/7K2QX9M4RT1B/redeem",
			header: map[string]string{providerKeyHeader: "k"}, wantStatus: 200, wantBody: []string{`"state":"redeemed"`}}},
		{sc: scenario{name: "Complete", method: "POST", url: "/api/v1/provider/vouchers/7K2QX9M4RT1B/complete",
			header: map[string]string{providerKeyHeader: "k"}, wantStatus: 200, wantBody: []string{`"certificate":"PK-2020-0000000041"`}}},
		{sc: scenario{name: "ErrVoucherUnknown", method: "POST", url: "/api/v1/provider/vouchers/NOPE/redeem",
			header: map[string]string{providerKeyHeader: "k"}, wantStatus: 404}, err: prakerja.Errorf(prakerja.CodeVoucherUnknown, "x")},
	})
}

// TestMarketMeAPI lists the participant's trainings and reviews one.
func TestMarketMeAPI(t *testing.T) {
	t.Parallel()
	runMarket(t, []marketCase{
		{sc: scenario{name: "Mine", method: "GET", url: "/api/v1/me/purchases", session: true, wantStatus: 200,
			wantBody: []string{`"balance":750000`, `"certificate":"PK-2020-0000000041"`}}},
		{sc: scenario{name: "ErrMineNoSession", method: "GET", url: "/api/v1/me/purchases", wantStatus: 401}},
		{sc: scenario{name: "Review", method: "POST", url: "/api/v1/me/purchases/41/review", session: true,
			body: `{"stars":5,"text":"Bagus"}`, wantStatus: 200, wantBody: []string{`"review":{"stars":5,"text":"Bagus"`}}},
		{sc: scenario{name: "ErrReviewState", method: "POST", url: "/api/v1/me/purchases/41/review", session: true,
			body: `{"stars":5,"text":"Bagus"}`, wantStatus: 409}, err: prakerja.Errorf(prakerja.CodeVoucherState, "x")},
	})
	svc := &mock.RegistrationService{}
	withSession(svc, prakerja.StatusSelected)
	env := newTestEnv(t, svc)
	env.do(scenario{method: "POST", url: "/api/v1/platform/charges", header: map[string]string{platformKeyHeader: "k"},
		body: `{"card_number":"5176900000000013","course_id":17,"order_id":"TKP-1","locale":"en"}`}.request())
	if got := env.market.lastCharge; got != (marketplace.ChargeInput{CardNumber: "5176900000000013", CourseID: 17,
		OrderID: "TKP-1", Locale: "en"}) {
		t.Fatalf("charge input %+v", got)
	}
}
