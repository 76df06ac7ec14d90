package main

import (
	"fmt"
	"os"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/card"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/selection"
)

// Card defaults. The prefix is a placeholder IIN in the 5xxxxx range used
// throughout the tests and the demo; a real programme sets the prefix its
// issuing bank assigns. The company code is likewise a placeholder in the
// shape of a bank's 3-digit biller code.
const (
	cardPrefixDefault = "517690"
	vaCompanyDefault  = "988"
	// cardKeyPurpose derives the card permutation key from the personal-data
	// keyring when no --card-key-file is given, so no extra secret has to
	// be managed (and a card number reveals nothing without it).
	cardKeyPurpose = "card/issuer/v1"
	cardKeyFileMax = card.KeyLenMax
)

// cardIssuer adapts card.Issuer to prakerja.CardIssuer.
type cardIssuer struct {
	iss     *card.Issuer
	company string
}

// Issue returns the card and virtual account numbers of seq.
func (c *cardIssuer) Issue(seq int64) (string, string, error) {
	if seq < 0 {
		return "", "", fmt.Errorf("card sequence %d is negative", seq)
	}
	number, err := c.iss.Number(uint64(seq))
	if err != nil {
		return "", "", err
	}
	va, err := card.VA(c.company, number)
	return number, va, err
}

// newCardIssuer builds the issuer from flags: the key from keyFile, or
// derived from the keyring.
func newCardIssuer(keys *pii.Keyring, prefix, keyFile, company string) (*cardIssuer, error) {
	key := keys.HMAC(cardKeyPurpose)
	if keyFile != "" {
		b, err := os.ReadFile(keyFile)
		if err != nil {
			return nil, fmt.Errorf("card key: %w", err)
		}
		if len(b) > cardKeyFileMax {
			return nil, fmt.Errorf("card key file is over %d bytes", cardKeyFileMax)
		}
		key = b
	}
	iss, err := card.NewIssuer(prefix, key)
	if err != nil {
		return nil, err
	}
	if _, err := card.VA(company, firstCard(iss)); err != nil {
		return nil, err
	}
	return &cardIssuer{iss: iss, company: company}, nil
}

// firstCard is the card of sequence 0, to check the company code before
// any transaction starts.
func firstCard(iss *card.Issuer) string {
	n, _ := iss.Number(0)
	return n
}

// announcements builds one SMS per joiner: selected or not. The phone is
// copied sealed from the registration. Parameters are the same for every
// message of an outcome (the wave's name), so each set is sealed once.
func announcements(keys *pii.Keyring, w *prakerja.Wave, fr *frozen, res *selection.Result, now time.Time) ([]prakerja.Message, error) {
	won := make(map[selection.Pseudonym]bool, len(res.Winners))
	for _, win := range res.Winners {
		won[res.Snapshot.Applicants[win.Applicant].Pseudonym] = true
	}
	params, err := notify.EncodeParams(keys, map[string]string{"wave": w.Name})
	if err != nil {
		return nil, err
	}
	msgs := make([]prakerja.Message, 0, len(fr.snap.Applicants))
	for _, a := range fr.snap.Applicants {
		j := fr.joiners[a.Pseudonym]
		tmpl := notify.TemplateSelectionNotSelected
		if won[a.Pseudonym] {
			tmpl = notify.TemplateSelectionSelected
		}
		msgs = append(msgs, prakerja.Message{RegistrationID: j.registrationID, Channel: prakerja.ChannelSMS,
			Template: tmpl, Locale: notify.DefaultLocale, Recipient: prakerja.Sealed{Ciphertext: j.phone},
			Params: params, NextAttemptAt: now, CreatedAt: now})
	}
	return msgs, nil
}
