package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/population"
)

// parallel runs fn(i) for i in [0,n) on the demo's workers, counting each
// finished item on p, and stops at the first error.
func (d *demo) parallel(ctx context.Context, n int, p *progress, fn func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var next atomic.Int64
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	for range min(d.opts.workers, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				if err := fn(ctx, i); err != nil {
					once.Do(func() { first = err; cancel() })
					return
				}
				p.Add(1)
			}
		})
	}
	wg.Wait()
	return first
}

// registerAll sends every attempt on the demo's workers, in order. An
// attempt whose answer depends on an earlier one waits only for that one
// (see attemptDeps), not for everything before it: a barrier before each
// of the 1 % duplicates held 64 workers to batches of about 50.
func (d *demo) registerAll(ctx context.Context, attempts []population.Attempt, faults []identityFault) error {
	d.res.Attempts = len(attempts)
	d.res.Rejected = map[string]int{}
	outcomes := make([]string, len(attempts))
	ids := make([]int64, len(attempts))
	answered := make([]atomic.Bool, len(attempts))
	p := startProgress(d.env.Stderr, "registering", len(attempts))
	send := func(ctx context.Context, i int) error {
		for _, dep := range attemptDeps(attempts, i) {
			if err := awaitAnswered(ctx, &answered[dep]); err != nil {
				return err
			}
		}
		r, err := d.client.do(ctx, "POST", "/api/v1/registrations", withDemoTargeting(attempts[i].Input), "")
		if err != nil {
			return err
		}
		outcomes[i], ids[i] = "ok", r.id()
		if r.Status != 201 {
			outcomes[i] = r.Code
		}
		answered[i].Store(true)
		return nil
	}
	if err := d.parallel(ctx, len(attempts), p, send); err != nil {
		return err
	}
	p.Finish()
	for i, a := range attempts {
		if outcomes[i] == "ok" {
			d.res.Created++
			d.res.registrationIDs = append(d.res.registrationIDs, ids[i])
			d.noteFault(ids[i], faults[i])
		} else {
			d.res.Rejected[outcomes[i]]++
		}
		if outcomes[i] != a.Want {
			d.res.Unexpected++
		}
	}
	return nil
}

// attemptDeps are the earlier attempts whose answers attempt i must
// follow: a duplicate's original (else the original would be the one
// refused), and the same person's attempts just before it (a duplicate
// of someone else's e-mail or phone carries this person's NIK, so their
// own registration must come after it). The population keeps one
// person's attempts together, so two steps back cover them; all point
// backwards, so the waits cannot form a cycle.
func attemptDeps(attempts []population.Attempt, i int) []int {
	var deps []int
	if o := attempts[i].Original; o >= 0 {
		deps = append(deps, o)
	}
	for j := max(0, i-2); j < i; j++ {
		if attempts[j].Person == attempts[i].Person {
			deps = append(deps, j)
		}
	}
	return deps
}

// awaitAnswered waits until an earlier attempt has its answer. The
// earlier one is already with a worker (workers take attempts in order),
// so the wait is one request's time at most.
func awaitAnswered(ctx context.Context, done *atomic.Bool) error {
	for !done.Load() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Microsecond):
		}
	}
	return nil
}

// chosen picks a deterministic share of items, spread evenly.
func chosen(i, pct int) bool { return (i*37)%100 < pct }

// outboxParams reads the newest message of a template for a registration
// and decrypts its parameters, as only the demo (standing in for the
// registrant's inbox and phone) may.
func (d *demo) outboxParams(ctx context.Context, id int64, template string) (map[string]string, error) {
	msgs, err := d.app.store.Messages(ctx, prakerja.MessageFilter{RegistrationID: id, Template: template, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(msgs) == 0 {
		return nil, fmt.Errorf("no %s message for registration %d", template, id)
	}
	return notify.DecodeParams(d.app.keys, msgs[0])
}

// confirmEmails follows the e-mailed link for most new accounts.
func (d *demo) confirmEmails(ctx context.Context) error {
	var picked []int64
	for i, id := range d.res.registrationIDs {
		if chosen(i, demoEmailConfirmPct) {
			picked = append(picked, id)
		}
	}
	d.res.sessions = make([]string, len(picked))
	p := startProgress(d.env.Stderr, "confirming e-mails", len(picked))
	err := d.parallel(ctx, len(picked), p, func(ctx context.Context, i int) error {
		params, err := d.outboxParams(ctx, picked[i], "email_confirm")
		if err != nil {
			return err
		}
		link, err := url.Parse(params["link"])
		if err != nil {
			return fmt.Errorf("confirmation link: %w", err)
		}
		r, err := d.client.do(ctx, "POST", "/api/v1/email-confirmations", map[string]string{"token": link.Query().Get("token")}, "")
		if err != nil {
			return err
		}
		if r.Status != 200 || r.Session == "" {
			return fmt.Errorf("e-mail confirmation answered %d %s", r.Status, r.Code)
		}
		d.res.sessions[i] = r.Session
		return nil
	})
	p.Finish()
	d.res.EmailVerified = len(picked)
	d.confirmedIDs = picked
	return err
}

// verifyPhones asks for an SMS code and enters it; a few first mistype it.
func (d *demo) verifyPhones(ctx context.Context) error {
	var idx []int
	for i := range d.confirmedIDs {
		if chosen(i, demoPhoneVerifyPct) {
			idx = append(idx, i)
		}
	}
	var wrong atomic.Int64
	d.phoneVerified = make([]bool, len(d.confirmedIDs))
	p := startProgress(d.env.Stderr, "verifying phones", len(idx))
	err := d.parallel(ctx, len(idx), p, func(ctx context.Context, k int) error {
		i := idx[k]
		id, session := d.confirmedIDs[i], d.res.sessions[i]
		if r, err := d.client.doFrom(ctx, "POST", "/api/v1/phone-verifications", struct{}{}, session, clientAddr(i)); err != nil || r.Status != 202 {
			return errors.Join(err, fmt.Errorf("sending the SMS code answered %d %s", r.Status, r.Code))
		}
		d.sent.Add(1)
		params, err := d.outboxParams(ctx, id, "phone_otp")
		if err != nil {
			return err
		}
		if chosen(i+7, demoWrongCodePct) {
			r, err := d.client.do(ctx, "POST", "/api/v1/phone-verifications/confirm", map[string]string{"code": wrongCode(params["code"])}, session)
			if err != nil || r.Code != string(prakerja.CodeOTPInvalid) {
				return errors.Join(err, fmt.Errorf("a wrong code answered %d %q, want otp_invalid", r.Status, r.Code))
			}
			wrong.Add(1)
		}
		r, err := d.client.do(ctx, "POST", "/api/v1/phone-verifications/confirm", map[string]string{"code": params["code"]}, session)
		if err != nil || r.Status != 200 {
			return errors.Join(err, fmt.Errorf("phone verification answered %d %s", r.Status, r.Code))
		}
		d.phoneVerified[i] = true
		return nil
	})
	p.Finish()
	d.res.PhoneVerified, d.res.WrongCodes = len(idx), int(wrong.Load())
	return err
}

// wrongCode returns a code that differs from c in its last digit.
func wrongCode(c string) string {
	if c == "" {
		return "000000"
	}
	last := c[len(c)-1]
	return c[:len(c)-1] + string('0'+(last-'0'+1)%10)
}

// drainOutbox waits until the dispatcher has sent every queued message.
func (d *demo) drainOutbox(ctx context.Context) error {
	d.res.MessagesQueued = int64(d.res.Created) + d.sent.Load()
	return d.awaitOutbox(ctx, demoDrainMax)
}

// awaitOutbox waits, at most limit, until no message is left to send. A
// message the dispatcher gave up on (a code that expired before it could
// be delivered, say) stays unsent for good: it is counted, not waited for.
func (d *demo) awaitOutbox(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		page, err := d.app.store.Messages(ctx, prakerja.MessageFilter{Unsent: true, Limit: prakerja.MessagesPageMax})
		if err != nil {
			return err
		}
		due := 0
		for _, m := range page {
			if !m.NextAttemptAt.Equal(notify.NeverRetry) {
				due++
			}
		}
		if due == 0 {
			if len(page) > 0 {
				fmt.Fprintf(d.env.Stderr, "outbox: %d messages given up by the dispatcher, each with its last error\n", len(page))
			}
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the outbox still had unsent messages after %s", limit)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// demoDrainMax bounds the wait for the outbox to empty.
const demoDrainMax = 2 * time.Minute
