package registration

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// loginIDTextMax bounds a sign-in id as received, before decoding.
const loginIDTextMax = 256

// loginID is what a sign-in id carries, sealed. A decoy (no usable account)
// has challenge and registration 0.
type loginID struct {
	challenge    int64
	registration int64
	expires      time.Time
}

// StartLogin sends a sign-in code to a verified e-mail address or phone.
// Whether or not an account has that identifier, it counts the same rate
// limits, does one lookup and one write, and returns a sealed id of the same
// length and a code expiry, so the answer does not reveal who is registered
// (ASVS 6.3.8). An unknown identifier gets a decoy id whose codes all fail.
func (s *Service) StartLogin(ctx context.Context, identifier string, c prakerja.Client) (*prakerja.Login, error) {
	now := s.now()
	field, value, ch, err := parseIdentifier(identifier)
	if err != nil {
		return nil, err
	}
	idx := s.keys.Index(field, value)
	limits := append(s.addrLimit(c), limit{s.rateKey(rateLogin, idx), s.cfg.LoginPerIdentifierHour, time.Hour})
	if ch == prakerja.ChannelSMS {
		limits = append(limits, limit{s.rateKey(rateSMS, idx), s.cfg.SMSPerPhoneHour, time.Hour})
	}
	if err := s.hit(ctx, now, limits...); err != nil {
		return nil, err
	}
	rec, err := s.store.RegistrationByIndex(ctx, field, idx)
	if err != nil && prakerja.ErrorCode(err) != prakerja.CodeNotFound {
		return nil, err
	}
	if err != nil || !verified(rec, field) {
		return s.decoyLogin(ctx, ch, value, idx, c, now)
	}
	chal, msg, err := s.newCode(rec.ID, prakerja.PurposeLogin, ch, value, c.Locale, s.cfg.LoginTTL, now)
	if err != nil {
		return nil, err
	}
	if err := s.store.CreateChallenge(ctx, chal, msg); err != nil {
		return nil, err
	}
	return s.login(loginID{chal.ID, rec.ID, chal.ExpiresAt}, ch)
}

// decoyLogin does the work of a real sign-in (a code, its hash, a sealed
// message, one write) and answers with an id that can never succeed. The
// write counts sign-ins for unknown identifiers, a signal of enumeration.
func (s *Service) decoyLogin(ctx context.Context, ch prakerja.Channel, value string, idx []byte, c prakerja.Client, now time.Time) (*prakerja.Login, error) {
	chal, _, err := s.newCode(0, prakerja.PurposeLogin, ch, value, c.Locale, s.cfg.LoginTTL, now)
	if err != nil {
		return nil, err
	}
	if _, err := s.store.HitRateLimit(ctx, s.rateKey(rateLoginUnknown, idx), now.Truncate(time.Hour)); err != nil {
		return nil, err
	}
	return s.login(loginID{0, 0, chal.ExpiresAt}, ch)
}

func verified(rec *prakerja.RegistrationRecord, field prakerja.IndexField) bool {
	if field == prakerja.IndexEmail {
		return !rec.EmailVerifiedAt.IsZero()
	}
	return !rec.PhoneVerifiedAt.IsZero()
}

// parseIdentifier tells an e-mail address from a phone number by its '@'.
func parseIdentifier(s string) (prakerja.IndexField, string, prakerja.Channel, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", "", "", identifierError(prakerja.CodeRequired, "Enter the e-mail address or mobile number of your account.")
	}
	if strings.Contains(s, "@") {
		if email, ok := NormalizeEmail(s); ok {
			return prakerja.IndexEmail, email, prakerja.ChannelEmail, nil
		}
	} else if phone, ok := NormalizePhone(s); ok {
		return prakerja.IndexPhone, phone, prakerja.ChannelSMS, nil
	}
	return "", "", "", identifierError(prakerja.CodeBadFormat, "Enter an e-mail address or an Indonesian mobile number, e.g. 0812-3456-7890.")
}

func identifierError(code prakerja.Code, msg string) error {
	return &prakerja.Error{
		Code:    prakerja.CodeInvalid,
		Message: "The sign-in identifier is not valid.",
		Fields:  []prakerja.FieldError{{Field: "identifier", Code: code, Message: msg}},
	}
}

// login seals id into an opaque sign-in id. AES-GCM makes a decoy and a real
// id indistinguishable without the key, and tamper-proof, so FinishLogin can
// trust the challenge and registration ids inside.
func (s *Service) login(id loginID, ch prakerja.Channel) (*prakerja.Login, error) {
	var b [24]byte
	binary.BigEndian.PutUint64(b[0:], uint64(id.challenge))
	binary.BigEndian.PutUint64(b[8:], uint64(id.registration))
	binary.BigEndian.PutUint64(b[16:], uint64(id.expires.Unix()))
	sealed, err := s.keys.SealBytes(loginIDLabel, b[:])
	if err != nil {
		return nil, err
	}
	return &prakerja.Login{ID: base64.RawURLEncoding.EncodeToString(sealed), Channel: ch, ExpiresAt: id.expires}, nil
}

// openLoginID reverses login; ok is false for anything it did not make.
func (s *Service) openLoginID(text string) (loginID, bool) {
	if len(text) > loginIDTextMax {
		return loginID{}, false
	}
	sealed, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil {
		return loginID{}, false
	}
	b, err := s.keys.OpenBytes(loginIDLabel, sealed)
	if err != nil || len(b) != 24 {
		return loginID{}, false
	}
	return loginID{
		challenge:    int64(binary.BigEndian.Uint64(b[0:])),
		registration: int64(binary.BigEndian.Uint64(b[8:])),
		expires:      time.Unix(int64(binary.BigEndian.Uint64(b[16:])), 0).UTC(),
	}, true
}
