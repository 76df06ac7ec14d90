package main

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/registration"
)

// demoSeedBatch is how many registrants are built and sealed at a time;
// demoSeedTxRows how many one bulk transaction stores: small enough that
// serve's own writers (the pipeline, the outbox) get the single SQLite
// writer between two of them within their deadlines.
const (
	demoSeedBatch  = 20_000
	demoSeedTxRows = 2_000
)

// seedRegistrations stores n registrants of the population after family
// firstFamily, streamed family by family so the population is never held
// in memory: one goroutine builds people, demoSealers seal their personal
// data as the registration service does, and the caller's goroutine writes
// batches. Each registrant's contact steps are taken as done with the
// demo's shares (e-mail confirmed, then phone verified), so serve's
// pipeline verifies the phone-verified ones.
//
// Into an empty registrations table (the full-scale demo seeds before the
// HTTP phase) the rows go through sqldb.BulkLoadRegistrations: one
// transaction with the table's indexes dropped and rebuilt at the end,
// which sorts once instead of inserting random blind indexes row by row
// (uniqueness is still checked by the rebuilt UNIQUE indexes). Otherwise
// they go through BulkInsertRegistrations in demoSeedTxRows transactions.
func (d *demo) seedRegistrations(ctx context.Context, firstFamily, n int, p *progress) (contact demoContactCounts, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sealed, sealErr := d.startSealing(ctx, firstFamily, n)
	empty, err := d.registrationsEmpty(ctx)
	switch {
	case err != nil:
	case empty:
		err = d.loadSealed(ctx, sealed, sealErr, n, &contact, p)
	default:
		err = d.insertSealed(ctx, sealed, &contact, p)
	}
	if err != nil {
		cancel()
		for range sealed { // let the sealers end
		}
	}
	if serr := sealErr(); serr != nil {
		return contact, serr
	}
	return contact, err
}

// registrationsEmpty reports whether the store holds no registration.
func (d *demo) registrationsEmpty(ctx context.Context) (bool, error) {
	f, err := d.app.store.Funnel(ctx)
	return len(f) == 0, err
}

// loadSealed stores every sealed batch in one BulkLoadRegistrations. A
// sealing failure or a short count rolls the whole load back.
func (d *demo) loadSealed(ctx context.Context, sealed <-chan []prakerja.RegistrationRecord, sealErr func() error, n int,
	contact *demoContactCounts, p *progress) error {
	var last []prakerja.RegistrationRecord
	tally := func() {
		for i := range last {
			contact.count(last[i].Status)
		}
		p.Add(len(last))
	}
	handed := 0
	_, err := d.app.store.BulkLoadRegistrations(ctx, func() ([]prakerja.RegistrationRecord, error) {
		tally() // the batch handed out before is written by now
		var ok bool
		select {
		case last, ok = <-sealed:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if !ok {
			if err := errors.Join(sealErr(), ctx.Err()); err != nil {
				return nil, err
			}
			if handed != n { // checked before the commit
				return nil, fmt.Errorf("seeding: %d registrants built of %d", handed, n)
			}
		}
		handed += len(last)
		return last, nil
	})
	return err
}

// insertSealed stores the sealed batches in demoSeedTxRows transactions,
// so serve's own writers get the single SQLite writer between them.
func (d *demo) insertSealed(ctx context.Context, sealed <-chan []prakerja.RegistrationRecord, contact *demoContactCounts, p *progress) error {
	for recs := range sealed {
		for start := 0; start < len(recs); start += demoSeedTxRows {
			chunk := recs[start:min(start+demoSeedTxRows, len(recs))]
			if err := d.app.store.BulkInsertRegistrations(ctx, chunk); err != nil {
				return err
			}
			for i := range chunk {
				contact.count(chunk[i].Status)
			}
			p.Add(len(chunk))
		}
	}
	return nil
}

// startSealing builds and seals n registrants after family firstFamily in
// the background. The channel closes when all are sent or ctx ends; the
// function reports a sealing failure once it has.
func (d *demo) startSealing(ctx context.Context, firstFamily, n int) (<-chan []prakerja.RegistrationRecord, func() error) {
	ctx, cancel := context.WithCancel(ctx)
	inputs := make(chan []prakerja.RegisterInput, 2)
	sealed := make(chan []prakerja.RegistrationRecord, 2)
	go d.streamInputs(ctx, firstFamily, n, inputs)
	var wg sync.WaitGroup
	var sealErr error
	var once sync.Once
	for range demoSealers {
		wg.Go(func() {
			for batch := range inputs {
				recs, err := d.sealBatch(batch)
				if err != nil {
					once.Do(func() { sealErr = err; cancel() })
					return
				}
				select {
				case sealed <- recs:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(sealed); cancel(); close(done) }()
	return sealed, func() error {
		<-done
		return sealErr
	}
}

// demoSealers is how many goroutines seal: the machine's two cores.
const demoSealers = 2

// streamInputs sends the registration inputs of n registrants, families
// from firstFamily on, in batches, and closes out.
func (d *demo) streamInputs(ctx context.Context, firstFamily, n int, out chan<- []prakerja.RegisterInput) {
	defer close(out)
	pop := population.New(d.opts.seed, population.Options{Ref: d.ref})
	batch := make([]prakerja.RegisterInput, 0, demoSeedBatch)
	for f := firstFamily; n > 0 && f < population.MaxFamilies; f++ {
		for _, pr := range pop.Family(f).Members {
			if !pr.Registrant || n == 0 {
				continue
			}
			n--
			batch = append(batch, withDemoTargeting(prakerja.RegisterInput{
				FullName: pr.FullName, Email: pr.Email, Phone: pr.Phone, NIK: pr.NIK, KK: pr.KK,
				BirthDate: pr.BirthDate.Format(time.DateOnly), Sex: pr.Sex, DomicileDistrict: pr.DomicileDistrict,
			}))
			if len(batch) == demoSeedBatch || n == 0 {
				select {
				case out <- batch:
				case <-ctx.Done():
					return
				}
				batch = make([]prakerja.RegisterInput, 0, demoSeedBatch)
			}
		}
	}
}

// sealBatch builds the stored records of a batch: normalised and sealed
// as the registration service stores them, in the contact status the
// demo's shares give each one.
func (d *demo) sealBatch(batch []prakerja.RegisterInput) ([]prakerja.RegistrationRecord, error) {
	now := time.Now().UTC()
	recs := make([]prakerja.RegistrationRecord, len(batch))
	for i, in := range batch {
		name, okName := registration.NormalizeName(in.FullName)
		email, okEmail := registration.NormalizeEmail(strings.TrimSpace(in.Email))
		phone, okPhone := registration.NormalizePhone(in.Phone)
		if !okName || !okEmail || !okPhone {
			return nil, fmt.Errorf("seeding: a generated registrant does not validate")
		}
		r := prakerja.RegistrationRecord{
			FullName: name, BirthDate: in.BirthDate, Sex: in.Sex, DomicileDistrict: in.DomicileDistrict,
			CreatedAt: now, UpdatedAt: now, WorkImpact: prakerja.WorkImpact(in.WorkImpact),
		}
		if in.TargetingConsent {
			r.TargetingConsentAt, r.ConsentNotice = now, prakerja.TargetingNoticeVersion
		}
		r.Status = demoContactStatus(in.NIK)
		if r.Status != prakerja.StatusRegistered {
			r.EmailVerifiedAt = now
		}
		if r.Status == prakerja.StatusPhoneVerified {
			r.PhoneVerifiedAt = now
		}
		var err error
		for _, f := range []struct {
			field prakerja.IndexField
			value string
			dst   *prakerja.Sealed
		}{
			{prakerja.IndexNIK, strings.TrimSpace(in.NIK), &r.NIK},
			{prakerja.IndexKK, strings.TrimSpace(in.KK), &r.KK},
			{prakerja.IndexEmail, email, &r.Email},
			{prakerja.IndexPhone, phone, &r.Phone},
		} {
			if *f.dst, err = d.app.keys.Seal(f.field, f.value); err != nil {
				return nil, fmt.Errorf("seeding: %w", err)
			}
		}
		recs[i] = r
	}
	return recs, nil
}

// demoContactStatus is how far a seeded registrant got with the contact
// steps, by a hash of the NIK: the demo's e-mail and phone shares.
func demoContactStatus(nik string) prakerja.RegistrationStatus {
	h := fnv.New64a()
	_, _ = h.Write([]byte("contact:" + nik))
	sum := h.Sum64()
	switch {
	case sum%100 >= demoEmailConfirmPct:
		return prakerja.StatusRegistered
	case (sum>>16)%100 >= demoPhoneVerifyPct:
		return prakerja.StatusEmailVerified
	}
	return prakerja.StatusPhoneVerified
}

// demoContactCounts counts registrants by how far their contact steps got.
type demoContactCounts struct {
	Registered    int `json:"registered"`
	EmailVerified int `json:"email_verified"`
	PhoneVerified int `json:"phone_verified"`
}

func (c *demoContactCounts) count(st prakerja.RegistrationStatus) {
	switch st {
	case prakerja.StatusRegistered:
		c.Registered++
	case prakerja.StatusEmailVerified:
		c.EmailVerified++
	case prakerja.StatusPhoneVerified:
		c.PhoneVerified++
	}
}
