package registration

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
)

// StatementMin is the shortest dispute statement accepted: a reviewer needs
// at least a sentence to act on.
const StatementMin = 10

// Dispute rate limits. A dispute costs a reviewer's time, not an SMS, so
// the caps are per hour and per day rather than per minute; the address cap
// is generous because mobile carriers put many people behind one address.
const (
	disputesPerAddrHour = 20
	disputesPerNIKDay   = 3
)

// Rate-limit bucket kinds of disputes.
const (
	rateDisputeAddr = "dispute_addr"
	rateDisputeNIK  = "dispute_nik"
)

// DisputeInput is a complaint from someone whose NIK was registered by
// another person (registration answered nik_taken), as received.
type DisputeInput struct {
	NIK       string `json:"nik"`
	FullName  string `json:"full_name"`
	Phone     string `json:"phone"` // where a reviewer can reach the claimant
	Statement string `json:"statement"`
}

// disputeInput is a DisputeInput that passed validation, canonicalised.
type disputeInput struct {
	NIK, FullName, Phone, Statement string
}

// FileDispute validates and stores a NIK dispute against the registration
// that holds the NIK, so that a reviewer can uphold or reject it. NIK and
// phone are sealed exactly as a registration seals them. Returns
// CodeInvalid (with Fields), CodeRateLimited, or CodeNotFound when no
// registration holds the NIK (the claimant should simply register).
func (s *Service) FileDispute(ctx context.Context, in DisputeInput, c prakerja.Client) (*prakerja.Dispute, error) {
	now := s.now()
	v, err := validateDispute(in, now)
	if err != nil {
		return nil, err
	}
	// Limits come before the lookup: the answer says whether a NIK is
	// registered, so an unlimited endpoint would be an enumeration oracle.
	if err := s.hit(ctx, now, s.disputeLimits(v.NIK, c)...); err != nil {
		return nil, err
	}
	d, err := s.newDispute(v, now)
	if err != nil {
		return nil, err
	}
	holder, err := s.store.RegistrationByIndex(ctx, prakerja.IndexNIK, d.NIK.Index)
	switch {
	case prakerja.ErrorCode(err) == prakerja.CodeNotFound:
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No registration holds this NIK; register with it instead.")
	case err != nil:
		return nil, fmt.Errorf("find nik holder: %w", err)
	}
	d.RegistrationID = holder.ID
	if err := s.store.CreateDispute(ctx, d, now); err != nil {
		return nil, fmt.Errorf("create dispute: %w", err)
	}
	return d, nil
}

// disputeLimits caps disputes per client address and per NIK; the NIK cap
// keeps one person's repeated complaints from flooding the review queue.
func (s *Service) disputeLimits(nikValue string, c prakerja.Client) []limit {
	var out []limit
	if c.Addr != "" {
		out = append(out, limit{s.rateKey(rateDisputeAddr, []byte(c.Addr)), disputesPerAddrHour, time.Hour})
	}
	return append(out, limit{s.rateKey(rateDisputeNIK, []byte(nikValue)), disputesPerNIKDay, 24 * time.Hour})
}

// newDispute seals the claimant's NIK and phone with their blind indexes,
// as newRecord does for a registration.
func (s *Service) newDispute(v *disputeInput, now time.Time) (*prakerja.Dispute, error) {
	d := &prakerja.Dispute{FullName: v.FullName, Statement: v.Statement, Status: prakerja.DisputeOpen, CreatedAt: now}
	var err error
	if d.NIK, err = s.keys.Seal(prakerja.IndexNIK, v.NIK); err != nil {
		return nil, fmt.Errorf("new dispute: %w", err)
	}
	if d.Phone, err = s.keys.Seal(prakerja.IndexPhone, v.Phone); err != nil {
		return nil, fmt.Errorf("new dispute: %w", err)
	}
	return d, nil
}

// validateDispute checks every field and reports all bad ones at once, as
// validate does for a registration. Messages never quote the value.
func validateDispute(in DisputeInput, now time.Time) (*disputeInput, error) {
	var fe fieldErrors
	out := &disputeInput{}
	out.FullName = validateName(&fe, in.FullName)
	out.Phone = validatePhone(&fe, in.Phone)
	out.NIK = strings.Join(strings.Fields(in.NIK), "")
	if out.NIK == "" {
		fe.add("nik", prakerja.CodeRequired, "NIK is required.")
	} else if _, err := nik.Parse(out.NIK, now); err != nil {
		fe.addErr("nik", err)
	}
	out.Statement = validateStatement(&fe, in.Statement)
	if len(fe) > 0 {
		return nil, &prakerja.Error{Code: prakerja.CodeInvalid, Message: "Some fields are not valid.", Fields: fe}
	}
	return out, nil
}

func validateStatement(fe *fieldErrors, s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		fe.add("statement", prakerja.CodeRequired, "Statement is required.")
	case !utf8.ValidString(s):
		fe.add("statement", prakerja.CodeBadFormat, "Statement must be text.")
	case utf8.RuneCountInString(s) < StatementMin:
		fe.add("statement", prakerja.CodeBadValue, fmt.Sprintf("Statement must be at least %d characters.", StatementMin))
	case len(s) > prakerja.StatementMax:
		fe.add("statement", prakerja.CodeTooLong, fmt.Sprintf("Statement must be at most %d bytes.", prakerja.StatementMax))
	}
	return s
}
