package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
)

// The registrant pages register themselves; their names start with "ops"
// so they get the operator navigation.
func init() { pageNames = append(pageNames, "ops_registrants", "ops_registrant") }

// opsRegistrantView is /ops/registrants/{id}: one registrant from
// registration to payout (issue 7). Personal data is masked; the full NIK
// shows only after a reveal POST, which the audit chain records, as it
// records every view (UU PDP: a record of who processed whose data).
type opsRegistrantView struct {
	pageBase
	ID            int64
	Name          string
	NIK           string
	Revealed      bool // NIK is in full
	Phone         string
	Email         string
	BirthDate     string
	District      string
	Status        string
	Reasons       string
	Card, VA      string // last 4 digits only
	PayoutAccount string // provider and last 4 digits of the verified account
	Balances      []opsBalanceRow
	Events        []timelineEvent
	Payments      []opsRegistrantPayment
	PaymentsTotal int64
	ListMax       int
}

// opsBalanceRow is one of the participant's ledger accounts.
type opsBalanceRow struct {
	Account   string
	Available string
	Pending   string
}

// opsRegistrantPayment is one payment attempt: never the account number.
type opsRegistrantPayment struct {
	InstrID  string
	Provider string
	Amount   string
	State    string
	Reason   string
	Created  string
	Resolved string
	Attn     bool
}

// pageOpsRegistrant handles GET /ops/registrants/{id}.
func (s *Server) pageOpsRegistrant(w http.ResponseWriter, r *http.Request) {
	s.showRegistrant(w, r, prakerja.AuditRegistrantView, false)
}

// pageOpsRegistrantReveal handles POST /ops/registrants/{id}/reveal: the
// same page with the full NIK, answered to the POST itself so the NIK is
// in no URL, history entry or referrer.
func (s *Server) pageOpsRegistrantReveal(w http.ResponseWriter, r *http.Request) {
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	s.showRegistrant(w, r, prakerja.AuditRegistrantReveal, true)
}

// showRegistrant records the view in the audit chain first (no record, no
// page), then loads and renders it.
func (s *Server) showRegistrant(w http.ResponseWriter, r *http.Request, action string, reveal bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, errNoRegistrant)
		return
	}
	actor, err := opsActor(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx, cancel := opsContext(r)
	defer cancel()
	rec, err := s.store.Registration(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.AppendAudit(ctx, &prakerja.AuditEntry{At: s.clock.Now(), Actor: prakerja.AuditActor(actor),
		Action: action, Subject: fmt.Sprintf("registration:%d", id), Detail: "{}"}); err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.registrantView(ctx, r, rec, reveal)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "ops_registrant", v)
}

// registrantView loads the whole timeline.
func (s *Server) registrantView(ctx context.Context, r *http.Request, rec *prakerja.RegistrationRecord, reveal bool) (*opsRegistrantView, error) {
	self := "/ops/registrants/" + strconv.FormatInt(rec.ID, 10)
	v := &opsRegistrantView{pageBase: s.base(r, "ops.registrant.heading", self), ID: rec.ID,
		Name: maskName(rec.FullName), BirthDate: rec.BirthDate, District: rec.DomicileDistrict,
		Status: statusWords(localeFor(r), rec.Status), ListMax: prakerja.RegistrantListMax}
	v.Wide = true
	v.Reasons = s.reasonList(v.loc, rec.Reasons)
	v.NIK, v.Phone, v.Email = "—", "—", "—"
	if reg, err := s.regs.Registration(ctx, rec.ID); err == nil {
		v.NIK, v.Phone, v.Email = maskNIK(reg.NIK), maskPhone(reg.Phone), maskEmail(reg.Email)
		if reveal {
			v.NIK, v.Revealed = reg.NIK, true
		}
	} else if optional(err) != nil {
		return nil, err
	}
	t := &timeline{loc: v.loc}
	for _, add := range []func() error{
		func() error { return s.addIdentity(ctx, t, rec) },
		func() error { return s.addWaves(ctx, t, v) },
		func() error { return s.addMoney(ctx, t, v) },
		func() error { return s.addRequests(ctx, t, rec.ID) },
	} {
		if err := add(); err != nil {
			return nil, err
		}
	}
	v.Events = t.sorted()
	return v, nil
}
