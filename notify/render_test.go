package notify_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

// longest parameters the service produces: a 9-digit code (OTPLengthMax),
// two-digit minutes, a long name and link.
var longParams = map[string]string{
	"code":    "123456789",
	"minutes": "10",
	"hours":   "72",
	"name":    strings.Repeat("Ayu ", 25),
	"link":    "https://prakerja.example.id/confirm-email?token=" + strings.Repeat("A", 43),
}

func TestRenderAll(t *testing.T) {
	t.Parallel()
	r, err := notify.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		template string
		channel  prakerja.Channel
		secret   string
	}{
		{notify.TemplateEmailConfirm, prakerja.ChannelEmail, "link"},
		{notify.TemplatePhoneOTP, prakerja.ChannelSMS, "code"},
		{notify.TemplateLoginOTP, prakerja.ChannelSMS, "code"},
		{notify.TemplateLoginOTP, prakerja.ChannelEmail, "code"},
	}
	for _, tt := range tests {
		for _, loc := range []string{notify.LocaleID, notify.LocaleEN} {
			t.Run(tt.template+"/"+string(tt.channel)+"/"+loc, func(t *testing.T) {
				t.Parallel()
				m, err := r.Render(tt.template, tt.channel, loc, "+6281234567890", longParams)
				if err != nil {
					t.Fatal(err)
				}
				if m.Locale != loc || m.Secret != longParams[tt.secret] || !strings.Contains(m.Body, m.Secret) {
					t.Fatalf("rendered %+v", m)
				}
				if strings.Contains(m.MaskedBody(), m.Secret) {
					t.Fatal("masked body shows the secret")
				}
				if strings.Contains(m.Body, "<no value>") || !utf8.ValidString(m.Body) {
					t.Fatalf("body %q", m.Body)
				}
				if tt.channel == prakerja.ChannelEmail && (m.Subject == "" || strings.ContainsAny(m.Subject, "\r\n")) {
					t.Fatalf("subject %q", m.Subject)
				}
				if tt.channel == prakerja.ChannelSMS && len(m.Body) > notify.SMSMax {
					t.Fatalf("sms is %d characters", len(m.Body))
				}
			})
		}
	}
}

func TestRenderLocales(t *testing.T) {
	t.Parallel()
	r, _ := notify.NewRenderer()
	p := map[string]string{"code": "123456"}
	tests := []struct{ locale, want string }{
		{"", "Kode verifikasi"}, {"id", "Kode verifikasi"}, {"fr", "Kode verifikasi"},
		{"en", "verification code"}, {"en-GB", "verification code"}, {"EN", "verification code"}, {"eng", "Kode verifikasi"},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			t.Parallel()
			m, err := r.Render(notify.TemplatePhoneOTP, prakerja.ChannelSMS, tt.locale, "+6281234567890", p)
			if err != nil || !strings.Contains(m.Body, tt.want) {
				t.Fatalf("body %q, %v; want %q", m.Body, err, tt.want)
			}
			if strings.Contains(m.Body, "  ") {
				t.Fatalf("missing optional parameter left a gap: %q", m.Body)
			}
		})
	}
}

func TestRenderRejects(t *testing.T) {
	t.Parallel()
	r, _ := notify.NewRenderer()
	tests := []struct {
		name     string
		template string
		channel  prakerja.Channel
		params   map[string]string
	}{
		{"ErrUnknownTemplate", "welcome", prakerja.ChannelEmail, longParams},
		{"ErrWrongChannel", notify.TemplatePhoneOTP, prakerja.ChannelEmail, longParams},
		{"ErrNoSecret", notify.TemplateLoginOTP, prakerja.ChannelSMS, map[string]string{"minutes": "5"}},
		{"ErrSMSTooLong", notify.TemplateLoginOTP, prakerja.ChannelSMS, map[string]string{"code": strings.Repeat("9", 100)}},
		{"ErrSMSNotGSM", notify.TemplateLoginOTP, prakerja.ChannelSMS, map[string]string{"code": "１２３"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := r.Render(tt.template, tt.channel, "id", "x@y.id", tt.params); err == nil {
				t.Fatal("rendered")
			}
		})
	}
}

func TestRenderedNeverPrintsRecipientOrSecret(t *testing.T) {
	t.Parallel()
	r, _ := notify.NewRenderer()
	m, _ := r.Render(notify.TemplateLoginOTP, prakerja.ChannelEmail, "id", "siti@example.id", map[string]string{"code": "424242"})
	for _, s := range []string{m.String(), m.LogValue().String()} {
		if strings.Contains(s, "siti@example.id") || strings.Contains(s, "424242") {
			t.Fatalf("%q shows the recipient or the code", s)
		}
	}
}
