package http

import (
	"net/url"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/mock"
)

// TestMarketPages renders the catalogue, a course and My trainings in both
// languages: the conflict badge, the buying steps, the voucher, the
// certificate and the review form must be on the page, and every page
// stays under 100 KB.
func TestMarketPages(t *testing.T) {
	t.Parallel()
	runMarket(t, []marketCase{
		{sc: scenario{name: "Catalogue", method: "GET", url: "/pelatihan?q=pemasaran", wantStatus: 200,
			wantBody: []string{"Katalog Pelatihan", "Konflik kepentingan", "Rp 250.000", `href="/pelatihan/17"`, `value="pemasaran"`}}},
		{sc: scenario{name: "CatalogueEN", method: "GET", url: "/pelatihan?lang=en&conflict=false", wantStatus: 200,
			wantBody: []string{"Training catalogue", "Conflict of interest", "checked"}}},
		{sc: scenario{name: "ErrCatalogueQuery", method: "GET", url: "/pelatihan?limit=500", wantStatus: 422}},
		{sc: scenario{name: "Course", method: "GET", url: "/pelatihan/17", wantStatus: 200,
			wantBody: []string{"Cara membeli", "platform penjual memiliki", "16 digit", "Video, modul"}}},
		{sc: scenario{name: "ErrCourse", method: "GET", url: "/pelatihan/99", wantStatus: 404}},
		{sc: scenario{name: "Mine", method: "GET", url: "/pelatihan-saya", session: true, wantStatus: 200,
			wantBody: []string{"Rp 750.000", "7K2QX9M4RT1B", "PK-2020-0000000041", `action="/pelatihan-saya/41/ulasan"`, "Selesai"},
			notBody:  []string{"Kursus Ditinggalkan"}}},
		{sc: scenario{name: "MineNoSession", method: "GET", url: "/pelatihan-saya", wantStatus: 303,
			wantHeader: map[string]string{"Location": "/login"}}},
	})
}

// TestMarketReviewForm sends the review form: a good one redirects with
// the thank-you flag, a bad one shows the page again with the message.
func TestMarketReviewForm(t *testing.T) {
	t.Parallel()
	svc := &mock.RegistrationService{}
	withSession(svc, prakerja.StatusSelected)
	env := newTestEnv(t, svc)
	form := url.Values{"stars": {"5"}, "text": {"Materinya jelas."}}.Encode()
	rec := env.do(scenario{method: "POST", url: "/pelatihan-saya/41/ulasan", body: form, session: true}.request())
	if rec.Code != 303 || !strings.HasPrefix(rec.Header().Get("Location"), "/pelatihan-saya?reviewed=1") {
		t.Fatalf("review: %d %v", rec.Code, rec.Header())
	}
	if got := env.market.lastReview; got.Stars != 5 || got.Text != "Materinya jelas." {
		t.Fatalf("review input %+v", got)
	}
	env.market.reviewErr = &prakerja.Error{Code: prakerja.CodeInvalid, Message: "x",
		Fields: []prakerja.FieldError{{Field: "stars", Code: prakerja.CodeBadValue}}}
	rec = env.do(scenario{method: "POST", url: "/pelatihan-saya/41/ulasan", body: form, session: true}.request())
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), "Pilih rating 1 sampai 5 bintang.") ||
		!strings.Contains(rec.Body.String(), "Materinya jelas.") {
		t.Fatalf("refused review: %d %s", rec.Code, rec.Body)
	}
}
