package registration

import (
	"context"
	"crypto/subtle"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
)

// Limits of the public status check. Anyone may ask, so the caps stop a
// script from walking NIKs (per address) or guessing a known NIK's birth
// date (per NIK: a year has 366 dates), while a registrant checking a few
// times a day is never refused.
const (
	statusChecksPerAddrHour = 60
	statusChecksPerNIKDay   = 10
)

// Rate-limit bucket kinds of the status check.
const (
	rateStatusAddr = "status_addr"
	rateStatusNIK  = "status_nik"
)

// StatusCheckInput is a public status check as received.
type StatusCheckInput struct {
	NIK       string `json:"nik"`
	BirthDate string `json:"birth_date"` // YYYY-MM-DD
}

// errNoMatch is the one answer for an unknown NIK and for a wrong birth
// date, so the check does not tell whether a NIK is registered.
func errNoMatch() error {
	return prakerja.Errorf(prakerja.CodeNotFound, "No registration matches this NIK and birth date.")
}

// CheckStatus answers the public status check: the status word of the
// registration holding the NIK, when the birth date matches. Limits are
// counted before the lookup, for unknown NIKs too. Returns CodeInvalid
// (with Fields), CodeRateLimited or CodeNotFound (no match).
func (s *Service) CheckStatus(ctx context.Context, in StatusCheckInput, c prakerja.Client) (prakerja.PublicStatus, error) {
	now := s.now()
	nikValue, birth, err := validateStatusCheck(in, now)
	if err != nil {
		return "", err
	}
	if err := s.hit(ctx, now, s.statusLimits(nikValue, c)...); err != nil {
		return "", err
	}
	rec, err := s.store.RegistrationByIndex(ctx, prakerja.IndexNIK, s.keys.Index(prakerja.IndexNIK, nikValue))
	if prakerja.ErrorCode(err) == prakerja.CodeNotFound {
		return "", errNoMatch()
	}
	if err != nil {
		return "", err
	}
	if subtle.ConstantTimeCompare([]byte(rec.BirthDate), []byte(birth)) != 1 {
		return "", errNoMatch()
	}
	newest, err := s.newestWave(ctx, rec.ID)
	if err != nil {
		return "", err
	}
	return prakerja.PublicStatusOf(rec.Status, newest, now), nil
}

// newestWave returns the newest wave the registration joined, nil when none.
func (s *Service) newestWave(ctx context.Context, regID int64) (*prakerja.Wave, error) {
	joins, err := s.store.WaveJoinsOf(ctx, regID)
	if err != nil || len(joins) == 0 {
		return nil, err
	}
	return s.store.Wave(ctx, joins[0].WaveID)
}

// statusLimits caps checks per client address and per NIK.
func (s *Service) statusLimits(nikValue string, c prakerja.Client) []limit {
	var out []limit
	if c.Addr != "" {
		out = append(out, limit{s.rateKey(rateStatusAddr, []byte(c.Addr)), statusChecksPerAddrHour, time.Hour})
	}
	return append(out, limit{s.rateKey(rateStatusNIK, []byte(nikValue)), statusChecksPerNIKDay, 24 * time.Hour})
}

// validateStatusCheck checks both fields and reports every bad one; the
// messages never quote the NIK.
func validateStatusCheck(in StatusCheckInput, now time.Time) (nikValue, birth string, err error) {
	var fe fieldErrors
	nikValue = strings.Join(strings.Fields(in.NIK), "")
	if nikValue == "" {
		fe.add("nik", prakerja.CodeRequired, "NIK is required.")
	} else if _, perr := nik.Parse(nikValue, now); perr != nil {
		fe.addErr("nik", perr)
	}
	birth = strings.TrimSpace(in.BirthDate)
	if birth == "" {
		fe.add("birth_date", prakerja.CodeRequired, "Birth date is required.")
	} else if _, perr := time.Parse(time.DateOnly, birth); perr != nil {
		fe.add("birth_date", prakerja.CodeBadFormat, "Birth date is YYYY-MM-DD.")
	}
	if len(fe) > 0 {
		return "", "", &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Some fields are not valid.", Fields: fe}
	}
	return nikValue, birth, nil
}
