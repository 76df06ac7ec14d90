package http

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// timelineEvent is one line of a registrant's timeline: when (WIB), what,
// and the codes and amounts that explain it. Attn marks what an operator
// should look at (a failure, a refusal, a rejection).
type timelineEvent struct {
	at     time.Time
	When   string
	What   string
	Detail string
	Attn   bool
}

// timeline collects events and sorts them; an event without a time (a
// step not yet taken) is not added.
type timeline struct {
	loc    locale
	events []timelineEvent
}

func (t *timeline) add(at time.Time, attn bool, key string, detail string, args ...any) {
	if at.IsZero() {
		return
	}
	t.events = append(t.events, timelineEvent{at: at, When: opsPayoutTime(at), What: t.loc.T(key, args...),
		Detail: detail, Attn: attn})
}

// sorted returns the events oldest first; equal times keep their order.
func (t *timeline) sorted() []timelineEvent {
	slices.SortStableFunc(t.events, func(a, b timelineEvent) int { return a.at.Compare(b.at) })
	return t.events
}

// reasonList shows reason codes, each with its text where one is known.
func (s *Server) reasonList(loc locale, codes []string) string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		if text := s.reasonText(loc, c); text != "" && text != c {
			c += " (" + text + ")"
		}
		out = append(out, c)
	}
	return strings.Join(out, "; ")
}

// optional turns a "not there" answer into nothing: a registrant without a
// card, a test result or complaints is normal, not an error.
func optional(err error) error {
	if prakerja.ErrorCode(err) == prakerja.CodeNotFound {
		return nil
	}
	return err
}

// addIdentity adds the account, the verifications and the identity steps.
func (s *Server) addIdentity(ctx context.Context, t *timeline, rec *prakerja.RegistrationRecord) error {
	t.add(rec.CreatedAt, false, "ops.registrant.ev.created", "")
	t.add(rec.EmailVerifiedAt, false, "ops.registrant.ev.email", "")
	t.add(rec.PhoneVerifiedAt, false, "ops.registrant.ev.phone", "")
	steps, err := s.store.StepRecords(ctx, rec.ID)
	if err != nil {
		return err
	}
	for _, st := range steps {
		failed := len(st.Reasons) > 0
		t.add(st.At, failed, "ops.registrant.ev.step", s.reasonList(t.loc, st.Reasons),
			string(st.Step), st.Round, statusWords(t.loc, st.Status))
	}
	flags, err := s.store.DuplicateFlags(ctx, prakerja.FlagFilter{RegistrationID: rec.ID, Limit: prakerja.RegistrantListMax})
	if err != nil {
		return err
	}
	for _, f := range flags {
		other := f.A
		if other == rec.ID {
			other = f.B
		}
		t.add(f.CreatedAt, f.Status != prakerja.FlagCleared, "ops.registrant.ev.flag",
			flagReasonText(t.loc, f.Reason)+" ("+f.Reason+")", f.ID, other, f.Score)
		t.add(f.ReviewedAt, f.Status == prakerja.FlagConfirmed, "ops.registrant.ev.flag_reviewed", f.Note,
			f.ID, string(f.Status), f.Reviewer)
	}
	disputes, err := s.store.DisputesByNIK(ctx, rec.NIK.Index, prakerja.RegistrantListMax)
	if err != nil {
		return err
	}
	for _, d := range disputes {
		t.add(d.CreatedAt, true, "ops.registrant.ev.dispute", "", d.ID)
		t.add(d.ResolvedAt, d.Status == prakerja.DisputeUpheld, "ops.registrant.ev.dispute_resolved", d.Note,
			d.ID, string(d.Status), d.Reviewer)
	}
	return nil
}

// addWaves adds the online test, the joins and their outcomes, the card
// and the announcements.
func (s *Server) addWaves(ctx context.Context, t *timeline, v *opsRegistrantView) error {
	id := v.ID
	attempts, err := s.store.TestAttempts(ctx, id)
	if err != nil {
		return err
	}
	for _, a := range attempts {
		t.add(a.StartedAt, false, "ops.registrant.ev.test_started", "", a.No)
		if !a.FinishedAt.IsZero() {
			t.add(a.FinishedAt, !a.Passed, "ops.registrant.ev.test_finished", "", a.No, a.Score, yesNo(t.loc, a.Passed))
		}
	}
	joins, err := s.store.RegistrantJoins(ctx, id)
	if err != nil {
		return err
	}
	for _, j := range joins {
		t.add(j.JoinedAt, false, "ops.registrant.ev.joined", j.Region, j.WaveName, j.WaveID)
		if j.Outcome != "" {
			t.add(j.SelectedAt, false, "ops.registrant.ev.outcome", "", j.WaveName,
				opsWords(t.loc, "ops.registrant.outcome.", string(j.Outcome)))
		}
	}
	p, err := s.store.Participant(ctx, id)
	if err = optional(err); err != nil {
		return err
	}
	if p != nil {
		v.Card, v.VA = maskMiddle(p.CardNumber, 0, 4), maskMiddle(p.VANumber, 0, 4)
		t.add(p.CreatedAt, false, "ops.registrant.ev.card", "", p.WaveID)
		t.add(p.RevokedAt, true, "ops.registrant.ev.revoked", p.RevokedReason)
	}
	msgs, err := s.store.Messages(ctx, prakerja.MessageFilter{RegistrationID: id, Limit: prakerja.RegistrantListMax})
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if strings.HasPrefix(m.Template, "selection") || strings.HasPrefix(m.Template, "card") {
			t.add(m.CreatedAt, m.LastError != "" && m.SentAt.IsZero(), "ops.registrant.ev.message",
				opsSent(t.loc, m.SentAt), m.Template, string(m.Channel))
		}
	}
	return nil
}

// yesNo translates a boolean.
func yesNo(loc locale, b bool) string {
	if b {
		return loc.T("ops.yes")
	}
	return loc.T("ops.no")
}

// opsSent says whether and when a message went out.
func opsSent(loc locale, at time.Time) string {
	if at.IsZero() {
		return loc.T("ops.registrant.not_sent")
	}
	return loc.T("ops.registrant.sent_at", opsPayoutTime(at))
}

// addMoney adds the training balance, purchases, surveys, unlocks, the
// payout accounts and the payments.
func (s *Server) addMoney(ctx context.Context, t *timeline, v *opsRegistrantView) error {
	id := v.ID
	ids := make([]int64, 0, len(prakerja.ParticipantAccountCodes))
	for _, c := range prakerja.ParticipantAccountCodes {
		ids = append(ids, prakerja.ParticipantAccountID(id, c))
	}
	accounts, err := s.store.LedgerAccounts(ctx, ids)
	if err != nil {
		return err
	}
	for _, c := range prakerja.ParticipantAccountCodes {
		if a := accounts[prakerja.ParticipantAccountID(id, c)]; a != nil {
			v.Balances = append(v.Balances, opsBalanceRow{Account: opsWords(t.loc, "ops.registrant.account.", c.String()),
				Available: scheme.FormatRupiah(a.Available()), Pending: scheme.FormatRupiah(a.DebitsPending)})
		}
	}
	transfers, err := s.store.LedgerTransfers(ctx, prakerja.TransferFilter{Registration: id, Limit: prakerja.RegistrantListMax})
	if err != nil {
		return err
	}
	for _, tr := range transfers {
		switch tr.Code {
		case prakerja.TransferCreditTraining, prakerja.TransferUnlockIncentive, prakerja.TransferUnlockSurvey,
			prakerja.TransferRevoke, prakerja.TransferForfeit:
			t.add(tr.CreatedAt, tr.Code == prakerja.TransferRevoke, "ops.registrant.ev.transfer", "",
				opsWords(t.loc, "ops.registrant.transfer.", tr.Code.String()), scheme.FormatRupiah(tr.Amount))
		}
	}
	if err := s.addPurchases(ctx, t, id); err != nil {
		return err
	}
	surveys, err := s.store.SurveyResponses(ctx, id)
	if err != nil {
		return err
	}
	for _, r := range surveys {
		t.add(r.SubmittedAt, false, "ops.registrant.ev.survey", "", r.Slot)
	}
	return s.addPayouts(ctx, t, v)
}

// addPurchases adds each training purchase's steps.
func (s *Server) addPurchases(ctx context.Context, t *timeline, id int64) error {
	ps, err := s.store.Purchases(ctx, prakerja.PurchaseFilter{RegistrationID: id, Limit: prakerja.RegistrantListMax})
	if err != nil {
		return err
	}
	for _, p := range ps {
		what := fmt.Sprintf("%s — %s", p.CourseTitle, p.PlatformName)
		t.add(p.PaidAt, false, "ops.registrant.ev.purchase", what, p.ID, scheme.FormatRupiah(p.Amount))
		t.add(p.RedeemedAt, false, "ops.registrant.ev.voucher", "", p.ID)
		t.add(p.CompletedAt, false, "ops.registrant.ev.certificate", p.Certificate, p.ID)
		t.add(p.RefundedAt, true, "ops.registrant.ev.refund", "", p.ID)
		if p.Review != nil {
			t.add(p.Review.CreatedAt, false, "ops.registrant.ev.review", "", p.ID, p.Review.Stars)
		}
	}
	return nil
}

// addPayouts adds the payout accounts (provider and last 4 digits only)
// and the newest payments, with their ISO reasons.
func (s *Server) addPayouts(ctx context.Context, t *timeline, v *opsRegistrantView) error {
	accounts, err := s.store.PayoutAccounts(ctx, v.ID)
	if err != nil {
		return err
	}
	for _, a := range accounts {
		detail := opsProviderName(a.Provider) + " ···" + a.NumberMasked
		t.add(a.CreatedAt, a.State == prakerja.PayoutAccountRefused, "ops.registrant.ev.account_linked",
			detail+opsReason(a.Reason), opsWords(t.loc, "ops.registrant.account_state.", string(a.State)))
		t.add(a.VerifiedAt, false, "ops.registrant.ev.account_verified", detail)
		t.add(a.UnlinkedAt, false, "ops.registrant.ev.account_unlinked", detail)
		if a.State == prakerja.PayoutAccountVerified {
			v.PayoutAccount = detail
		}
	}
	payments, n, err := s.store.RegistrantPayments(ctx, v.ID, prakerja.RegistrantListMax)
	if err != nil {
		return err
	}
	v.PaymentsTotal = n
	for _, p := range payments {
		row := opsRegistrantPayment{InstrID: p.InstrID(), Provider: opsProviderName(p.Provider),
			Amount: scheme.FormatRupiah(p.Amount), State: opsWords(t.loc, "ops.payouts.state.", string(p.State)),
			Created: opsPayoutTime(p.CreatedAt), Resolved: opsPayoutTime(p.ResolvedAt), Attn: p.State == prakerja.PaymentRejected}
		if p.Reason != "" {
			row.Reason = p.Reason + ": " + isoReasonText(t.loc, p.Reason)
		}
		v.Payments = append(v.Payments, row)
		t.add(p.SentAt, false, "ops.registrant.ev.payment_sent", "", row.InstrID, row.Provider, row.Amount)
		t.add(p.ResolvedAt, row.Attn, "ops.registrant.ev.payment", row.Reason, row.InstrID, row.State, row.Amount)
	}
	return nil
}

// opsReason shows a refusal code after a detail.
func opsReason(code prakerja.Code) string {
	if code == "" {
		return ""
	}
	return " — " + string(code)
}

// addRequests adds complaints and data-subject requests, where this store
// keeps them.
func (s *Server) addRequests(ctx context.Context, t *timeline, id int64) error {
	if cs, ok := s.store.(prakerja.ComplaintStore); ok {
		cc, err := cs.ComplaintsOf(ctx, id, 0, prakerja.RegistrantListMax)
		if err = optional(err); err != nil {
			return err
		}
		for _, c := range cc {
			t.add(c.CreatedAt, false, "ops.registrant.ev.complaint", string(c.State), c.Reference, string(c.Category))
		}
	}
	if ds, ok := s.store.(prakerja.DataRequestStore); ok {
		rr, err := ds.DataRequestsOf(ctx, id)
		if err = optional(err); err != nil {
			return err
		}
		for _, r := range rr[:min(len(rr), prakerja.RegistrantListMax)] {
			t.add(r.CreatedAt, false, "ops.registrant.ev.datarequest", string(r.State), r.ID, string(r.Kind))
		}
	}
	return nil
}

// errNoRegistrant is the 404 of an unknown or malformed id.
var errNoRegistrant = prakerja.Errorf(prakerja.CodeNotFound, "No such registration.")
