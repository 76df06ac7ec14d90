package registration

import (
	"fmt"
	"time"
)

// Config holds the service's tunables. Start from DefaultConfig: a zero
// field is a mistake, not "use the default", so Validate rejects it.
type Config struct {
	// BaseURL is the public origin that e-mailed links point to, without a
	// trailing slash, e.g. "https://prakerja.example.id".
	BaseURL string

	OTPLength      int           // digits; 6 gives 20 bits (ASVS 6.5.4)
	OTPTTL         time.Duration // a code's life; ASVS 6.5.5 allows at most 10 min
	OTPMaxAttempts int           // wrong tries before a code is spent (ASVS 6.6.3)

	// OTPResendInterval is the least time between two codes of one purpose
	// for one registration, so a double click sends one SMS.
	OTPResendInterval time.Duration
	// SMSPerPhoneHour caps codes sent to one phone number per clock hour,
	// across phone verification and sign-in: SMS costs money and floods a
	// victim's phone.
	SMSPerPhoneHour int64
	// OTPPerAddrHour caps codes requested from one client address per
	// hour. Indonesian mobile carriers put many subscribers behind one
	// CGNAT address, so the cap is generous; it stops scripts, not people.
	OTPPerAddrHour int64
	// LoginPerIdentifierHour caps sign-in codes per e-mail or phone given,
	// counted alike whether or not an account has it.
	LoginPerIdentifierHour int64

	EmailLinkTTL time.Duration // the confirmation link's life
	LoginTTL     time.Duration // a sign-in code's life
	SessionTTL   time.Duration // absolute session life (ASVS 7.3.2)
}

// DefaultConfig returns the production defaults. Each is a judgement, noted
// where it is not obvious.
func DefaultConfig() Config {
	return Config{
		BaseURL:                "http://127.0.0.1:8080",
		OTPLength:              6,
		OTPTTL:                 5 * time.Minute, // "valid a few minutes", as the real FAQ said
		OTPMaxAttempts:         5,
		OTPResendInterval:      60 * time.Second,
		SMSPerPhoneHour:        5,
		OTPPerAddrHour:         100,
		LoginPerIdentifierHour: 5,
		EmailLinkTTL:           72 * time.Hour, // e-mail is slow and read late; the token has 256 bits
		LoginTTL:               5 * time.Minute,
		SessionTTL:             12 * time.Hour,
	}
}

// Bounds on configuration, so a typo cannot weaken a code to one digit or
// make it live for a day.
const (
	OTPLengthMin = 6
	OTPLengthMax = 9 // longer codes add nothing the attempt limit does not, and get mistyped
	OTPTTLMax    = 10 * time.Minute
)

// Validate reports the first unusable setting.
func (c Config) Validate() error {
	switch {
	case c.BaseURL == "" || c.BaseURL[len(c.BaseURL)-1] == '/':
		return fmt.Errorf("base url must be set and have no trailing slash")
	case c.OTPLength < OTPLengthMin || c.OTPLength > OTPLengthMax:
		return fmt.Errorf("otp length %d is outside %d-%d", c.OTPLength, OTPLengthMin, OTPLengthMax)
	case c.OTPTTL <= 0 || c.OTPTTL > OTPTTLMax || c.LoginTTL <= 0 || c.LoginTTL > OTPTTLMax:
		return fmt.Errorf("otp and login ttl must be positive and at most %s", OTPTTLMax)
	case c.OTPMaxAttempts < 1:
		return fmt.Errorf("otp max attempts must be positive")
	case c.OTPResendInterval < 0:
		return fmt.Errorf("otp resend interval must not be negative")
	case c.SMSPerPhoneHour < 1 || c.OTPPerAddrHour < 1 || c.LoginPerIdentifierHour < 1:
		return fmt.Errorf("rate limits must be positive")
	case c.EmailLinkTTL <= 0 || c.SessionTTL <= 0:
		return fmt.Errorf("email link and session ttl must be positive")
	}
	return nil
}
