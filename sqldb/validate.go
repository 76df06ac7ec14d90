package sqldb

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
)

// SealedMax bounds one stored ciphertext, blind index or code hash, in
// bytes: an e-mail address (at most 254 bytes) sealed with its nonce, tag
// and key id fits many times over.
const SealedMax = 1024

// ParamsMax bounds a message's sealed template parameters, in bytes.
const ParamsMax = 16 << 10

// The checks below catch programmer errors before a row reaches a batch:
// a NOT NULL violation inside a group commit would fail every caller in it,
// not only the one that sent the bad row. They are internal errors, and
// they never quote personal data.

func validateNewRegistration(nr *prakerja.NewRegistration) error {
	if nr == nil || nr.Record == nil {
		return errors.New("no registration record")
	}
	r := nr.Record
	for _, f := range []struct {
		name  string
		value prakerja.Sealed
	}{{"nik", r.NIK}, {"email", r.Email}, {"phone", r.Phone}} {
		if len(f.value.Index) == 0 || len(f.value.Ciphertext) == 0 {
			return fmt.Errorf("%s is not sealed", f.name)
		}
	}
	for _, b := range [][]byte{r.NIK.Ciphertext, r.NIK.Index, r.Email.Ciphertext, r.Email.Index,
		r.Phone.Ciphertext, r.Phone.Index, r.KK.Ciphertext, r.KK.Index} {
		if len(b) > SealedMax {
			return fmt.Errorf("a sealed value is longer than %d bytes", SealedMax)
		}
	}
	if len(r.FullName) > utf8.UTFMax*prakerja.FullNameMax {
		return fmt.Errorf("full name longer than %d bytes", utf8.UTFMax*prakerja.FullNameMax)
	}
	if r.Status == "" {
		return errors.New("registration has no status")
	}
	if r.CreatedAt.IsZero() || r.UpdatedAt.IsZero() {
		return errors.New("registration has no created or updated time")
	}
	if nr.Challenge != nil {
		if err := validateChallenge(nr.Challenge); err != nil {
			return err
		}
	}
	if nr.Message != nil {
		return validateMessage(nr.Message)
	}
	return nil
}

func validateChallenge(c *prakerja.Challenge) error {
	switch {
	case c.Purpose == "" || c.Channel == "":
		return errors.New("challenge has no purpose or channel")
	case len(c.CodeHash) == 0 || len(c.CodeHash) > SealedMax:
		return fmt.Errorf("challenge code hash of %d bytes, want 1 to %d", len(c.CodeHash), SealedMax)
	case c.MaxAttempts <= 0:
		return errors.New("challenge allows no attempts")
	case c.ExpiresAt.IsZero() || c.CreatedAt.IsZero():
		return errors.New("challenge has no expiry or created time")
	}
	return nil
}

func validateMessage(m *prakerja.Message) error {
	switch {
	case m.Channel == "" || m.Template == "":
		return errors.New("message has no channel or template")
	case m.CreatedAt.IsZero():
		return errors.New("message has no created time")
	case len(m.LastError) > LastErrorMax:
		return fmt.Errorf("message last error longer than %d bytes", LastErrorMax)
	case len(m.Recipient.Ciphertext) > SealedMax || len(m.Params) > ParamsMax:
		return fmt.Errorf("message recipient over %d or parameters over %d bytes", SealedMax, ParamsMax)
	}
	return nil
}
