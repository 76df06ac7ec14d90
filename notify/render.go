package notify

import (
	"embed"
	"fmt"
	"strings"
	"text/template"

	"github.com/prakerja/prakerja"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// spec says which parameter of a template is its secret, which channels it
// may go out on, and whether it carries a short-lived code.
type spec struct {
	secret   string
	channels []prakerja.Channel
	code     bool
}

var specs = map[string]spec{
	TemplateEmailConfirm: {"link", []prakerja.Channel{prakerja.ChannelEmail}, false},
	TemplatePhoneOTP:     {"code", []prakerja.Channel{prakerja.ChannelSMS}, true},
	TemplateLoginOTP:     {"code", []prakerja.Channel{prakerja.ChannelSMS, prakerja.ChannelEmail}, true},
	// The announcements hold no secret, so no parameter is required.
	TemplateSelectionSelected:    {"", []prakerja.Channel{prakerja.ChannelSMS, prakerja.ChannelEmail}, false},
	TemplateSelectionNotSelected: {"", []prakerja.Channel{prakerja.ChannelSMS, prakerja.ChannelEmail}, false},
	TemplateCardRevoked:          {"", []prakerja.Channel{prakerja.ChannelSMS}, false},
	TemplatePurchaseOTP:          {"code", []prakerja.Channel{prakerja.ChannelSMS}, true},
	TemplatePayoutLinkOTP:        {"code", []prakerja.Channel{prakerja.ChannelSMS}, true},
	TemplateComplaintUpdate:      {"", []prakerja.Channel{prakerja.ChannelSMS, prakerja.ChannelEmail}, false},
}

// Renderer turns templates and parameters into message text. It is safe for
// concurrent use.
type Renderer struct {
	locales map[string]*template.Template
}

// NewRenderer parses the embedded templates.
func NewRenderer() (*Renderer, error) {
	r := &Renderer{locales: map[string]*template.Template{}}
	for _, loc := range []string{LocaleID, LocaleEN} {
		// missingkey=zero renders an absent optional parameter as "", which
		// the templates test with {{if}}.
		t, err := template.New(loc).Option("missingkey=zero").ParseFS(templateFS, "templates/"+loc+".tmpl")
		if err != nil {
			return nil, fmt.Errorf("parse %s templates: %w", loc, err)
		}
		r.locales[loc] = t
	}
	return r, nil
}

// Render produces the text of template name on channel ch, in locale (any
// unsupported locale falls back to Bahasa Indonesia). The secret parameter
// is required; an SMS must fit one GSM-7 segment.
func (r *Renderer) Render(name string, ch prakerja.Channel, locale, to string, params map[string]string) (Rendered, error) {
	sp, ok := specs[name]
	if !ok {
		return Rendered{}, fmt.Errorf("unknown template %q", name)
	}
	if !hasChannel(sp.channels, ch) {
		return Rendered{}, fmt.Errorf("template %s cannot go by %s", name, ch)
	}
	secret := params[sp.secret]
	if secret == "" && sp.secret != "" {
		return Rendered{}, fmt.Errorf("template %s: parameter %q is missing", name, sp.secret)
	}
	locale = Locale(locale)
	out := Rendered{Channel: ch, Template: name, Locale: locale, To: to, Secret: secret}
	t := r.locales[locale]
	var err error
	if ch == prakerja.ChannelSMS {
		if out.Body, err = execute(t, name+".sms", params); err != nil {
			return Rendered{}, err
		}
		if n, ok := gsmLen(out.Body); !ok || n > SMSMax {
			return Rendered{}, fmt.Errorf("template %s/%s: sms is not %d GSM-7 characters or fewer", name, locale, SMSMax)
		}
		return out, nil
	}
	if out.Subject, err = execute(t, name+".subject", params); err != nil {
		return Rendered{}, err
	}
	if out.Body, err = execute(t, name+".email", params); err != nil {
		return Rendered{}, err
	}
	return out, nil
}

func execute(t *template.Template, name string, params map[string]string) (string, error) {
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, params); err != nil {
		// Execution errors name the template and action, not the data.
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return b.String(), nil
}

func hasChannel(list []prakerja.Channel, ch prakerja.Channel) bool {
	for _, c := range list {
		if c == ch {
			return true
		}
	}
	return false
}
