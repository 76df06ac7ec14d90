package main

import (
	"context"
	"time"

	"github.com/prakerja/prakerja/sqldb"
)

// scaleContact plays the e-mail link and SMS code over HTTP for the first
// demoScaleContactHTTP accounts created over HTTP (at most half), and confirms the rest's
// contact in bulk with the same shares, so they reach the pipeline too.
func (d *demo) scaleContact(ctx context.Context, sc *demoScaleResult) error {
	all := d.res.registrationIDs
	sample := min(demoScaleContactHTTP, len(all)/2)
	sc.ContactHTTP = sample
	d.res.registrationIDs = all[:sample]
	steps := []struct {
		name  string
		fn    func(ctx context.Context) error
		items func() int
	}{
		{"e-mail confirmations", d.confirmEmails, func() int { return d.res.EmailVerified }},
		{"phone verifications", d.verifyPhones, func() int { return d.res.PhoneVerified }},
		{"OTP sign-ins", d.signIns, func() int { return d.res.SignIns }},
	}
	for _, s := range steps {
		if err := d.stageNote(ctx, s.name, "HTTP sample", func(ctx context.Context) (int, error) {
			if err := s.fn(ctx); err != nil {
				return 0, err
			}
			return s.items(), nil
		}); err != nil {
			return err
		}
	}
	d.res.registrationIDs = all
	rest := all[sample:]
	return d.stageNote(ctx, "contact steps", "bulk confirm contact, no messages", func(ctx context.Context) (int, error) {
		var emailOnly, phone []int64
		k := 0
		for i, id := range rest {
			if !chosen(sample+i, demoEmailConfirmPct) {
				continue
			}
			if chosen(k, demoPhoneVerifyPct) {
				phone = append(phone, id)
			} else {
				emailOnly = append(emailOnly, id)
			}
			k++
		}
		p := startProgress(d.env.Stderr, "confirming contact", len(emailOnly)+len(phone))
		defer p.Finish()
		now := time.Now().UTC()
		for _, l := range []struct {
			ids   []int64
			phone bool
			count *int
		}{{emailOnly, false, &sc.ContactBulk.EmailVerified}, {phone, true, &sc.ContactBulk.PhoneVerified}} {
			for start := 0; start < len(l.ids); start += sqldb.BulkRegistrationsMax {
				chunk := l.ids[start:min(start+sqldb.BulkRegistrationsMax, len(l.ids))]
				n, err := d.app.store.BulkConfirmContact(ctx, chunk, l.phone, now)
				if err != nil {
					return 0, err
				}
				*l.count += n
				p.Add(len(chunk))
			}
		}
		sc.ContactBulk.Registered = len(rest) - len(emailOnly) - len(phone)
		return len(rest), nil
	})
}
