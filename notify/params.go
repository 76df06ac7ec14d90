package notify

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
)

// Template names of outbox messages. The registration service writes them
// and the Renderer reads them, so they live in one place.
const (
	TemplateEmailConfirm = "email_confirm" // params: name, link, hours
	TemplatePhoneOTP     = "phone_otp"     // params: code, minutes
	TemplateLoginOTP     = "login_otp"     // params: code, minutes
	// The selection announcement (DOMAIN §2.4 item 11: an SMS a few days
	// after the close). It carries no card number or personal data: the
	// registrant reads the card on the dashboard after signing in.
	TemplateSelectionSelected    = "selection_selected"     // params: wave (e-mail only)
	TemplateSelectionNotSelected = "selection_not_selected" // params: wave (e-mail only)
	// TemplateCardRevoked tells a participant the card was revoked for a
	// missed first-purchase deadline (DOMAIN §2.5 item 15). No parameters.
	TemplateCardRevoked = "card_revoked"
	// TemplatePurchaseOTP authorises one card payment on a platform: the
	// code and the amount, so a participant sees what the code pays for.
	TemplatePurchaseOTP = "purchase_otp" // params: code, minutes, amount
	// TemplatePayoutLinkOTP confirms linking a bank account or e-wallet
	// for incentive payments.
	TemplatePayoutLinkOTP = "payout_link_otp" // params: code, minutes, provider, last4
	// TemplateComplaintUpdate tells a registrant their complaint moved or
	// got a reply: only its reference and state, never its text, so an
	// SMS read by someone else says nothing about the complaint.
	TemplateComplaintUpdate = "complaint_update" // params: ref, state
)

// Locales the templates exist in. Bahasa Indonesia is the default.
const (
	LocaleID      = "id"
	LocaleEN      = "en"
	DefaultLocale = LocaleID
)

// ParamsLabel is the pii.SealBytes label of message parameters, so sealed
// parameters cannot be passed off as any other sealed bytes.
const ParamsLabel = "message_params"

// Locale returns the supported locale closest to s: "en", "en-US" and
// "en_GB" give English; anything else, including "", Bahasa Indonesia.
func Locale(s string) string {
	if len(s) >= 2 && strings.EqualFold(s[:2], LocaleEN) && (len(s) == 2 || s[2] == '-' || s[2] == '_') {
		return LocaleEN
	}
	return DefaultLocale
}

// EncodeParams seals a message's template parameters. They may hold a
// one-time code or link, so they are encrypted like personal data.
func EncodeParams(keys *pii.Keyring, params map[string]string) ([]byte, error) {
	data, err := json.Marshal(params)
	if err != nil {
		return nil, fmt.Errorf("encode params: %w", err)
	}
	return keys.SealBytes(ParamsLabel, data)
}

// DecodeParams opens a message's template parameters. Besides the
// dispatcher, the demo uses it to read a code out of the outbox as a phone
// would receive it.
func DecodeParams(keys *pii.Keyring, msg *prakerja.Message) (map[string]string, error) {
	data, err := keys.OpenBytes(ParamsLabel, msg.Params)
	if err != nil {
		return nil, fmt.Errorf("message %d params: %w", msg.ID, err)
	}
	var params map[string]string
	if err := json.Unmarshal(data, &params); err != nil {
		return nil, fmt.Errorf("message %d params: decode: %w", msg.ID, err)
	}
	return params, nil
}

// recipientField is the blind-index field whose AAD a channel's recipient
// is sealed under.
func recipientField(ch prakerja.Channel) (prakerja.IndexField, error) {
	switch ch {
	case prakerja.ChannelEmail:
		return prakerja.IndexEmail, nil
	case prakerja.ChannelSMS:
		return prakerja.IndexPhone, nil
	}
	return "", fmt.Errorf("unknown channel %q", ch)
}

// DecodeRecipient opens a message's recipient: an e-mail address or an
// E.164 phone number depending on the channel.
func DecodeRecipient(keys *pii.Keyring, msg *prakerja.Message) (string, error) {
	field, err := recipientField(msg.Channel)
	if err != nil {
		return "", fmt.Errorf("message %d: %w", msg.ID, err)
	}
	to, err := keys.Open(field, msg.Recipient.Ciphertext)
	if err != nil {
		return "", fmt.Errorf("message %d recipient: %w", msg.ID, err)
	}
	return to, nil
}
