package prakerja

import "time"

// ChallengePurpose says what a one-time code or link proves.
type ChallengePurpose string

const (
	PurposeEmailConfirm ChallengePurpose = "email_confirm" // link in the welcome e-mail
	PurposePhoneVerify  ChallengePurpose = "phone_verify"  // SMS OTP after registration
	PurposeLogin        ChallengePurpose = "login"         // sign-in code to a verified phone or e-mail
)

// Channel is how a message reaches a person.
type Channel string

const (
	ChannelEmail Channel = "email"
	ChannelSMS   Channel = "sms"
)

// Challenge is a one-time code or link secret, stored only as a keyed hash.
// It is single use, expires, and allows a bounded number of wrong tries.
type Challenge struct {
	ID             int64
	RegistrationID int64
	Purpose        ChallengePurpose
	Channel        Channel
	CodeHash       []byte
	MaxAttempts    int
	Attempts       int
	ExpiresAt      time.Time
	UsedAt         time.Time
	CreatedAt      time.Time
}

// Session is a signed-in registrant's server-side session; the cookie holds
// only a random token whose hash is stored, so logout is real.
type Session struct {
	ID             int64
	TokenHash      []byte
	RegistrationID int64
	CreatedAt      time.Time
	ExpiresAt      time.Time
	RevokedAt      time.Time
}

// Message is one outgoing e-mail or SMS in the outbox. The recipient and the
// template parameters (which may hold a one-time code) are sealed; a sender
// decrypts them only to deliver.
type Message struct {
	ID             int64
	RegistrationID int64
	Channel        Channel
	Template       string // e.g. "email_confirm", "phone_otp", "login_otp"
	Locale         string // "id" or "en"
	Recipient      Sealed // Index unused
	Params         []byte // sealed JSON object of template parameters
	Attempts       int
	NextAttemptAt  time.Time
	LastError      string
	SentAt         time.Time
	CreatedAt      time.Time
}

// IdempotentResponse is a stored answer to a POST made with an
// Idempotency-Key, replayed when the same request comes again.
type IdempotentResponse struct {
	Key         string
	RequestHash []byte
	Status      int // 0 while the first request is still in flight
	ContentType string
	Body        []byte
	CreatedAt   time.Time
}
