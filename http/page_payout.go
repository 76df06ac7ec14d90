package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/scheme"
)

func init() { pageNames = append(pageNames, "payout") }

// payoutDateLayout shows a payout date and clock time; pages add " WIB".
const payoutDateLayout = "02-01-2006 15:04"

// accountNumberInput is the account number or e-wallet phone: a numeric
// keyboard, never autofilled from another site's card or account.
var accountNumberInput = inputSpec{Name: "account_number", Type: "text", InputMode: "numeric", Autocomplete: "off",
	MaxLen: prakerja.PayoutAccountNumberMax, Hint: true}

// payoutAccountView is one account on /rekening: only its last four digits.
type payoutAccountView struct {
	ID                         int64
	ProviderName, Last4, Since string
	StateKey, ReasonKey        string
}

// paymentView is one payment attempt on /rekening.
type paymentView struct {
	Date, What, Amount, Provider, StateKey, Reason, Resolved string
	Attempt                                                  int
	Rejected                                                 bool
}

// providerGroup is one <optgroup> of the provider select.
type providerGroup struct {
	LabelKey  string
	Providers []prakerja.PayoutProvider
}

// payoutView is /rekening: the linked account, the one waiting for its
// SMS code, the forms, and the history of accounts and payments.
type payoutView struct {
	pageBase
	Verified, Pending *payoutAccountView
	History           []payoutAccountView
	Payments          []paymentView
	Groups            []providerGroup
	Provider          string // the selected provider code, kept after a refusal
	ProviderErr       string
	Number, Code      inputView
	UnlinkErr         string
}

// pagePayout handles GET /rekening.
func (s *Server) pagePayout(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	v, err := s.payoutPage(r, reg.ID)
	if err != nil {
		s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
		s.renderError(w, r, err, "/kartu", "card.heading")
		return
	}
	for q, key := range map[string]string{"sent": "payout.sent", "linked": "payout.linked", "unlinked": "payout.unlinked"} {
		if r.URL.Query().Get(q) == "1" {
			v.Flash = v.T(key)
		}
	}
	s.render(w, r, http.StatusOK, "payout", v)
}

// payoutPage reads the participant's accounts and payments into a view.
func (s *Server) payoutPage(r *http.Request, regID int64) (*payoutView, error) {
	if s.payout == nil {
		return nil, errPayoutOff()
	}
	o, err := s.payout.Overview(r.Context(), regID)
	if err != nil {
		return nil, err
	}
	v := &payoutView{pageBase: s.base(r, "payout.heading", "/rekening"), Groups: payoutGroups()}
	v.Number = accountNumberInput.view(v.loc, "", "")
	v.Code = codeInput.view(v.loc, "", "")
	v.Verified, v.Pending = accountViewOf(o.Verified), accountViewOf(o.Pending)
	for _, a := range o.Accounts {
		if (o.Verified != nil && a.ID == o.Verified.ID) || (o.Pending != nil && a.ID == o.Pending.ID) {
			continue
		}
		v.History = append(v.History, *accountViewOf(a))
	}
	for _, p := range o.Payments {
		v.Payments = append(v.Payments, paymentViewOf(v.loc, p))
	}
	return v, nil
}

// payoutGroups lists the partners, banks first, for the select.
func payoutGroups() []providerGroup {
	groups := []providerGroup{{LabelKey: "payout.group.bank"}, {LabelKey: "payout.group.ewallet"}}
	for _, p := range prakerja.PayoutProviders {
		i := 0
		if p.Kind == prakerja.PayoutEwallet {
			i = 1
		}
		groups[i].Providers = append(groups[i].Providers, p)
	}
	return groups
}

func accountViewOf(a *prakerja.PayoutAccount) *payoutAccountView {
	if a == nil {
		return nil
	}
	v := &payoutAccountView{ID: a.ID, ProviderName: a.Provider, Last4: a.NumberMasked, StateKey: "payout.state." + string(a.State)}
	if p, err := prakerja.PayoutProviderByCode(a.Provider); err == nil {
		v.ProviderName = p.Name
	}
	since := a.CreatedAt
	switch a.State {
	case prakerja.PayoutAccountVerified:
		since = a.VerifiedAt
	case prakerja.PayoutAccountUnlinked:
		since = a.UnlinkedAt
	case prakerja.PayoutAccountRefused:
		v.ReasonKey = "code." + string(a.Reason)
		if _, ok := codeStatus[a.Reason]; !ok {
			v.ReasonKey = "code.invalid"
		}
	}
	if !since.IsZero() {
		v.Since = since.In(prakerja.WIB).Format(payoutDateLayout) + " WIB"
	}
	return v
}

func paymentViewOf(loc locale, p *prakerja.Payment) paymentView {
	v := paymentView{Date: p.CreatedAt.In(prakerja.WIB).Format(payoutDateLayout) + " WIB",
		What: loc.T("payout.kind."+paymentKind(p.Kind), p.Slot), Amount: scheme.FormatRupiah(p.Amount),
		Provider: p.Provider, StateKey: "payout.payment." + string(p.State), Attempt: p.Attempt,
		Rejected: p.State == prakerja.PaymentRejected}
	if pp, err := prakerja.PayoutProviderByCode(p.Provider); err == nil {
		v.Provider = pp.Name
	}
	if p.Reason != "" {
		v.Reason = isoReasonText(loc, p.Reason)
	}
	if !p.ResolvedAt.IsZero() {
		v.Resolved = p.ResolvedAt.In(prakerja.WIB).Format(payoutDateLayout) + " WIB"
	}
	return v
}

// payoutForm opens a payout form post (see registrantForm).
func (s *Server) payoutForm(w http.ResponseWriter, r *http.Request) (*prakerja.Registration, bool) {
	return s.registrantForm(w, r, s.payout != nil, errPayoutOff)
}

// registrantForm opens a signed-in registrant's form post: signed in, the
// form parsed, the service behind it on (else off() answers); otherwise it
// has answered and reports false.
func (s *Server) registrantForm(w http.ResponseWriter, r *http.Request, on bool, off func() error) (*prakerja.Registration, bool) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return nil, false
	}
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	if !on {
		s.fail(w, r, off())
		return nil, false
	}
	return reg, true
}

// pagePayoutLink handles POST /rekening: the partner checks the account
// and the SMS code is sent; a refusal shows its own message at the form.
func (s *Server) pagePayoutLink(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.payoutForm(w, r)
	if !ok {
		return
	}
	provider := strings.TrimSpace(r.PostForm.Get("provider"))
	number := r.PostForm.Get("account_number")
	_, err := s.payout.RequestLink(r.Context(), payout.AccountRequest{RegistrationID: reg.ID, Provider: provider,
		Number: number, Locale: string(localeFor(r))})
	if err == nil {
		http.Redirect(w, r, "/rekening?sent=1#kode", http.StatusSeeOther)
		return
	}
	v, verr := s.payoutPage(r, reg.ID)
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	// The number is not shown back: account numbers leave the server
	// only as their last four digits.
	v.Provider = provider
	field, msg := "account_number", s.payoutRefusal(v.loc, err, provider)
	if prakerja.ErrorCode(err) == prakerja.CodePayoutProvider {
		field, v.ProviderErr = "provider", msg
	} else {
		v.Number = accountNumberInput.view(v.loc, "", msg)
	}
	v.Summary = []summaryItem{{ID: field, Text: msg}}
	s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
	s.render(w, r, pageStatus(w, err), "payout", v)
}

// payoutRefusal translates a refused link: each payout code has its own
// text saying what to do; a badly formed number says what is expected of
// the chosen kind of partner.
func (s *Server) payoutRefusal(loc locale, err error, provider string) string {
	if prakerja.ErrorCode(err) == prakerja.CodeBadFormat {
		if p, perr := prakerja.PayoutProviderByCode(strings.ToUpper(provider)); perr == nil {
			return loc.T("payout.bad_format." + string(p.Kind))
		}
	}
	return s.codeMessage(loc, err)
}

// pagePayoutConfirm handles POST /rekening/kode: the SMS code makes the
// pending account the verified one.
func (s *Server) pagePayoutConfirm(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.payoutForm(w, r)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PostForm.Get("account"), 10, 64)
	_, err := s.payout.ConfirmLink(r.Context(), reg.ID, id, strings.TrimSpace(r.PostForm.Get("code")))
	if err == nil {
		http.Redirect(w, r, "/rekening?linked=1", http.StatusSeeOther)
		return
	}
	v, verr := s.payoutPage(r, reg.ID)
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	fe := s.translateError(v.loc, asFieldError(err, "code"), []string{"code"})
	v.Summary = fe.summary
	v.Code = codeInput.view(v.loc, "", fe.byField["code"])
	s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
	s.render(w, r, pageStatus(w, err), "payout", v)
}

// pagePayoutUnlink handles POST /rekening/putus. The form's checkbox is
// the confirmation step: without it nothing is unlinked.
func (s *Server) pagePayoutUnlink(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.payoutForm(w, r)
	if !ok {
		return
	}
	var err error
	if r.PostForm.Get("confirm") == "yes" {
		if err = s.payout.Unlink(r.Context(), reg.ID, payoutActor); err == nil {
			http.Redirect(w, r, "/rekening?unlinked=1", http.StatusSeeOther)
			return
		}
	}
	v, verr := s.payoutPage(r, reg.ID)
	if verr != nil {
		s.fail(w, r, verr)
		return
	}
	status := http.StatusUnprocessableEntity
	v.UnlinkErr = v.T("payout.unlink_needed")
	if err != nil {
		v.UnlinkErr, status = s.codeMessage(v.loc, err), pageStatus(w, err)
		s.logFailure(r, status, err)
	}
	v.Summary = []summaryItem{{ID: "confirm", Text: v.UnlinkErr}}
	s.render(w, r, status, "payout", v)
}
