package http

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/scheme"
)

// PayoutService links a participant's bank account or e-wallet and shows
// their payments; payout.Service implements it. The methods' codes are
// documented there: RequestLink returns the stored refused account with
// its payout_* refusal code, ConfirmLink the otp_* codes and not_found.
type PayoutService interface {
	RequestLink(ctx context.Context, in payout.AccountRequest) (*prakerja.PayoutAccount, error)
	ConfirmLink(ctx context.Context, registrationID, accountID int64, code string) (*prakerja.PayoutAccount, error)
	Unlink(ctx context.Context, registrationID int64, actor string) error
	Overview(ctx context.Context, registrationID int64) (*payout.Overview, error)
}

var _ PayoutService = (*payout.Service)(nil)

// payoutActor is who unlinks an account from the participant's own pages.
const payoutActor = "participant"

// errPayoutOff answers when the server runs without payouts.
func errPayoutOff() error {
	return prakerja.Errorf(prakerja.CodeUnavailable, "Payouts are not available on this server yet.")
}

// payoutAccountJSON is a payout account as the participant may see it:
// the number only as its last four digits, never the holder's name.
type payoutAccountJSON struct {
	ID           int64                       `json:"id"`
	Provider     string                      `json:"provider"`
	ProviderName string                      `json:"provider_name"`
	Kind         prakerja.PayoutKind         `json:"kind"`
	NumberLast4  string                      `json:"number_last4"`
	State        prakerja.PayoutAccountState `json:"state"`
	Reason       prakerja.Code               `json:"reason,omitempty"`
	CreatedAt    time.Time                   `json:"created_at"`
	VerifiedAt   *time.Time                  `json:"verified_at,omitempty"`
	UnlinkedAt   *time.Time                  `json:"unlinked_at,omitempty"`
}

func payoutAccountJSONOf(a *prakerja.PayoutAccount) *payoutAccountJSON {
	if a == nil {
		return nil
	}
	out := &payoutAccountJSON{ID: a.ID, Provider: a.Provider, ProviderName: a.Provider, NumberLast4: a.NumberMasked,
		State: a.State, Reason: a.Reason, CreatedAt: a.CreatedAt.UTC(), VerifiedAt: optTime(a.VerifiedAt),
		UnlinkedAt: optTime(a.UnlinkedAt)}
	if p, err := prakerja.PayoutProviderByCode(a.Provider); err == nil {
		out.ProviderName, out.Kind = p.Name, p.Kind
	}
	return out
}

// paymentJSON is one payment attempt; reason is the partner's ISO 20022
// status reason of a rejection, reason_text its translation.
type paymentJSON struct {
	ID         int64                 `json:"id"`
	Kind       string                `json:"kind"` // incentive or survey
	Slot       int                   `json:"slot"`
	Attempt    int                   `json:"attempt"`
	Amount     int64                 `json:"amount"`
	AmountText string                `json:"amount_text"`
	Provider   string                `json:"provider"`
	AccountID  int64                 `json:"account_id"`
	State      prakerja.PaymentState `json:"state"`
	Reason     string                `json:"reason,omitempty"`
	ReasonText string                `json:"reason_text,omitempty"`
	CreatedAt  time.Time             `json:"created_at"`
	SentAt     *time.Time            `json:"sent_at,omitempty"`
	ResolvedAt *time.Time            `json:"resolved_at,omitempty"`
}

func paymentJSONOf(p *prakerja.Payment, loc locale) paymentJSON {
	out := paymentJSON{ID: p.ID, Kind: paymentKind(p.Kind), Slot: p.Slot, Attempt: p.Attempt, Amount: p.Amount,
		AmountText: scheme.FormatRupiah(p.Amount), Provider: p.Provider, AccountID: p.PayoutAccountID, State: p.State,
		Reason: p.Reason, CreatedAt: p.CreatedAt.UTC(), SentAt: optTime(p.SentAt), ResolvedAt: optTime(p.ResolvedAt)}
	if p.Reason != "" {
		out.ReasonText = isoReasonText(loc, p.Reason)
	}
	return out
}

// paymentKind names a payment's slot kind: a post-training incentive or a
// survey incentive.
func paymentKind(k prakerja.TransferCode) string {
	if k == prakerja.TransferUnlockSurvey {
		return "survey"
	}
	return "incentive"
}

// isoReasonText translates a partner's ISO 20022 reason code; codes
// without a text of their own get the general one.
func isoReasonText(loc locale, code string) string {
	if _, ok := messages[loc]["payout.iso."+code]; ok {
		return loc.T("payout.iso." + code)
	}
	return loc.T("payout.iso.other", code)
}

// payoutJSON is GET /api/v1/me/payout: the verified and pending accounts,
// every account newest first, and every payment attempt newest first.
type payoutJSON struct {
	Verified *payoutAccountJSON  `json:"verified"`
	Pending  *payoutAccountJSON  `json:"pending"`
	Accounts []payoutAccountJSON `json:"accounts"`
	Payments []paymentJSON       `json:"payments"`
}

// apiMyPayout handles GET /api/v1/me/payout.
func (s *Server) apiMyPayout(w http.ResponseWriter, r *http.Request) error {
	if s.payout == nil {
		return errPayoutOff()
	}
	o, err := s.payout.Overview(r.Context(), registrationFrom(r.Context()).ID)
	if err != nil {
		return err
	}
	loc := localeFor(r)
	out := payoutJSON{Verified: payoutAccountJSONOf(o.Verified), Pending: payoutAccountJSONOf(o.Pending),
		Accounts: make([]payoutAccountJSON, 0, len(o.Accounts)), Payments: make([]paymentJSON, 0, len(o.Payments))}
	for _, a := range o.Accounts {
		out.Accounts = append(out.Accounts, *payoutAccountJSONOf(a))
	}
	for _, p := range o.Payments {
		out.Payments = append(out.Payments, paymentJSONOf(p, loc))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// payoutAccountRequest is a bank account or e-wallet to link.
type payoutAccountRequest struct {
	Provider string `json:"provider"`
	Number   string `json:"number"`
}

// apiLinkPayoutAccount handles POST /api/v1/me/payout-accounts: the
// partner's inquiry passed and the SMS code is on its way (202), or the
// refusal's own code (422).
func (s *Server) apiLinkPayoutAccount(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req payoutAccountRequest
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	if s.payout == nil {
		return errPayoutOff()
	}
	a, err := s.payout.RequestLink(r.Context(), payout.AccountRequest{RegistrationID: registrationFrom(r.Context()).ID,
		Provider: req.Provider, Number: req.Number, Locale: string(localeFor(r))})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, payoutAccountJSONOf(a))
	return nil
}

// payoutConfirmRequest is the SMS code that confirms a link.
type payoutConfirmRequest struct {
	Code string `json:"code"`
}

// apiConfirmPayoutAccount handles
// POST /api/v1/me/payout-accounts/{id}/confirmations.
func (s *Server) apiConfirmPayoutAccount(w http.ResponseWriter, r *http.Request, body []byte) error {
	var req payoutConfirmRequest
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	if s.payout == nil {
		return errPayoutOff()
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return prakerja.Errorf(prakerja.CodeNotFound, "No account of yours is waiting for a code.")
	}
	a, err := s.payout.ConfirmLink(r.Context(), registrationFrom(r.Context()).ID, id, req.Code)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, payoutAccountJSONOf(a))
	return nil
}

// apiUnlinkPayoutAccount handles DELETE /api/v1/me/payout-account.
func (s *Server) apiUnlinkPayoutAccount(w http.ResponseWriter, r *http.Request) error {
	if s.payout == nil {
		return errPayoutOff()
	}
	if err := s.payout.Unlink(r.Context(), registrationFrom(r.Context()).ID, payoutActor); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
