package staff

import (
	"bytes"
	"context"
	"crypto/subtle"
	"fmt"
	"image/png"
	"net/url"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/prakerja/prakerja"
)

// TOTP settings (RFC 6238): 30-second steps, 6 digits, SHA-1 (what every
// authenticator app supports), and one step of skew either way for clocks
// a little off.
const (
	totpPeriod = 30
	totpSkew   = 1
	totpDigits = otp.DigitsSix
	qrSize     = 200
)

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: totpDigits, Algorithm: otp.AlgorithmSHA1}

// newSecret makes a fresh base32 secret of 20 random bytes (160 bits, the
// RFC 4226 recommendation).
func newSecret(username string) (string, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: Issuer, AccountName: username, Period: totpPeriod,
		SecretSize: 20, Digits: totpDigits, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return "", fmt.Errorf("generate totp secret: %w", err)
	}
	return key.Secret(), nil
}

// enrolment describes secret for username: the otpauth URI and its QR.
func enrolment(username, secret string) *prakerja.StaffEnrolment {
	v := url.Values{}
	v.Set("secret", secret)
	v.Set("issuer", Issuer)
	v.Set("algorithm", "SHA1")
	v.Set("digits", "6")
	v.Set("period", "30")
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + Issuer + ":" + username, RawQuery: v.Encode()}
	e := &prakerja.StaffEnrolment{URI: u.String(), Secret: secret}
	if key, err := otp.NewKeyFromURL(e.URI); err == nil {
		if img, err := key.Image(qrSize, qrSize); err == nil {
			var buf bytes.Buffer
			if png.Encode(&buf, img) == nil {
				e.QRPNG = buf.Bytes()
			}
		}
	}
	return e
}

// matchStep returns the time step whose code equals code, within the
// skew, or 0. The comparison is constant-time per candidate.
func matchStep(secret, code string, now time.Time) int64 {
	if len(code) != 6 {
		return 0
	}
	step := now.Unix() / totpPeriod
	for d := int64(-totpSkew); d <= totpSkew; d++ {
		at := time.Unix((step+d)*totpPeriod, 0)
		want, err := totp.GenerateCodeCustom(secret, at, totpOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step + d
		}
	}
	return 0
}

// Code is the TOTP code of secret at t, for tests and the demo.
func Code(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totpOpts)
}

// secretOf opens st's sealed secret.
func (s *Service) secretOf(st *prakerja.Staff) (string, error) {
	b, err := s.keys.OpenBytes(totpLabel, st.TOTPSecret)
	if err != nil {
		return "", fmt.Errorf("open totp secret of staff %d: %w", st.ID, err)
	}
	return string(b), nil
}

// storeSecret seals and stores a new, unconfirmed secret for st.
func (s *Service) storeSecret(ctx context.Context, st *prakerja.Staff, secret string) error {
	sealed, err := s.keys.SealBytes(totpLabel, []byte(secret))
	if err != nil {
		return err
	}
	return s.store.SetStaffTOTP(ctx, st.ID, sealed, s.now())
}
