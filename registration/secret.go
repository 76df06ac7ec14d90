package registration

import (
	"crypto/rand"
	"encoding/base64"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
)

// tokenSize is the random length of link and session tokens: 256 bits,
// double ASVS 7.2.3's minimum, so guessing is hopeless and the stored HMAC
// needs no salt.
const tokenSize = 32

// tokenTextMax bounds a token as received, before decoding.
const tokenTextMax = 128

// HMAC purposes. Each derives its own key (pii.Keyring.HMAC), so a session
// hash can never be replayed as a link hash. One-time codes use
// pii.Keyring.OTPHash ("otp").
const (
	hashEmailLink = "email_link"
	hashSession   = "session"
	hashRateLimit = "rate_limit"
)

// loginIDLabel is the pii.SealBytes label of sign-in ids.
const loginIDLabel = "login_id"

// newToken returns a random token as sent to the user and its raw bytes.
func newToken() (string, []byte) {
	b := make([]byte, tokenSize)
	_, _ = rand.Read(b) // never fails (crypto/rand since Go 1.24)
	return base64.RawURLEncoding.EncodeToString(b), b
}

// parseToken decodes a token; ok is false for anything newToken could not
// have produced.
func parseToken(s string) ([]byte, bool) {
	if len(s) > tokenTextMax {
		return nil, false
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) != tokenSize {
		return nil, false
	}
	return b, true
}

// otpHash is the keyring's OTPHash.
func (s *Service) otpHash(purpose prakerja.ChallengePurpose, regID int64, expires time.Time, code string) []byte {
	return s.keys.OTPHash(purpose, regID, expires, code)
}

// rateKey names a rate-limit bucket by a keyed hash of what it counts, so
// the rate_limits table holds no phone number, e-mail or IP address.
func (s *Service) rateKey(kind string, subject []byte) string {
	h := s.keys.HMAC(hashRateLimit, []byte(kind), subject)
	return kind + ":" + base64.RawURLEncoding.EncodeToString(h[:16])
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
