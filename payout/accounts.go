package payout

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/otp"
	"github.com/prakerja/prakerja/namematch"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/registration"
)

// AccountRequest is what a participant types to link an account.
type AccountRequest struct {
	RegistrationID int64
	Provider       string // a PayoutProviders code
	Number         string // bank account number, or the e-wallet's phone number
	Locale         string
}

// RequestLink asks the partner who holds the account and, when the holder
// is the participant (same NIK, same name, KYC'd e-wallet on the phone
// registered here), sends the SMS code that confirms the link. A refusal
// is stored (audited) and returned with its own code for the participant.
func (s *Service) RequestLink(ctx context.Context, in AccountRequest) (*prakerja.PayoutAccount, error) {
	prov, err := prakerja.PayoutProviderByCode(strings.ToUpper(strings.TrimSpace(in.Provider)))
	if err != nil {
		return nil, err
	}
	reg, err := s.store.Registration(ctx, in.RegistrationID)
	if err != nil {
		return nil, err
	}
	if reg.Status != prakerja.StatusSelected {
		return nil, prakerja.Errorf(prakerja.CodeForbidden, "Only participants selected in a wave link a payout account.")
	}
	number, err := s.cleanNumber(prov, in.Number, reg)
	if err != nil {
		return nil, err
	}
	now := s.now()
	a := &prakerja.PayoutAccount{RegistrationID: reg.ID, Provider: prov.Code, NumberMasked: mask(number), CreatedAt: now}
	if a.Number, err = s.keys.Seal(prakerja.IndexPayoutAccount, number); err != nil {
		return nil, fmt.Errorf("seal payout account: %w", err)
	}
	holder, refusal, err := s.inquire(ctx, prov, number, reg)
	if err != nil {
		return nil, err
	}
	if refusal == nil {
		refusal = s.sharedAccount(ctx, a.Number.Index)
	}
	if holder != "" {
		if a.HolderSealed, err = s.keys.SealBytes("payout_holder", []byte(holder)); err != nil {
			return nil, fmt.Errorf("seal holder name: %w", err)
		}
	}
	if refusal != nil {
		a.State, a.Reason = prakerja.PayoutAccountRefused, refusal.Code
		if err := s.store.CreatePayoutAccount(ctx, a, nil, nil); err != nil {
			return nil, err
		}
		return a, refusal
	}
	a.State = prakerja.PayoutAccountPending
	c, msg, err := s.linkChallenge(reg, prov, a.NumberMasked, in.Locale, now)
	if err != nil {
		return nil, err
	}
	if err := s.store.CreatePayoutAccount(ctx, a, c, msg); err != nil {
		return nil, err
	}
	return a, nil
}

// cleanNumber checks the typed number: digits only for banks (6–20, as
// Midtrans accepts), and for e-wallets the phone registered here, which
// the rules require.
func (s *Service) cleanNumber(prov *prakerja.PayoutProvider, typed string, reg *prakerja.RegistrationRecord) (string, error) {
	typed = strings.NewReplacer(" ", "", "-", "", ".", "").Replace(strings.TrimSpace(typed))
	if prov.Kind == prakerja.PayoutBank {
		if len(typed) < 6 || len(typed) > 20 || strings.Trim(typed, "0123456789") != "" {
			return "", prakerja.Errorf(prakerja.CodeBadFormat, "A bank account number is 6 to 20 digits.")
		}
		return typed, nil
	}
	phone, ok := registration.NormalizePhone(typed)
	if !ok {
		return "", prakerja.Errorf(prakerja.CodeBadFormat, "An e-wallet is named by its phone number, e.g. 0812 3456 7890.")
	}
	if len(reg.Phone.Index) == 0 || !bytes.Equal(s.keys.Index(prakerja.IndexPhone, phone), reg.Phone.Index) {
		return "", prakerja.Errorf(prakerja.CodePayoutPhoneMismatch,
			"The e-wallet must be the one on the phone number registered for your Kartu Prakerja.")
	}
	return phone, nil
}

// inquire asks the partner and turns its answer into a refusal, if any.
// The holder's name is returned to be kept (sealed) for the audit.
func (s *Service) inquire(ctx context.Context, prov *prakerja.PayoutProvider, number string, reg *prakerja.RegistrationRecord) (string, *prakerja.Error, error) {
	nik, err := s.keys.Open(prakerja.IndexNIK, reg.NIK.Ciphertext)
	if err != nil {
		return "", nil, fmt.Errorf("open nik: %w", err)
	}
	h, err := s.inquirer.Inquire(ctx, prakerja.AccountInquiry{Provider: prov.Code, Account: number, NIK: nik})
	if err != nil {
		return "", nil, fmt.Errorf("account inquiry at %s: %w", prov.Code, err)
	}
	switch {
	case !h.Found:
		return "", refuse(prakerja.CodePayoutAccountNotFound, "%s knows no such account. Check the number.", prov.Name), nil
	case h.Closed:
		return h.HolderName, refuse(prakerja.CodePayoutAccountClosed, "This %s account is closed or blocked.", prov.Name), nil
	case !h.NIKMatches:
		return h.HolderName, refuse(prakerja.CodePayoutNIKMismatch,
			"This account is registered to another NIK. Incentives may only be paid to an account in your own name and NIK."), nil
	case prov.Kind == prakerja.PayoutEwallet && !h.KYC:
		return h.HolderName, refuse(prakerja.CodePayoutNotKYC,
			"Upgrade this e-wallet (KTP and selfie) in its app first, then link it again."), nil
	case !namematch.Compare(reg.FullName, h.HolderName).Match:
		return h.HolderName, refuse(prakerja.CodePayoutNameMismatch,
			"The account holder's name does not match the name on your KTP."), nil
	}
	return h.HolderName, nil, nil
}

// sharedAccount refuses an account already verified for other
// participants: the programme may not pay anyone but the participant.
func (s *Service) sharedAccount(ctx context.Context, index []byte) *prakerja.Error {
	n, err := s.store.CountPayoutAccountsByNumber(ctx, index)
	if err == nil && n >= s.cfg.SameAccountMax {
		return refuse(prakerja.CodePayoutNIKMismatch, "This account is already linked to another participant.")
	}
	return nil
}

func refuse(code prakerja.Code, format string, args ...any) *prakerja.Error {
	return &prakerja.Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// linkChallenge draws the SMS code that confirms a link.
func (s *Service) linkChallenge(reg *prakerja.RegistrationRecord, prov *prakerja.PayoutProvider, last4, locale string, now time.Time) (*prakerja.Challenge, *prakerja.Message, error) {
	code := otp.New(s.cfg.OTPLength)
	exp := now.Add(s.cfg.OTPTTL).Truncate(time.Second)
	c := &prakerja.Challenge{RegistrationID: reg.ID, Purpose: prakerja.PurposePayoutLink, Channel: prakerja.ChannelSMS,
		CodeHash: s.otpHash(reg.ID, exp, code), MaxAttempts: s.cfg.OTPMaxAttempts, ExpiresAt: exp, CreatedAt: now}
	params := map[string]string{"code": code, "minutes": strconv.FormatInt(int64(s.cfg.OTPTTL/time.Minute), 10),
		"provider": prov.Name, "last4": last4}
	sealed, err := notify.EncodeParams(s.keys, params)
	if err != nil {
		return nil, nil, fmt.Errorf("payout link code: %w", err)
	}
	msg := &prakerja.Message{RegistrationID: reg.ID, Channel: prakerja.ChannelSMS, Template: notify.TemplatePayoutLinkOTP,
		Locale: notify.Locale(locale), Recipient: prakerja.Sealed{Ciphertext: reg.Phone.Ciphertext},
		Params: sealed, NextAttemptAt: now, CreatedAt: now}
	return c, msg, nil
}

// otpHash is the keyring's OTPHash under this service's purpose.
func (s *Service) otpHash(regID int64, expires time.Time, code string) []byte {
	return s.keys.OTPHash(prakerja.PurposePayoutLink, regID, expires, code)
}

// ConfirmLink checks the SMS code of a pending account and makes it the
// verified one; the account before is unlinked (both audited).
func (s *Service) ConfirmLink(ctx context.Context, registrationID, accountID int64, code string) (*prakerja.PayoutAccount, error) {
	accounts, err := s.store.PayoutAccounts(ctx, registrationID)
	if err != nil {
		return nil, err
	}
	var a *prakerja.PayoutAccount
	for _, x := range accounts {
		if x.ID == accountID && x.State == prakerja.PayoutAccountPending {
			a = x
		}
	}
	if a == nil {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No account is waiting for a code.")
	}
	clean, ok := otp.Clean(code, s.cfg.OTPLength)
	if !ok {
		return nil, prakerja.Errorf(prakerja.CodeOTPInvalid, "The code is %d digits.", s.cfg.OTPLength)
	}
	c, err := s.store.LatestChallenge(ctx, registrationID, prakerja.PurposePayoutLink)
	if err != nil || c.ID != a.ChallengeID {
		return nil, prakerja.Errorf(prakerja.CodeOTPExpired, "A newer code was sent; use that one or start again.")
	}
	if _, err := s.store.ConsumeChallenge(ctx, c.ID, s.otpHash(registrationID, c.ExpiresAt, clean), s.now()); err != nil {
		return nil, err
	}
	return s.store.VerifyPayoutAccount(ctx, registrationID, accountID, s.now())
}

// Unlink removes the verified account ("Putuskan Rekening"); payments
// already sent are not affected, later runs wait for a new account.
func (s *Service) Unlink(ctx context.Context, registrationID int64, actor string) error {
	return s.store.UnlinkPayoutAccount(ctx, registrationID, actor, s.now())
}

// mask keeps the last four digits.
func mask(number string) string {
	if len(number) <= 4 {
		return number
	}
	return number[len(number)-4:]
}
