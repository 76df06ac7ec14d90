package http

import (
	"net/http"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
)

// meJSON is a registrant's own data as the API shows it: identity numbers,
// phone and e-mail masked, because the answer may be cached by a phone's
// browser or shown on a shared screen.
type meJSON struct {
	ID               int64                       `json:"id"`
	Status           prakerja.RegistrationStatus `json:"status"`
	FullName         string                      `json:"full_name"`
	Email            string                      `json:"email"`
	Phone            string                      `json:"phone"`
	NIK              string                      `json:"nik"`
	KK               string                      `json:"kk"`
	BirthDate        string                      `json:"birth_date"`
	Sex              string                      `json:"sex"`
	DomicileDistrict regionJSON                  `json:"domicile_district"`
	EmailVerifiedAt  *time.Time                  `json:"email_verified_at"`
	PhoneVerifiedAt  *time.Time                  `json:"phone_verified_at"`
	CreatedAt        time.Time                   `json:"created_at"`
	// Reasons say why a registration failed identity or eligibility, in the
	// request's language; empty for every other status.
	Reasons []reasonJSON `json:"reasons"`
}

// apiMe handles GET /api/v1/me.
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	return s.writeMe(w, r, registrationFrom(r.Context()).ID)
}

// writeMe loads the registration with its personal data decrypted (the
// session lookup need not decrypt) and answers it masked.
func (s *Server) writeMe(w http.ResponseWriter, r *http.Request, id int64) error {
	reg, err := s.regs.Registration(r.Context(), id)
	if err != nil {
		return err
	}
	me := meOf(reg)
	me.Reasons = s.reasonsOf(localeFor(r), reg)
	writeJSON(w, http.StatusOK, me)
	return nil
}

func meOf(reg *prakerja.Registration) meJSON {
	return meJSON{
		ID:               reg.ID,
		Status:           reg.Status,
		FullName:         reg.FullName,
		Email:            maskEmail(reg.Email),
		Phone:            maskPhone(reg.Phone),
		NIK:              maskNIK(reg.NIK),
		KK:               maskNIK(reg.KK),
		BirthDate:        dateOnly(reg.BirthDate),
		Sex:              reg.Sex,
		DomicileDistrict: districtOf(reg.DomicileDistrict),
		EmailVerifiedAt:  timeOrNil(reg.EmailVerifiedAt),
		PhoneVerifiedAt:  timeOrNil(reg.PhoneVerifiedAt),
		CreatedAt:        reg.CreatedAt.UTC(),
	}
}

// districtOf names a district code; an unknown code is shown bare rather
// than failing the whole page.
func districtOf(code string) regionJSON {
	if d, ok := nik.LookupDistrict(code); ok {
		return regionOf(d)
	}
	return regionJSON{Code: code}
}

func dateOnly(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// timeOrNil makes "not yet" a JSON null instead of year 1.
func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}
