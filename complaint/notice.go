package complaint

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
)

// notice is the registrant's message about a public step on c: by SMS to
// a verified phone, else by e-mail to a confirmed address, else none. It
// carries the reference and the state only, never the complaint's text.
func (s *Service) notice(ctx context.Context, c *prakerja.Complaint, now time.Time) (*prakerja.Message, error) {
	reg, err := s.store.Registration(ctx, c.RegistrationID)
	if err != nil {
		return nil, fmt.Errorf("complaint notice: %w", err)
	}
	msg := &prakerja.Message{RegistrationID: reg.ID, Template: notify.TemplateComplaintUpdate,
		Locale: notify.Locale(c.Locale), NextAttemptAt: now, CreatedAt: now}
	switch {
	case !reg.PhoneVerifiedAt.IsZero():
		msg.Channel, msg.Recipient = prakerja.ChannelSMS, prakerja.Sealed{Ciphertext: reg.Phone.Ciphertext}
	case !reg.EmailVerifiedAt.IsZero():
		msg.Channel, msg.Recipient = prakerja.ChannelEmail, prakerja.Sealed{Ciphertext: reg.Email.Ciphertext}
	default:
		return nil, nil
	}
	params, err := notify.EncodeParams(s.keys, map[string]string{"ref": c.Reference, "state": string(c.State)})
	if err != nil {
		return nil, fmt.Errorf("complaint notice: %w", err)
	}
	msg.Params = params
	return msg, nil
}
