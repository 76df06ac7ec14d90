package notify_test

import (
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

// TestRenderPurchaseOTP renders the payment code with the longest
// parameters the marketplace produces (a 9-digit code, the largest price)
// and checks it fits one SMS and names the amount.
func TestRenderPurchaseOTP(t *testing.T) {
	t.Parallel()
	r, err := notify.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]string{"code": "123456789", "minutes": "10", "amount": "Rp 100.000.000"}
	for _, loc := range []string{notify.LocaleID, notify.LocaleEN} {
		m, err := r.Render(notify.TemplatePurchaseOTP, prakerja.ChannelSMS, loc, "+6281234567890", params)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Body) > notify.SMSMax || !strings.Contains(m.Body, "Rp 100.000.000") || m.Secret != "123456789" {
			t.Fatalf("%s: %d characters: %q", loc, len(m.Body), m.Body)
		}
		if strings.Contains(m.MaskedBody(), "123456789") {
			t.Fatal("masked body shows the code")
		}
	}
	if _, err := r.Render(notify.TemplatePurchaseOTP, prakerja.ChannelEmail, "id", "a@example.com", params); err == nil {
		t.Fatal("a payment code went out by e-mail")
	}
}
