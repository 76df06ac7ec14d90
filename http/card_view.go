package http

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
)

// cardHistoryMax bounds the transfers the card page and API show.
const cardHistoryMax = 50

// cardBalances are a participant's balances by account, in rupiah.
type cardBalances struct {
	Training           int64 `json:"training"`            // spendable at training platforms only
	IncentiveLocked    int64 `json:"incentive_locked"`    // waits for the first training and its review
	IncentiveAvailable int64 `json:"incentive_available"` // unlocked, to be paid to the bank or e-wallet
	SurveyLocked       int64 `json:"survey_locked"`
	SurveyAvailable    int64 `json:"survey_available"`
}

// cardLine is one transfer as the participant sees it: the account it
// touched of theirs, in or out.
type cardLine struct {
	At      time.Time `json:"at"`
	Code    string    `json:"code"`    // the transfer's reason, e.g. purchase
	Account string    `json:"account"` // the participant's account it touched
	Amount  int64     `json:"amount"`  // positive in, negative out
	Pending bool      `json:"pending"` // reserved, not yet paid
}

// cardJSON is GET /api/v1/me/card.
type cardJSON struct {
	CardNumber    string       `json:"card_number"`
	VANumber      string       `json:"va_number"`
	WaveID        int64        `json:"wave_id"`
	IssuedAt      time.Time    `json:"issued_at"`
	Revoked       bool         `json:"revoked"`
	RevokedReason string       `json:"revoked_reason,omitempty"`
	Balances      cardBalances `json:"balances"`
	History       []cardLine   `json:"history"`
}

// cardOf reads a participant's card, balances and latest transfers.
// Returns CodeNotFound for a registration without a card.
func (s *Server) cardOf(ctx context.Context, reg int64) (*cardJSON, error) {
	p, err := s.store.Participant(ctx, reg)
	if err != nil {
		return nil, err
	}
	c := &cardJSON{CardNumber: p.CardNumber, VANumber: p.VANumber, WaveID: p.WaveID, IssuedAt: p.CreatedAt,
		Revoked: !p.RevokedAt.IsZero(), RevokedReason: p.RevokedReason, History: []cardLine{}}
	ids := make([]int64, 0, len(prakerja.ParticipantAccountCodes))
	for _, code := range prakerja.ParticipantAccountCodes {
		ids = append(ids, prakerja.ParticipantAccountID(reg, code))
	}
	accts, err := s.store.LedgerAccounts(ctx, ids)
	if err != nil {
		return nil, err
	}
	bal := func(code prakerja.AccountCode) *prakerja.Account {
		if a := accts[prakerja.ParticipantAccountID(reg, code)]; a != nil {
			return a
		}
		return &prakerja.Account{}
	}
	c.Balances = cardBalances{Training: bal(prakerja.AccountTraining).Balance(),
		IncentiveLocked:    bal(prakerja.AccountIncentiveLocked).Balance(),
		IncentiveAvailable: bal(prakerja.AccountIncentiveAvailable).Available(),
		SurveyLocked:       bal(prakerja.AccountSurveyLocked).Balance(),
		SurveyAvailable:    bal(prakerja.AccountSurveyAvailable).Available()}
	c.History, err = s.cardHistory(ctx, reg)
	return c, err
}

// cardHistory lists the participant's latest transfers, each from the
// side of the participant's account it touched: credits in, spending and
// payouts out.
func (s *Server) cardHistory(ctx context.Context, reg int64) ([]cardLine, error) {
	ts, err := s.store.LedgerTransfers(ctx, prakerja.TransferFilter{Registration: reg, Limit: cardHistoryMax})
	if err != nil {
		return nil, err
	}
	out := make([]cardLine, 0, len(ts))
	for _, t := range ts {
		l := cardLine{At: t.CreatedAt, Code: t.Code.String(), Amount: t.Amount,
			Pending: t.Flags&prakerja.TransferPending != 0}
		// An unlock moves money between two of the participant's own
		// accounts: it is shown arriving where it can now be used.
		acct := t.CreditAccount
		if prakerja.RegistrationOfAccount(t.CreditAccount) != reg {
			acct, l.Amount = t.DebitAccount, -t.Amount
		}
		l.Account = prakerja.ParticipantAccountCode(acct).String()
		out = append(out, l)
	}
	return out, nil
}
