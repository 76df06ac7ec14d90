package notify_test

import (
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

// TestRenderCardRevoked renders the revocation SMS in both locales: it
// needs no parameter, fits one segment (Render checks), says the card was
// revoked, and cannot go by e-mail.
func TestRenderCardRevoked(t *testing.T) {
	t.Parallel()
	r, err := notify.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{notify.LocaleID: "DICABUT", notify.LocaleEN: "REVOKED"}
	for loc, word := range want {
		m, err := r.Render(notify.TemplateCardRevoked, prakerja.ChannelSMS, loc, "+6281234567890", map[string]string{})
		if err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		if !strings.Contains(m.Body, word) || m.Secret != "" {
			t.Fatalf("%s: rendered %+v", loc, m)
		}
	}
	if _, err := r.Render(notify.TemplateCardRevoked, prakerja.ChannelEmail, notify.LocaleID, "a@b.id", nil); err == nil {
		t.Fatal("the revocation went out by e-mail")
	}
}
