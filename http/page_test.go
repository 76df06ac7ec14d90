package http

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/nik"
)

// pageBytesMax bounds a rendered page: a registrant on a cheap phone and a
// slow, metered link must get every page quickly.
const pageBytesMax = 100 << 10

var registerForm = url.Values{"full_name": {"Siti Aminah"}, "email": {testEmail}, "phone": {testPhone}, "nik": {testNIK},
	"kk": {testKK}, "birth_date": {"1990-06-05"}, "sex": {"F"}, "domicile_district": {testDistrict}, "province": {"31"}}.Encode()

func TestPagesRegister(t *testing.T) {
	t.Parallel()
	html := "text/html; charset=utf-8"
	ok := func(svc *mock.RegistrationService) { *svc = *okService() }
	runScenarios(t, []scenario{
		{name: "OKRegisterForm", method: "GET", url: "/register", wantStatus: http.StatusOK, wantType: html,
			wantBody: []string{`<html lang="id">`, `<label for="nik">NIK</label>`, `inputmode="numeric"`, `autocomplete="bday"`,
				`<label for="province">`, `<label for="domicile_district">`, `<label for="sex">Perempuan</label>`,
				`<label for="sex-m">`, `Pilih provinsi domisili di atas terlebih dahulu.`}, notBody: []string{"⟦", "<script"}},
		{name: "OKRegisterDistrictsGrouped", method: "GET", url: "/register?province=31", wantStatus: http.StatusOK,
			wantBody: []string{`<option value="31" selected>`, `<optgroup label="`, `<option value="31.71.01">`}},
		{name: "OKRegisterEnglish", method: "GET", url: "/register?lang=en", wantStatus: http.StatusOK,
			wantBody:   []string{`<html lang="en">`, `Create a Prakerja account`},
			wantHeader: map[string]string{"Set-Cookie": "lang=en; Path=/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax"}},
		{name: "OKRegisterAcceptLanguage", method: "GET", url: "/register", header: map[string]string{"Accept-Language": "en"},
			wantStatus: http.StatusOK, wantBody: []string{`<html lang="en">`}},
		{name: "OKRegisterLangCookie", method: "GET", url: "/register", header: map[string]string{"Cookie": "lang=en", "Accept-Language": "id"},
			wantStatus: http.StatusOK, wantBody: []string{`<html lang="en">`}},
		{name: "OKRegisterSubmit", method: "POST", url: "/register", body: registerForm, setup: ok,
			wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/register/sent"}},
		{name: "ErrNIKTakenKeepsValues", method: "POST", url: "/register", body: registerForm,
			setup:      registerReturns(prakerja.Errorf(prakerja.CodeNIKTaken, "Taken.")),
			wantStatus: http.StatusConflict,
			wantBody: []string{`class="summary" role="alert"`, `<a href="#nik">NIK: NIK ini sudah terdaftar.`,
				`id="nik-error"`, `aria-describedby="nik-hint nik-error" aria-invalid="true"`, `value="` + testNIK + `"`,
				`value="Siti Aminah"`, `value="F" checked`, `<option value="31.71.01" selected>`}},
		{name: "ErrInvalidFieldsInFormOrder", method: "POST", url: "/register?lang=en", body: registerForm,
			setup: registerReturns(&prakerja.Error{Code: prakerja.CodeInvalid, Message: "x", Fields: []prakerja.FieldError{
				{Field: "domicile_district", Code: prakerja.CodeUnknownRegion}, {Field: "sex", Code: prakerja.CodeNIKSexMismatch},
				{Field: "full_name", Code: prakerja.CodeRequired}}}),
			wantStatus: http.StatusUnprocessableEntity,
			wantBody: []string{`<a href="#full_name">Full name: Required.</a></li><li><a href="#sex">Sex: The sex does not match the NIK.</a></li><li><a href="#domicile_district">`,
				`id="sex-error"`, `id="domicile_district-error"`, `aria-describedby="domicile_district-hint domicile_district-error" aria-invalid="true"`}},
		{name: "ErrRateLimitedSaysWhen", method: "POST", url: "/register", body: registerForm,
			setup:      registerReturns(retryErr{prakerja.Errorf(prakerja.CodeRateLimited, "Slow down."), 20 * time.Minute}),
			wantStatus: http.StatusTooManyRequests, wantHeader: map[string]string{"Retry-After": "1200"},
			wantBody: []string{`Terlalu banyak percobaan. Coba lagi setelah pukul 10:20 WIB.`}},
		{name: "ErrRateLimitedWhenUnknown", method: "POST", url: "/register", body: registerForm,
			setup:      registerReturns(prakerja.Errorf(prakerja.CodeRateLimited, "Slow down.")),
			wantStatus: http.StatusTooManyRequests, wantHeader: map[string]string{"Retry-After": "60"},
			wantBody: []string{`Terlalu banyak percobaan. Coba lagi beberapa menit lagi.`}},
		{name: "ErrCrossOriginPost", method: "POST", url: "/register", body: registerForm, setup: ok,
			header:     map[string]string{"Sec-Fetch-Site": "cross-site"},
			wantStatus: http.StatusForbidden, wantType: html, wantBody: []string{`Anda tidak berhak melakukan ini.`}},
		{name: "OKSameOriginPost", method: "POST", url: "/register", body: registerForm, setup: ok,
			header: map[string]string{"Sec-Fetch-Site": "same-origin"}, wantStatus: http.StatusSeeOther},
		{name: "ErrFormTooLarge", method: "POST", url: "/register", body: "full_name=" + strings.Repeat("a", BodyMax), setup: ok,
			wantStatus: http.StatusRequestEntityTooLarge, wantType: html},
		{name: "ErrFormNotURLEncoded", method: "POST", url: "/register", body: registerForm, setup: ok,
			header: map[string]string{"Content-Type": "text/plain"}, wantStatus: http.StatusUnsupportedMediaType},
		{name: "OKRegisterStripsNIKSpaces", method: "POST", url: "/register",
			body: strings.Replace(registerForm, "nik="+testNIK, "nik=3171+0145+0690+0001", 1),
			setup: func(svc *mock.RegistrationService) {
				svc.RegisterFn = func(_ context.Context, in prakerja.RegisterInput, _ prakerja.Client) (*prakerja.Registration, error) {
					if in.NIK != testNIK {
						return nil, prakerja.Errorf(prakerja.CodeNIKFormat, "got %q", in.NIK)
					}
					return testRegistration(prakerja.StatusRegistered), nil
				}
			},
			wantStatus: http.StatusSeeOther},
		{name: "OKSent", method: "GET", url: "/register/sent", wantStatus: http.StatusOK, wantBody: []string{`Periksa e-mail Anda`}},
		{name: "OKDaftarRedirects", method: "GET", url: "/daftar?lang=en", wantStatus: http.StatusMovedPermanently,
			wantHeader: map[string]string{"Location": "/register?lang=en"}},
		{name: "OKHomeRedirects", method: "GET", url: "/", wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/register"}},
	})
}

func TestPagesSignIn(t *testing.T) {
	t.Parallel()
	ok := func(svc *mock.RegistrationService) { *svc = *okService() }
	runScenarios(t, []scenario{
		{name: "OKConfirmEmailForm", method: "GET", url: "/confirm-email?token=" + testLinkTok, setup: noConfirm,
			wantStatus: http.StatusOK, wantType: "text/html; charset=utf-8",
			wantHeader: map[string]string{"Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "Set-Cookie": ""},
			wantBody: []string{`<html lang="id">`, `<h1>Konfirmasi alamat e-mail</h1>`, `<form method="post" action="/confirm-email">`,
				`<input type="hidden" name="token" value="` + testLinkTok + `">`, `<button type="submit">Konfirmasi e-mail</button>`,
				`href="/confirm-email?lang=en&amp;token=` + testLinkTok + `"`},
			notBody: []string{"⟦", "<script"}},
		{name: "OKConfirmEmailFormEnglish", method: "GET", url: "/confirm-email?lang=en&token=" + testLinkTok, setup: noConfirm,
			wantStatus: http.StatusOK,
			wantBody: []string{`<html lang="en">`, `<h1>Confirm your e-mail address</h1>`, `<button type="submit">Confirm e-mail</button>`,
				`value="` + testLinkTok + `"`}},
		{name: "OKConfirmEmailFormEscapesToken", method: "GET", url: "/confirm-email?token=" + url.QueryEscape(`"><b>x`), setup: noConfirm,
			wantStatus: http.StatusOK, wantBody: []string{`value="&#34;&gt;&lt;b&gt;x"`}, notBody: []string{`"><b>x`}},
		{name: "OKConfirmEmailHead", method: "HEAD", url: "/confirm-email?token=" + testLinkTok, setup: noConfirm,
			wantStatus: http.StatusOK},
		{name: "ErrConfirmEmailNoToken", method: "GET", url: "/confirm-email", setup: noConfirm,
			wantStatus: http.StatusNotFound, wantType: "text/html", wantBody: []string{`Tidak ditemukan.`, `href="/login"`}},
		{name: "OKConfirmEmailSubmit", method: "POST", url: "/confirm-email", body: "token=" + testLinkTok,
			setup:      confirmExpects(testLinkTok),
			wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/phone", "Referrer-Policy": "no-referrer"}},
		{name: "ErrConfirmEmailSubmitUsed", method: "POST", url: "/confirm-email", body: "token=" + testLinkTok,
			setup: func(svc *mock.RegistrationService) {
				*svc = *failingService(prakerja.Errorf(prakerja.CodeOTPUsed, "Used."))
			},
			wantStatus: http.StatusUnprocessableEntity, wantType: "text/html",
			wantHeader: map[string]string{"Set-Cookie": ""},
			wantBody:   []string{`Kode atau tautan ini sudah dipakai.`, `href="/login"`},
			notBody:    []string{testLinkTok}},
		{name: "ErrConfirmEmailSubmitExpiredEnglish", method: "POST", url: "/confirm-email", body: "token=" + testLinkTok,
			header: map[string]string{"Cookie": "lang=en"},
			setup: func(svc *mock.RegistrationService) {
				*svc = *failingService(prakerja.Errorf(prakerja.CodeOTPExpired, "Old."))
			},
			wantStatus: http.StatusUnprocessableEntity,
			wantBody:   []string{`<html lang="en">`, `The code has expired.`, `Sign in`},
			notBody:    []string{testLinkTok}},
		{name: "ErrConfirmEmailSubmitUnknown", method: "POST", url: "/confirm-email", body: "token=" + testLinkTok,
			setup: func(svc *mock.RegistrationService) {
				*svc = *failingService(prakerja.Errorf(prakerja.CodeNotFound, "Unknown."))
			},
			wantStatus: http.StatusNotFound, wantBody: []string{`Tidak ditemukan. Tautan mungkin salah`}, notBody: []string{testLinkTok}},
		{name: "ErrConfirmEmailSubmitNoToken", method: "POST", url: "/confirm-email", body: "x=1", setup: noConfirm,
			wantStatus: http.StatusNotFound, wantType: "text/html", wantBody: []string{`Tidak ditemukan.`},
			wantHeader: map[string]string{"Set-Cookie": ""}},
		{name: "ErrConfirmEmailSubmitTokenInQueryOnly", method: "POST", url: "/confirm-email?token=" + testLinkTok, body: "x=1",
			setup: noConfirm, wantStatus: http.StatusNotFound},
		{name: "ErrConfirmEmailSubmitNotURLEncoded", method: "POST", url: "/confirm-email", body: "token=" + testLinkTok,
			header: map[string]string{"Content-Type": "text/plain"}, setup: noConfirm, wantStatus: http.StatusUnsupportedMediaType},
		{name: "ErrConfirmEmailSubmitCrossOrigin", method: "POST", url: "/confirm-email", body: "token=" + testLinkTok,
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}, setup: noConfirm,
			wantStatus: http.StatusForbidden, wantType: "text/html", wantBody: []string{`Anda tidak berhak melakukan ini.`},
			wantHeader: map[string]string{"Set-Cookie": ""}},
		{name: "ErrConfirmEmailSubmitOldBrowserCrossOrigin", method: "POST", url: "/confirm-email", body: "token=" + testLinkTok,
			header: map[string]string{"Origin": "https://evil.example"}, setup: noConfirm, wantStatus: http.StatusForbidden},
		{name: "OKConfirmEmailSubmitSameOrigin", method: "POST", url: "/confirm-email", body: "token=" + testLinkTok,
			header: map[string]string{"Sec-Fetch-Site": "same-origin"}, setup: confirmExpects(testLinkTok),
			wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/phone"}},
		{name: "OKPhonePage", method: "GET", url: "/phone", session: true, wantStatus: http.StatusOK,
			wantBody: []string{`628*******890`, `action="/phone/send"`, `autocomplete="one-time-code"`, `inputmode="numeric"`},
			notBody:  []string{testPhone}},
		{name: "OKPhonePageNeedsSession", method: "GET", url: "/phone", wantStatus: http.StatusSeeOther,
			wantHeader: map[string]string{"Location": "/login"}},
		{name: "OKPhoneSend", method: "POST", url: "/phone/send", session: true, setup: ok,
			header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, wantStatus: http.StatusOK,
			wantBody: []string{`Kode terkirim. Berlaku sampai 10:05 WIB.`, `Kirim ulang kode`}},
		{name: "ErrPhoneSendRateLimited", method: "POST", url: "/phone/send", session: true,
			setup: func(svc *mock.RegistrationService) {
				svc.SendPhoneOTPFn = func(context.Context, int64, prakerja.Client) (time.Time, error) {
					return time.Time{}, prakerja.Errorf(prakerja.CodeRateLimited, "x")
				}
			},
			wantStatus: http.StatusTooManyRequests, wantBody: []string{`Coba lagi beberapa menit lagi.`}},
		{name: "OKPhoneConfirm", method: "POST", url: "/phone/confirm", body: "code=123456", session: true, setup: ok,
			wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/dashboard"}},
		{name: "ErrPhoneConfirmOTPInvalid", method: "POST", url: "/phone/confirm", body: "code=999999", session: true,
			setup: func(svc *mock.RegistrationService) {
				svc.VerifyPhoneFn = func(context.Context, int64, string) (*prakerja.Registration, error) {
					return nil, prakerja.Errorf(prakerja.CodeOTPInvalid, "Wrong.")
				}
			},
			wantStatus: http.StatusUnprocessableEntity,
			wantBody:   []string{`<a href="#code">Kode OTP: Kode salah.`, `id="code-error"`, `aria-invalid="true"`},
			notBody:    []string{`999999`}},
		{name: "OKLoginPage", method: "GET", url: "/login?out=1", wantStatus: http.StatusOK,
			wantBody: []string{`Anda sudah keluar.`, `<label for="identifier">`, `autocomplete="username"`}},
		{name: "OKLoginSubmit", method: "POST", url: "/login", body: "identifier=" + url.QueryEscape(testPhone), setup: ok,
			wantStatus: http.StatusOK, wantBody: []string{`name="login_id" value="lg_8f14e45fceea167a"`, `lewat SMS dan berlaku sampai 10:05 WIB`}},
		{name: "ErrLoginInvalidKeepsValue", method: "POST", url: "/login", body: "identifier=nonsense",
			setup: func(svc *mock.RegistrationService) {
				*svc = *failingService(&prakerja.Error{Code: prakerja.CodeInvalid, Message: "x",
					Fields: []prakerja.FieldError{{Field: "identifier", Code: prakerja.CodeBadFormat}}})
			},
			wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`value="nonsense"`, `id="identifier-error"`}},
		{name: "OKLoginConfirm", method: "POST", url: "/login/confirm", body: "login_id=" + testLoginID + "&code=123456", setup: ok,
			wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/dashboard"}},
		{name: "ErrLoginConfirmExpired", method: "POST", url: "/login/confirm", body: "login_id=" + testLoginID + "&code=123456",
			setup: func(svc *mock.RegistrationService) {
				*svc = *failingService(prakerja.Errorf(prakerja.CodeOTPExpired, "Old."))
			},
			wantStatus: http.StatusUnprocessableEntity, wantBody: []string{`Kode sudah kedaluwarsa.`, `value="lg_8f14e45fceea167a"`}},
		{name: "OKDashboard", method: "GET", url: "/dashboard", session: true, wantStatus: http.StatusOK,
			wantBody: []string{`3171********0001`, `s***@example.com`, `628*******890`, `Siti Aminah`, `action="/logout"`,
				`href="/phone"`, `E-mail terkonfirmasi`},
			notBody: []string{testNIK, testEmail, testPhone}},
		{name: "OKDashboardNeedsSession", method: "GET", url: "/dashboard", header: map[string]string{"Cookie": sessionCookie + "=stale"},
			setup:      func(svc *mock.RegistrationService) { withSession(svc, prakerja.StatusEmailVerified) },
			wantStatus: http.StatusSeeOther, wantHeader: map[string]string{"Location": "/login"}},
		{name: "OKLogout", method: "POST", url: "/logout", session: true, setup: ok,
			header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, wantStatus: http.StatusSeeOther,
			wantHeader: map[string]string{"Location": "/login?out=1"}},
	})
}

// TestPageSizes renders every page, the registration form for every
// province, and checks each stays under pageBytesMax.
func TestPageSizes(t *testing.T) {
	t.Parallel()
	pages := []scenario{
		{method: "GET", url: "/register"},
		{method: "GET", url: "/register/sent"},
		{method: "GET", url: "/phone", session: true},
		{method: "POST", url: "/phone/send", session: true, body: "x=1"},
		{method: "GET", url: "/login"},
		{method: "POST", url: "/login", body: "identifier=x"},
		{method: "GET", url: "/dashboard", session: true},
		{method: "GET", url: "/confirm-email"},
		{method: "GET", url: "/confirm-email?token=" + testLinkTok},
		{method: "GET", url: "/confirm-email?lang=en&token=" + testLinkTok},
		{method: "POST", url: "/confirm-email", body: "x=1"},
		{method: "GET", url: "/dispute"},
		{method: "GET", url: "/dispute?filed=7&lang=en"},
	}
	for _, p := range nik.Provinces() {
		pages = append(pages, scenario{method: "GET", url: "/register?province=" + p.Code},
			scenario{method: "POST", url: "/register?lang=en", body: strings.Replace(registerForm, "province=31", "province="+p.Code, 1)})
	}
	env := newTestEnv(t, okService())
	env.svc.RegisterFn = func(context.Context, prakerja.RegisterInput, prakerja.Client) (*prakerja.Registration, error) {
		return nil, prakerja.Errorf(prakerja.CodeNIKTaken, "x")
	}
	largest, where := 0, ""
	for _, p := range pages {
		rec := env.do(p.request())
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s %s: not a page (%d)", p.method, p.url, rec.Code)
		}
		if n := rec.Body.Len(); n > largest {
			largest, where = n, p.url
		}
		if rec.Body.Len() >= pageBytesMax {
			t.Errorf("%s %s is %d bytes, over %d", p.method, p.url, rec.Body.Len(), pageBytesMax)
		}
		if strings.Contains(rec.Body.String(), "⟦") {
			t.Errorf("%s %s has an untranslated key", p.method, p.url)
		}
	}
	t.Logf("largest page: %s, %d bytes", where, largest)
}

// TestPageSecurityHeaders checks the CSP allows exactly our stylesheet.
func TestPageSecurityHeaders(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, nil)
	rec := env.do(scenario{method: "GET", url: "/login"}.request())
	css, _ := templatesFS.ReadFile("templates/style.css")
	sum := sha256.Sum256(css)
	want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, want) || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP %q lacks %s", csp, want)
	}
	if !strings.Contains(rec.Body.String(), "<style>"+string(css)+"</style>") {
		t.Error("inline stylesheet differs from the hashed file")
	}
	if rec.Header().Get("X-Frame-Options") != "DENY" || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("headers %v", rec.Header())
	}
}

// noConfirm makes any call to ConfirmEmail fail the test's expectations:
// the call answers 500, which no scenario using it expects. The GET page and
// refused POSTs must never consume the e-mail link's token.
func noConfirm(svc *mock.RegistrationService) {
	*svc = *okService()
	svc.ConfirmEmailFn = func(context.Context, string) (*prakerja.Registration, *prakerja.SessionToken, error) {
		return nil, nil, errors.New("ConfirmEmail must not be called")
	}
}

// confirmExpects answers ConfirmEmail successfully for want only.
func confirmExpects(want string) func(*mock.RegistrationService) {
	return func(svc *mock.RegistrationService) {
		*svc = *okService()
		ok := svc.ConfirmEmailFn
		svc.ConfirmEmailFn = func(ctx context.Context, token string) (*prakerja.Registration, *prakerja.SessionToken, error) {
			if token != want {
				return nil, nil, prakerja.Errorf(prakerja.CodeNotFound, "token %q, want %q", token, want)
			}
			return ok(ctx, token)
		}
	}
}

// TestPageConfirmEmailGetDoesNotConsume is the reason for the two-step
// page: a mail scanner or link previewer that fetches the link (GET or
// HEAD, any number of times) must leave the token for the person.
func TestPageConfirmEmailGetDoesNotConsume(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	svc := okService()
	svc.ConfirmEmailFn = func(context.Context, string) (*prakerja.Registration, *prakerja.SessionToken, error) {
		calls.Add(1)
		return nil, nil, prakerja.Errorf(prakerja.CodeOTPUsed, "Used.")
	}
	env := newTestEnv(t, svc)
	for _, m := range []string{"GET", "HEAD", "GET"} {
		rec := env.do(scenario{method: m, url: "/confirm-email?token=" + testLinkTok}.request())
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", m, rec.Code)
		}
		if c := rec.Header().Get("Set-Cookie"); strings.Contains(c, sessionCookie+"=") {
			t.Errorf("%s set a session cookie: %s", m, c)
		}
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("ConfirmEmail called %d times by GET/HEAD", n)
	}
	rec := env.do(scenario{method: "POST", url: "/confirm-email", body: "token=" + testLinkTok}.request())
	if rec.Code != http.StatusUnprocessableEntity || calls.Load() != 1 {
		t.Errorf("POST: status %d, %d calls; want 422 after one call", rec.Code, calls.Load())
	}
}

// retryErr is a coded error that knows when to retry, as the proposed
// prakerja.Error.RetryAfter would.
type retryErr struct {
	err *prakerja.Error
	d   time.Duration
}

func (e retryErr) Error() string             { return e.err.Error() }
func (e retryErr) Unwrap() error             { return e.err }
func (e retryErr) RetryAfter() time.Duration { return e.d }
