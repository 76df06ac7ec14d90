package notify_test

import (
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

// TestRenderComplaintUpdate renders the complaint notice for every state
// in both locales, by SMS (one segment, Render checks) and e-mail: each
// names the reference and a state in words, never a raw state code such as
// waiting_registrant.
func TestRenderComplaintUpdate(t *testing.T) {
	t.Parallel()
	r, err := notify.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{notify.LocaleID, notify.LocaleEN} {
		for _, st := range prakerja.ComplaintStates() {
			params := map[string]string{"ref": "ADU-2026-000123", "state": string(st)}
			for _, ch := range []prakerja.Channel{prakerja.ChannelSMS, prakerja.ChannelEmail} {
				m, err := r.Render(notify.TemplateComplaintUpdate, ch, loc, "x", params)
				if err != nil {
					t.Fatalf("%s %s %s: %v", loc, st, ch, err)
				}
				if !strings.Contains(m.Body, "ADU-2026-000123") || strings.Contains(m.Body, "_") {
					t.Fatalf("%s %s %s: %q", loc, st, ch, m.Body)
				}
			}
		}
	}
}
