package http

import (
	"net/http"
	"strings"
	"testing"

	"github.com/prakerja/prakerja/internal/browsertest"
	"github.com/prakerja/prakerja/notify"
)

// browserPage is one page to render: its path and the translation key of
// its h1 ("" for a page whose heading is data, such as a course title).
type browserPage struct {
	path, heading string
}

// registrantPublicPages are the pages anyone can open.
var registrantPublicPages = []browserPage{
	{"/", "register.heading"}, // redirects to /register when signed out
	{"/register", "register.heading"},
	{"/register?province=31", "register.heading"}, // the district list of DKI Jakarta
	{"/login", "login.heading"},
	{"/cek-status", "status_check.heading"},
	{"/dispute", "dispute.heading"},
	{"/pelatihan", "market.catalogue_title"},
	{"/confirm-email", "error.heading"}, // a link without its token: the error page
}

// registrantSignedInPages are the pages of a signed-in participant.
var registrantSignedInPages = []browserPage{
	{"/dashboard", "dashboard.heading"},
	{"/kartu", "card.heading"},
	{"/insentif", "incentive.heading"},
	{"/survei", "survey.heading"},
	{"/rekening", "payout.heading"},
	{"/pelatihan-saya", "market.mine_title"},
	{"/test", "test.heading"},
	{"/data-saya", "datareq.heading"},
}

// browserLocales pairs each viewport with a language, so both
// translations and both screen sizes are covered without doubling the run.
var browserLocales = []struct {
	vp  browsertest.Viewport
	loc locale
}{{browsertest.Phone, localeID}, {browsertest.Laptop, localeEN}}

// TestBrowser drives the pages in a real headless Chromium: every page
// renders with its heading and passes axe-core at a phone's and a
// laptop's size, and the forms work as a person uses them. One browser and
// one server serve every subtest, to keep the run short.
func TestBrowser(t *testing.T) {
	e := newBrowserEnv(t)
	// The subtests run in parallel (as many as -parallel allows, GOMAXPROCS
	// by default), each in a tab with cookies of its own, inside a group
	// that ends before the browser and server stop.
	t.Run("group", func(t *testing.T) {
		for _, st := range []struct {
			name string
			fn   func(*testing.T)
		}{
			{"PublicPages", e.testPublicPages},
			{"SignedInPages", e.testSignedInPages},
			{"Register", e.testRegister},
			{"RegisterBadNIK", e.testRegisterBadNIK},
			{"StatusCheck", e.testStatusCheck},
			{"Language", e.testLanguage},
			{"Ops", e.testOps},
		} {
			t.Run(st.name, func(t *testing.T) {
				t.Parallel()
				st.fn(t)
			})
		}
	})
}

// withLang adds ?lang= to path.
func withLang(path string, loc locale) string {
	if strings.Contains(path, "?") {
		return path + "&lang=" + string(loc)
	}
	return path + "?lang=" + string(loc)
}

// visit loads each page in loc on p, checks it and runs axe over it. The
// registrant pages are phone-first: none may scroll sideways.
func visit(t *testing.T, p *browsertest.Page, loc locale, pages []browserPage) {
	t.Helper()
	for _, pg := range pages {
		if got := p.Go(withLang(pg.path, loc)); got >= 500 {
			t.Errorf("%s: status %d", pg.path, got)
		}
		want := ""
		if pg.heading != "" {
			want = loc.T(pg.heading)
		}
		checkPage(t, p, want)
		if w := browsertest.Eval[int](p, "document.documentElement.scrollWidth - window.innerWidth"); w > 0 {
			t.Errorf("%s: the page is %d px wider than the screen", pg.path, w)
		}
		p.Axe()
	}
}

func (e *browserEnv) testPublicPages(t *testing.T) {
	for _, bl := range browserLocales {
		p := e.tab(t)
		p.Viewport(bl.vp)
		visit(t, p, bl.loc, registrantPublicPages)
		// A course, reached as a person would: from the catalogue.
		p.Go("/pelatihan?lang=" + string(bl.loc))
		if got := p.Click("main a[href^='/pelatihan/']"); got != http.StatusOK {
			t.Fatalf("course: status %d", got)
		}
		checkPage(t, p, "")
		p.Axe()
	}
}

func (e *browserEnv) testSignedInPages(t *testing.T) {
	p := e.signIn(t)
	for _, bl := range browserLocales {
		p.Viewport(bl.vp)
		visit(t, p, bl.loc, registrantSignedInPages)
	}
}

// fillRegistration picks DKI Jakarta, then fills the form for a man born
// 17 August 1995 whose NIK is nik.
func fillRegistration(p *browsertest.Page, nik string) {
	p.Fill("#province", "31")
	p.Click("form[method=get] button[type=submit]")
	p.Fill("#full_name", "Budi Santoso")
	p.Fill("#email", "budi.santoso@example.com")
	p.Fill("#phone", "0812 9876 5432")
	p.Fill("#nik", nik)
	p.Fill("#kk", "3171010101150003")
	p.Fill("#birth_date", "1995-08-17")
	p.Check("#sex-m")
	p.Fill("#domicile_district", "31.71.01")
}

// testRegister registers through the form, confirms the e-mail through the
// link it sends, and verifies the phone with the SMS code.
func (e *browserEnv) testRegister(t *testing.T) {
	p := e.tab(t)
	p.Viewport(browsertest.Phone)
	p.Go("/register?lang=id")
	fillRegistration(p, "3171011708950002")
	if got := p.Click("form[method=post] button[type=submit]"); got != http.StatusOK {
		t.Fatalf("register: status %d: %s", got, p.Body())
	}
	if loc := p.Location(); !strings.HasSuffix(loc, "/register/sent") {
		t.Fatalf("after registering at %s, want /register/sent; page: %s", loc, p.Body())
	}
	checkPage(t, p, localeID.T("sent.heading"))
	p.Axe()

	link := e.message(t, 0, notify.TemplateEmailConfirm)["link"]
	if !strings.HasPrefix(link, e.ts.URL+"/confirm-email?token=") {
		t.Fatalf("confirmation link %q", link)
	}
	p.Go(link)
	checkPage(t, p, localeID.T("confirm.heading"))
	p.Axe()
	p.Click("form[action='/confirm-email'] button[type=submit]")
	checkPage(t, p, localeID.T("phone.heading"))
	p.Axe()
	p.Click("form[action='/phone/send'] button[type=submit]")
	checkPage(t, p, localeID.T("phone.heading"))
	if !p.Has("p.notice[role=status]") {
		t.Errorf("no notice that the code was sent: %s", p.Body())
	}
	p.Fill("#code", e.message(t, 0, notify.TemplatePhoneOTP)["code"])
	p.Click("form[action='/phone/confirm'] button[type=submit]")
	checkPage(t, p, localeID.T("dashboard.heading"))
	p.Axe()
}

// testRegisterBadNIK submits a NIK of the wrong length: the page answers
// with the translated error next to the NIK input, tied to it for screen
// readers, and a summary that links to it.
func (e *browserEnv) testRegisterBadNIK(t *testing.T) {
	p := e.tab(t)
	p.Viewport(browsertest.Phone)
	p.Go("/register?lang=id")
	fillRegistration(p, "31710117089")
	if got := p.Click("form[method=post] button[type=submit]"); got != http.StatusUnprocessableEntity && got != http.StatusBadRequest {
		t.Errorf("bad NIK: status %d, want 422 or 400", got)
	}
	checkPage(t, p, localeID.T("register.heading"))
	want := localeID.T("code.nik_format")
	if got := strings.TrimSpace(p.Text("#nik-error")); got != want {
		t.Errorf("NIK error = %q, want %q", got, want)
	}
	if v, _ := p.Attr("#nik", "aria-invalid"); v != "true" {
		t.Errorf("NIK input aria-invalid = %q, want true", v)
	}
	if v, _ := p.Attr("#nik", "aria-describedby"); !strings.Contains(" "+v+" ", " nik-error ") {
		t.Errorf("NIK input aria-describedby = %q, want it to name nik-error", v)
	}
	if !p.Has("#error-summary a[href='#nik']") {
		t.Errorf("error summary does not link to the NIK input: %s", p.Body())
	}
	if v, _ := p.Attr("#full_name", "value"); v != "Budi Santoso" {
		t.Errorf("name not kept after the error: %q", v)
	}
	p.Axe()
}

// testStatusCheck checks the participant's status by NIK and birth date,
// then a malformed NIK.
func (e *browserEnv) testStatusCheck(t *testing.T) {
	p := e.tab(t)
	p.Viewport(browsertest.Phone)
	p.Go("/cek-status?lang=id")
	p.Fill("#nik", testNIK)
	p.Fill("#birth_date", browserBirthDate)
	if got := p.Click("form[action='/cek-status'] button[type=submit]"); got != http.StatusOK {
		t.Fatalf("status check: status %d: %s", got, p.Body())
	}
	if got, want := strings.TrimSpace(p.Text("p.notice strong")), localeID.T("public.selected"); got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	if v, _ := p.Attr("#nik", "value"); v != "" {
		t.Errorf("the NIK is echoed back: %q", v)
	}
	p.Axe()

	p.Fill("#nik", "1234")
	p.Fill("#birth_date", browserBirthDate)
	p.Click("form[action='/cek-status'] button[type=submit]")
	if v, _ := p.Attr("#nik", "aria-invalid"); v != "true" {
		t.Errorf("NIK input aria-invalid = %q, want true; page: %s", v, p.Body())
	}
	if !p.Has("#nik-error") {
		t.Errorf("no error by the NIK input: %s", p.Body())
	}
	p.Axe()
}

// testLanguage switches language with the header links; the choice sticks
// to the next page.
func (e *browserEnv) testLanguage(t *testing.T) {
	p := e.tab(t)
	p.Go("/login?lang=en")
	for _, to := range []locale{localeID, localeEN} {
		p.Click("header a[hreflang='" + string(to) + "']")
		if got, _ := p.Attr("html", "lang"); got != string(to) {
			t.Errorf("after choosing %s, html lang = %q", to, got)
		}
		checkPage(t, p, to.T("login.heading"))
		if got, _ := p.Attr("header a[hreflang='"+string(to)+"']", "aria-current"); got != "true" {
			t.Errorf("the %s link is not marked current", to)
		}
		p.Go("/cek-status")
		checkPage(t, p, to.T("status_check.heading"))
		p.Go("/login")
	}
}
