package prakerja

import (
	"context"
	"time"
)

// RegisterInput is what a registrant submits, as received (strings, so the
// service can say exactly which field is wrong).
type RegisterInput struct {
	FullName         string `json:"full_name"`
	Email            string `json:"email"`
	Phone            string `json:"phone"`
	NIK              string `json:"nik"`
	KK               string `json:"kk"`
	BirthDate        string `json:"birth_date"` // YYYY-MM-DD
	Sex              string `json:"sex"`        // M or F
	DomicileDistrict string `json:"domicile_district"`
	// WorkImpact is optional ("" = not stated); see WorkImpacts.
	WorkImpact string `json:"work_impact,omitempty"`
	// TargetingConsent is the explicit, unticked-by-default consent to
	// individual targeting exports under TargetingNoticeVersion.
	TargetingConsent bool `json:"targeting_consent,omitempty"`
}

// Client describes who is calling, for rate limits and message language.
type Client struct {
	Addr   string // remote IP; hashed before it is stored
	Locale string // "id" (default) or "en"
}

// Login is a started sign-in: an opaque id to send back with the code.
type Login struct {
	ID        string
	Channel   Channel
	ExpiresAt time.Time
}

// SessionToken is a new session's secret, to be put in a cookie.
type SessionToken struct {
	Token     string
	ExpiresAt time.Time
}

// RegistrationService runs the first stage of the programme: accounts,
// e-mail confirmation, phone OTP, passwordless sign-in and sessions.
type RegistrationService interface {
	// Register validates and stores a registration and queues the e-mail
	// confirmation link. Returns CodeInvalid (with Fields), CodeNIKTaken,
	// CodeEmailTaken, CodePhoneTaken.
	Register(ctx context.Context, in RegisterInput, c Client) (*Registration, error)
	// ConfirmEmail follows the link's token and signs the registrant in.
	// Returns CodeNotFound, CodeOTPExpired, CodeOTPUsed.
	ConfirmEmail(ctx context.Context, token string) (*Registration, *SessionToken, error)
	// SendPhoneOTP sends a 6-digit code by SMS. Returns CodeConflict (e-mail
	// not confirmed or phone already verified) and CodeRateLimited.
	SendPhoneOTP(ctx context.Context, registrationID int64, c Client) (time.Time, error)
	// VerifyPhone checks the SMS code. Returns CodeNotFound, CodeOTPInvalid,
	// CodeOTPExpired, CodeOTPUsed, CodeOTPExhausted.
	VerifyPhone(ctx context.Context, registrationID int64, code string) (*Registration, error)
	// StartLogin sends a sign-in code to the verified phone or e-mail given
	// as identifier. It answers alike whether or not the account exists.
	// Returns CodeInvalid and CodeRateLimited.
	StartLogin(ctx context.Context, identifier string, c Client) (*Login, error)
	// FinishLogin checks a sign-in code and opens a session. Returns
	// CodeOTPInvalid, CodeOTPExpired, CodeOTPUsed, CodeOTPExhausted.
	FinishLogin(ctx context.Context, loginID, code string) (*Registration, *SessionToken, error)
	// Authenticate resolves a session token. Returns CodeUnauthorized.
	Authenticate(ctx context.Context, token string) (*Registration, error)
	// Logout revokes a session on the server.
	Logout(ctx context.Context, token string) error
	// Registration returns one registration, personal data decrypted.
	// Returns CodeNotFound.
	Registration(ctx context.Context, id int64) (*Registration, error)
}
