package http

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// TestBrowserComplaints opens a complaint and answers one through the
// registrant's pages in a real Chromium, at a phone's and a laptop's size
// in both languages, with axe-core over every page it reaches.
func TestBrowserComplaints(t *testing.T) {
	e := newBrowserEnv(t)
	p := e.signIn(t)
	for i, bl := range browserLocales {
		p.Viewport(bl.vp)
		lang := "?lang=" + string(bl.loc)
		visit(t, p, bl.loc, []browserPage{{"/pengaduan", "complaint.heading"},
			{"/pengaduan/" + strconv.FormatInt(e.complaint, 10), ""}})
		p.Go("/pengaduan" + lang)
		p.Fill("#category", "payout_failed")
		p.Fill("#subject", "Insentif belum masuk "+strconv.Itoa(i))
		p.Fill("#body", "   ") // passes the browser's required check, not the server's
		if got := p.Click("form#baru button[type=submit]"); got != http.StatusUnprocessableEntity {
			t.Fatalf("a blank body: status %d", got)
		}
		checkPage(t, p, bl.loc.T("complaint.heading"))
		p.Axe()
		p.Fill("#body", "Sudah dua minggu sejak pelatihan selesai.")
		if got := p.Click("form#baru button[type=submit]"); got != http.StatusOK {
			t.Fatalf("open: status %d: %s", got, p.Body())
		}
		if !strings.Contains(p.Text("h1"), "ADU-") {
			t.Fatalf("after opening, h1 %q", p.Text("h1"))
		}
		p.Axe()
		p.Fill("#text", "Nomor rekening saya BNI.")
		if got := p.Click("form#balasan button[type=submit]"); got != http.StatusOK || !strings.Contains(p.Body(), "Nomor rekening saya BNI.") {
			t.Fatalf("reply: status %d", got)
		}
		checkPage(t, p, "")
	}
}
