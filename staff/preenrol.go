package staff

import (
	"context"
	"encoding/base32"
	"strings"

	"github.com/prakerja/prakerja"
)

// PreEnrol gives account id the TOTP secret (base32) and marks it
// confirmed, so the account signs in without the enrolment step. It is for
// the demo and for provisioning tools that hand out a hardware token whose
// secret is known; console staff enrol themselves. Returns CodeInvalid for
// a secret that is not base32 of at least 16 bytes, CodeNotFound.
func (s *Service) PreEnrol(ctx context.Context, actor string, id int64, secret string) error {
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.TrimRight(secret, "="))
	if err != nil || len(raw) < 16 {
		return prakerja.Errorf(prakerja.CodeInvalid, "A TOTP secret is base32 of at least 16 bytes.")
	}
	st, err := s.store.StaffByID(ctx, id)
	if err != nil {
		return err
	}
	if err := s.storeSecret(ctx, st, secret); err != nil {
		return err
	}
	// Step 1 (the first 30 seconds of 1970) confirms the secret without
	// using up any code that can be typed today.
	if err := s.store.AcceptStaffTOTPStep(ctx, id, 1, s.now()); err != nil {
		return err
	}
	return s.audit(ctx, actor, prakerja.AuditStaffTOTPEnrolled, st.Subject(), map[string]string{"by": "pre-enrolment"})
}
