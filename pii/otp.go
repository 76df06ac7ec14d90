package pii

import (
	"encoding/binary"
	"time"

	"github.com/prakerja/prakerja"
)

// OTPHash is what a challenge stores of a one-time code: the code bound to
// its purpose, registration and expiry second, so one code value stored
// for two challenges gives two different hashes and a code drawn for one
// purpose (a card payment) never confirms another (a payout account). The
// challenge id would be the natural binding but is only known after the
// insert; the expiry, truncated to whole seconds, is known before and read
// back unchanged.
func (k *Keyring) OTPHash(purpose prakerja.ChallengePurpose, regID int64, expires time.Time, code string) []byte {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(regID))
	binary.BigEndian.PutUint64(b[8:], uint64(expires.Unix()))
	return k.HMAC("otp", []byte(purpose), b[:], []byte(code))
}
