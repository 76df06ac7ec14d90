package notify

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/prakerja/prakerja"
)

// Rendered is a message ready to send. The recipient and the secret (a
// one-time code or a confirmation link, also present in Body) are kept in
// their own fields so that anything that logs or stores a message can leave
// the one out and mask the other. Its String and LogValue do both.
type Rendered struct {
	MessageID int64
	Channel   prakerja.Channel
	Template  string
	Locale    string
	To        string // e-mail address or E.164 number; never logged
	Subject   string // e-mail only
	Body      string
	Secret    string
}

// secretMask replaces a secret in anything shown to operators.
const secretMask = "[redacted]"

// MaskedBody returns Body with every occurrence of the secret masked.
func (r Rendered) MaskedBody() string { return mask(r.Body, r.Secret) }

// mask replaces each occurrence of secret in s.
func mask(s, secret string) string {
	if secret == "" {
		return s
	}
	return strings.ReplaceAll(s, secret, secretMask)
}

// String describes the message without its recipient or secret, so a stray
// %v in a log call leaks nothing.
func (r Rendered) String() string {
	return fmt.Sprintf("message %d (%s %s/%s)", r.MessageID, r.Channel, r.Template, r.Locale)
}

// LogValue implements slog.LogValuer with the same care as String.
func (r Rendered) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.Int64("message_id", r.MessageID),
		slog.String("channel", string(r.Channel)),
		slog.String("template", r.Template),
		slog.String("locale", r.Locale),
	}
	if r.Subject != "" {
		attrs = append(attrs, slog.String("subject", r.Subject))
	}
	return slog.GroupValue(append(attrs, slog.String("body", r.MaskedBody()))...)
}
