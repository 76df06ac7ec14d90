package prakerja

import (
	"context"
	"strings"
	"time"
)

// Staff accounts sign in to the operator console (issue 7 item 1): a
// username and password, then a TOTP code from an authenticator app. What
// an account may do follows from its Role alone (RoleCan).

// Staff limits. Passwords are bounded above too, because argon2id hashes
// the whole input and an unbounded one is a cheap way to burn CPU.
const (
	StaffUsernameMin    = 3
	StaffUsernameMax    = 32
	StaffDisplayNameMax = 100
	StaffPartnerRefMax  = 64
	StaffPasswordMin    = 12
	StaffPasswordMax    = 128
	StaffListMax        = 500

	// StaffLockoutFailures wrong passwords or codes in a row lock the
	// account for StaffLockoutFor, wherever they came from.
	StaffLockoutFailures = 5
	StaffLockoutFor      = 15 * time.Minute
	// StaffIdleTimeout ends a session nobody used for that long;
	// StaffSessionMax ends it regardless (one working day and a half).
	StaffIdleTimeout = 15 * time.Minute
	StaffSessionMax  = 12 * time.Hour
	// StaffPendingTTL is how long the half-signed-in state between the
	// password and the TOTP code lives.
	StaffPendingTTL = 5 * time.Minute
	// StaffSignInPerIPMax bounds sign-in attempts from one client address
	// per StaffSignInWindow, so a password sprayer cannot walk the whole
	// staff list one failure below each account's lockout.
	StaffSignInPerIPMax = 30
	StaffSignInWindow   = 15 * time.Minute
)

// Audit actions for staff accounts. Details never hold passwords, codes or
// personal data: only the username (a work identifier) and codes.
const (
	AuditStaffSignIn        = "staff.signin"
	AuditStaffSignInFailed  = "staff.signin_failed"
	AuditStaffLocked        = "staff.locked"
	AuditStaffSignOut       = "staff.signout"
	AuditStaffCreated       = "staff.created"
	AuditStaffDisabled      = "staff.disabled"
	AuditStaffEnabled       = "staff.enabled"
	AuditStaffTOTPReset     = "staff.totp_reset"
	AuditStaffTOTPEnrolled  = "staff.totp_enrolled"
	AuditStaffPasswordSet   = "staff.password_changed"
	AuditStaffPasswordReset = "staff.password_reset"
)

// Staff is one console account.
type Staff struct {
	ID          int64
	Username    string // lower case, unique, shown in audit records
	DisplayName string
	Role        Role
	// PartnerRef ties platform and institution staff to their partner:
	// the platform's slug or the institution's code. Empty for PMO staff.
	PartnerRef   string
	PasswordHash string // argon2id, PHC string format
	// TOTPSecret is the base32 secret sealed with the pii keyring; nil
	// until enrolment starts. TOTPConfirmed is set by the first accepted
	// code; TOTPLastStep is the last accepted 30-second step, so a code is
	// never accepted twice.
	TOTPSecret    []byte
	TOTPConfirmed bool
	TOTPLastStep  int64
	FailedLogins  int
	LockedUntil   time.Time
	Disabled      bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Can reports whether s may use permission p: an enabled account whose
// role holds it.
func (s *Staff) Can(p Permission) bool { return s != nil && !s.Disabled && RoleCan(s.Role, p) }

// Locked reports whether the account is locked at now.
func (s *Staff) Locked(now time.Time) bool { return now.Before(s.LockedUntil) }

// Subject is the audit subject naming s.
func (s *Staff) Subject() string { return "staff:" + s.Username }

// NormalizeUsername lower-cases and trims a username as typed.
func NormalizeUsername(u string) string { return strings.ToLower(strings.TrimSpace(u)) }

// ValidUsername checks a normalized username: 3–32 of a–z, 0–9, '.', '_'
// and '-', starting with a letter, so it is safe in audit subjects and URLs.
func ValidUsername(u string) bool {
	if len(u) < StaffUsernameMin || len(u) > StaffUsernameMax || u[0] < 'a' || u[0] > 'z' {
		return false
	}
	for _, c := range u {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// StaffSession is a console session. Only the SHA-256 of its random token
// is stored. Verified is false for the short pending state between the
// password and the TOTP code, which opens nothing but the code form.
type StaffSession struct {
	ID         int64
	TokenHash  []byte
	StaffID    int64
	Verified   bool
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // absolute end
}

// StaffSignIn is the outcome of one sign-in step: the new session's token
// (for the cookie) and the account. NeedEnrol says the account has no
// confirmed TOTP yet, so the next step is enrolment.
type StaffSignIn struct {
	Token     string
	ExpiresAt time.Time
	Staff     *Staff
	NeedEnrol bool
}

// StaffEnrolment is what an authenticator app needs: the otpauth:// URI,
// the same secret as base32 text to type in, and a QR code of the URI as a
// PNG (nil if it could not be drawn).
type StaffEnrolment struct {
	URI    string
	Secret string
	QRPNG  []byte
}

// NewStaff is an account to create.
type NewStaff struct {
	Username    string
	DisplayName string
	Role        Role
	PartnerRef  string
	Password    string
}

// StaffStore keeps staff accounts and their sessions.
type StaffStore interface {
	// CreateStaff stores a new account and sets its ID. Returns
	// CodeConflict when the username is taken.
	CreateStaff(ctx context.Context, s *Staff) error
	// StaffByID returns one account. Returns CodeNotFound.
	StaffByID(ctx context.Context, id int64) (*Staff, error)
	// StaffByUsername returns one account by its normalized username.
	// Returns CodeNotFound.
	StaffByUsername(ctx context.Context, username string) (*Staff, error)
	// ListStaff lists accounts by username, at most StaffListMax.
	ListStaff(ctx context.Context) ([]*Staff, error)
	// RecordStaffFailure counts one failed sign-in atomically; the
	// failure that reaches maxFailures locks the account until
	// now+lockFor and resets the count. Returns the account after it, or
	// CodeNotFound.
	RecordStaffFailure(ctx context.Context, id int64, now time.Time, maxFailures int, lockFor time.Duration) (*Staff, error)
	// ResetStaffFailures clears the failure count after a sign-in.
	ResetStaffFailures(ctx context.Context, id int64, now time.Time) error
	// SetStaffPassword replaces the password hash and ends every session
	// of the account. Returns CodeNotFound.
	SetStaffPassword(ctx context.Context, id int64, hash string, now time.Time) error
	// SetStaffTOTP stores a sealed secret, unconfirmed, with no accepted
	// step (nil clears it: a reset). A reset also ends every session.
	// Returns CodeNotFound.
	SetStaffTOTP(ctx context.Context, id int64, sealed []byte, now time.Time) error
	// AcceptStaffTOTPStep records step as used and the secret as
	// confirmed, only if step is later than the last accepted one. Returns
	// CodeOTPUsed for a step already used (a replay), CodeNotFound.
	AcceptStaffTOTPStep(ctx context.Context, id int64, step int64, now time.Time) error
	// SetStaffDisabled disables or enables an account; disabling ends
	// every session. Returns CodeNotFound.
	SetStaffDisabled(ctx context.Context, id int64, disabled bool, now time.Time) error

	// CreateStaffSession stores a session and sets its ID.
	CreateStaffSession(ctx context.Context, s *StaffSession) error
	// TouchStaffSession returns the session with token hash hash and
	// marks it seen at now, if it is before its ExpiresAt and was last
	// seen after idleSince. Returns CodeUnauthorized otherwise.
	TouchStaffSession(ctx context.Context, hash []byte, now, idleSince time.Time) (*StaffSession, error)
	// DeleteStaffSession ends one session; an unknown one is not an error.
	DeleteStaffSession(ctx context.Context, hash []byte) error
}
