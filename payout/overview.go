package payout

import (
	"context"

	"github.com/prakerja/prakerja"
)

// Overview is what a participant's payout page shows: the accounts (the
// verified one first, then history with refusal reasons) and every payment
// attempt with its state and the partner's reason.
type Overview struct {
	Verified *prakerja.PayoutAccount   // nil when none is linked
	Pending  *prakerja.PayoutAccount   // waiting for its SMS code, if any
	Accounts []*prakerja.PayoutAccount // every account, newest first
	Payments []*prakerja.Payment       // newest first
}

// Overview returns a participant's payout accounts and payments.
func (s *Service) Overview(ctx context.Context, registrationID int64) (*Overview, error) {
	accounts, err := s.store.PayoutAccounts(ctx, registrationID)
	if err != nil {
		return nil, err
	}
	o := &Overview{Accounts: accounts}
	for _, a := range accounts {
		switch {
		case a.State == prakerja.PayoutAccountVerified && o.Verified == nil:
			o.Verified = a
		case a.State == prakerja.PayoutAccountPending && o.Pending == nil:
			o.Pending = a
		}
	}
	payments, err := s.store.Payments(ctx, prakerja.PaymentFilter{RegistrationID: registrationID, Limit: prakerja.PaymentsPageMax})
	if err != nil {
		return nil, err
	}
	for i, j := 0, len(payments)-1; i < j; i, j = i+1, j-1 {
		payments[i], payments[j] = payments[j], payments[i]
	}
	o.Payments = payments
	return o, nil
}

// ReasonText explains an ISO 20022 status reason code to a participant.
// Unknown codes fall back to a general text; pages translate by code.
var ReasonText = map[string]string{
	"AC01": "The account number is wrong.",
	"AC04": "The account is closed.",
	"AC06": "The account is blocked.",
	"AM04": "The partner could not pay the amount right now.",
	"AM05": "A duplicate payment was refused.",
	"BE01": "The account holder is not the participant.",
	"MS03": "The partner refused the payment for another reason.",
	"RR03": "The account holder's name or address is missing.",
	"AG01": "The account does not accept this kind of payment (e.g. an e-wallet balance limit).",
}
