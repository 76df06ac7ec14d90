package main

import (
	"context"

	"github.com/prakerja/prakerja/population"
)

// runContact is the funnel after the registrations: e-mail and phone,
// verification, nominations, the wave and the money.
func (d *demo) runContact(ctx context.Context, attempts []population.Attempt) error {
	steps := []struct {
		name  string
		fn    func(ctx context.Context) error
		items func() int // read after fn: the counters are its result
	}{
		{"e-mail confirmations", d.confirmEmails, func() int { return d.res.EmailVerified }},
		{"phone verifications", d.verifyPhones, func() int { return d.res.PhoneVerified }},
		{"OTP sign-ins", d.signIns, func() int { return d.res.SignIns }},
		{"outbox drained", d.drainOutbox, func() int { return int(d.res.MessagesQueued) }},
		{"verification pipeline", d.awaitVerification, func() int { return d.res.PhoneVerified }},
		{"verification outcomes", d.collectVerification, func() int { return d.res.PhoneVerified }},
	}
	for _, s := range steps {
		if err := d.stage(ctx, s.name, func(ctx context.Context) (int, error) {
			if err := s.fn(ctx); err != nil {
				return 0, err
			}
			return s.items(), nil
		}); err != nil {
			return err
		}
	}
	if err := d.readFunnel(ctx); err != nil {
		return err
	}
	return d.runLater(ctx, attempts)
}

// runLater is the nominations, then runWaveMoney.
func (d *demo) runLater(ctx context.Context, attempts []population.Attempt) error {
	if err := d.stage(ctx, "nominations", func(ctx context.Context) (int, error) {
		err := d.nominate(ctx, attempts)
		return d.res.Nominated, err
	}); err != nil {
		return err
	}
	return d.runWaveMoney(ctx)
}

// runWaveMoney is the wave, the money and the console.
func (d *demo) runWaveMoney(ctx context.Context) error {
	if err := d.stage(ctx, "wave (tests, joins, selection)", func(ctx context.Context) (int, error) {
		err := d.runWave(ctx)
		if d.res.Wave == nil {
			return 0, err
		}
		return d.res.Wave.Joined, err
	}); err != nil {
		return err
	}
	return d.runMoneyConsole(ctx)
}

// runMoneyConsole is the money for every participant, then the console.
func (d *demo) runMoneyConsole(ctx context.Context) error {
	if err := d.stage(ctx, "money (credit to payouts)", func(ctx context.Context) (int, error) {
		err := d.runMoney(ctx)
		if d.res.Money == nil {
			return 0, err
		}
		return d.res.Money.Participants, err
	}); err != nil {
		return err
	}
	return d.stage(ctx, "operator console", func(ctx context.Context) (int, error) {
		err := d.runConsole(ctx)
		return 1, err
	})
}

// readFunnel records the registrations per status after verification.
func (d *demo) readFunnel(ctx context.Context) error {
	funnel, err := d.app.store.Funnel(ctx)
	if err != nil {
		return err
	}
	d.res.Funnel = map[string]int{}
	for status, n := range funnel {
		d.res.Funnel[string(status)] = int(n)
	}
	return nil
}
