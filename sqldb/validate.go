package sqldb

import (
	"errors"
	"fmt"

	"github.com/prakerja/prakerja"
)

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
	case len(c.CodeHash) == 0:
		return errors.New("challenge has no code hash")
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
	}
	return nil
}
