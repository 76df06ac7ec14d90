package notify_test

import (
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

// TestRenderSelection renders both announcements on both channels in both
// locales with a wave name of the longest allowed length: SMS fit one
// segment, and no secret is needed.
func TestRenderSelection(t *testing.T) {
	t.Parallel()
	r, err := notify.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]string{"wave": strings.Repeat("Gelombang ", prakerja.WaveNameMax/10)}
	for _, name := range []string{notify.TemplateSelectionSelected, notify.TemplateSelectionNotSelected} {
		for _, ch := range []prakerja.Channel{prakerja.ChannelSMS, prakerja.ChannelEmail} {
			for _, loc := range []string{notify.LocaleID, notify.LocaleEN} {
				t.Run(name+"/"+string(ch)+"/"+loc, func(t *testing.T) {
					t.Parallel()
					m, err := r.Render(name, ch, loc, "+6281234567890", params)
					if err != nil {
						t.Fatal(err)
					}
					if m.Body == "" || strings.Contains(m.Body, "<no value>") || m.Secret != "" {
						t.Fatalf("rendered %+v", m)
					}
					if ch == prakerja.ChannelEmail && m.Subject == "" {
						t.Fatal("no subject")
					}
				})
			}
		}
	}
}
