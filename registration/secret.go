package registration

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
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
// hash can never be replayed as a link hash.
const (
	hashEmailLink = "email_link"
	hashOTP       = "otp"
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

// otpHash binds a code to its purpose, registration and expiry second, so
// one code value stored for two challenges gives two different hashes. The
// challenge id would be the natural binding but is only known after the
// insert; the expiry, truncated to whole seconds, is known before and read
// back unchanged.
func (s *Service) otpHash(purpose prakerja.ChallengePurpose, regID int64, expires time.Time, code string) []byte {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(regID))
	binary.BigEndian.PutUint64(b[8:], uint64(expires.Unix()))
	return s.keys.HMAC(hashOTP, []byte(purpose), b[:], []byte(code))
}

// rateKey names a rate-limit bucket by a keyed hash of what it counts, so
// the rate_limits table holds no phone number, e-mail or IP address.
func (s *Service) rateKey(kind string, subject []byte) string {
	h := s.keys.HMAC(hashRateLimit, []byte(kind), subject)
	return kind + ":" + base64.RawURLEncoding.EncodeToString(h[:16])
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
