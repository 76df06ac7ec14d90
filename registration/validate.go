package registration

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
)

// oldestBirthYear bounds stated birth dates: older ones are typos.
const oldestBirthYear = 1900

// input is a RegisterInput that passed validation, in canonical form.
type input struct {
	FullName         string
	Email            string // lower case
	Phone            string // E.164
	NIK              string
	KK               string
	BirthDate        time.Time // UTC midnight
	Sex              string
	DomicileDistrict string // dotted
	WorkImpact       prakerja.WorkImpact
	TargetingConsent bool
}

// fieldErrors collects every bad field of one request, so the registrant
// fixes them all in one round trip.
type fieldErrors []prakerja.FieldError

func (fe *fieldErrors) add(field string, code prakerja.Code, msg string) {
	*fe = append(*fe, prakerja.FieldError{Field: field, Code: code, Message: msg})
}

// addErr records a *prakerja.Error from another package under field,
// keeping its code and its (already PII-free) message.
func (fe *fieldErrors) addErr(field string, err error) {
	var e *prakerja.Error
	if errors.As(err, &e) {
		fe.add(field, e.Code, e.Message)
		return
	}
	fe.add(field, prakerja.CodeBadValue, "The value is not valid.")
}

// validate checks in against the rules documented on RegisterInput's
// fields and returns it canonicalised, or a CodeInvalid error listing every
// bad field. Messages never quote the value.
func validate(in prakerja.RegisterInput, now time.Time) (*input, error) {
	var fe fieldErrors
	out := &input{}
	out.FullName = validateName(&fe, in.FullName)
	out.Email = validateEmail(&fe, in.Email)
	out.Phone = validatePhone(&fe, in.Phone)
	out.BirthDate = validateBirthDate(&fe, in.BirthDate, now)
	out.Sex = validateSex(&fe, in.Sex)
	out.NIK = validateNIK(&fe, in.NIK, out.BirthDate, out.Sex, now)
	out.KK = validateKK(&fe, in.KK, now)
	out.DomicileDistrict = validateDistrict(&fe, in.DomicileDistrict)
	out.WorkImpact = validateWorkImpact(&fe, in.WorkImpact)
	out.TargetingConsent = in.TargetingConsent
	if len(fe) > 0 {
		return nil, &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Some fields are not valid.", Fields: fe}
	}
	return out, nil
}

func validateName(fe *fieldErrors, s string) string {
	name, ok := NormalizeName(s)
	switch {
	case name == "":
		fe.add("full_name", prakerja.CodeRequired, "Full name is required.")
	case utf8.RuneCountInString(name) > prakerja.FullNameMax:
		fe.add("full_name", prakerja.CodeTooLong, "Full name must be at most "+strconv.Itoa(prakerja.FullNameMax)+" characters.")
	case !ok:
		fe.add("full_name", prakerja.CodeBadFormat, "Full name may contain only letters, spaces, apostrophes, full stops and hyphens.")
	}
	return name
}

func validateEmail(fe *fieldErrors, s string) string {
	s = strings.TrimSpace(s)
	email, ok := NormalizeEmail(s)
	switch {
	case s == "":
		fe.add("email", prakerja.CodeRequired, "E-mail address is required.")
	case len(s) > prakerja.EmailMax:
		fe.add("email", prakerja.CodeTooLong, "E-mail address must be at most "+strconv.Itoa(prakerja.EmailMax)+" characters.")
	case !ok:
		fe.add("email", prakerja.CodeBadFormat, "E-mail address is not valid, e.g. nama@contoh.id.")
	}
	return email
}

func validatePhone(fe *fieldErrors, s string) string {
	phone, ok := NormalizePhone(s)
	switch {
	case strings.TrimSpace(s) == "":
		fe.add("phone", prakerja.CodeRequired, "Mobile phone number is required.")
	case !ok:
		fe.add("phone", prakerja.CodeBadFormat, "Mobile phone number must be an Indonesian mobile number, e.g. 0812-3456-7890.")
	}
	return phone
}

// validateBirthDate returns the zero time when the date is bad, so the NIK
// check skips its date comparison instead of reporting a second error.
func validateBirthDate(fe *fieldErrors, s string, now time.Time) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		fe.add("birth_date", prakerja.CodeRequired, "Birth date is required.")
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		fe.add("birth_date", prakerja.CodeBadFormat, "Birth date must be a real date written YYYY-MM-DD.")
		return time.Time{}
	}
	y, m, day := now.In(prakerja.WIB).Date()
	today := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	if d.After(today) || d.Year() < oldestBirthYear {
		fe.add("birth_date", prakerja.CodeBadValue, "Birth date cannot be in the future or before 1900.")
		return time.Time{}
	}
	return d
}

// validateSex returns "" when sex is bad, for the same reason.
func validateSex(fe *fieldErrors, s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	switch s {
	case "M", "F":
		return s
	case "":
		fe.add("sex", prakerja.CodeRequired, "Sex is required.")
	default:
		fe.add("sex", prakerja.CodeBadValue, "Sex must be M or F.")
	}
	return ""
}

func validateNIK(fe *fieldErrors, s string, birth time.Time, sex string, now time.Time) string {
	s = strings.TrimSpace(s)
	if s == "" {
		fe.add("nik", prakerja.CodeRequired, "NIK is required.")
		return ""
	}
	if _, err := nik.Check(s, birth, sex, now); err != nil {
		fe.addErr("nik", err)
	}
	return s
}

func validateKK(fe *fieldErrors, s string, now time.Time) string {
	s = strings.TrimSpace(s)
	if s == "" {
		fe.add("kk", prakerja.CodeRequired, "KK number is required.")
		return ""
	}
	if _, err := nik.ParseKK(s, now); err != nil {
		fe.addErr("kk", err)
	}
	return s
}

func validateDistrict(fe *fieldErrors, s string) string {
	code := normalizeDistrict(s)
	switch {
	case code == "":
		fe.add("domicile_district", prakerja.CodeRequired, "District of domicile is required.")
	case !nik.IsCurrentDistrict(code):
		fe.add("domicile_district", prakerja.CodeUnknownRegion, "District of domicile is not a current Kemendagri district code, e.g. 31.71.01.")
	}
	return code
}

// validateWorkImpact accepts a known impact or nothing: the question is
// optional, so clients that predate it keep working.
func validateWorkImpact(fe *fieldErrors, s string) prakerja.WorkImpact {
	w := prakerja.WorkImpact(strings.TrimSpace(s))
	if !w.Valid() {
		fe.add("work_impact", prakerja.CodeBadValue, "Work impact must be one of lost_job, lost_income, reduced_hours, none, new_job_seeker.")
		return ""
	}
	return w
}
