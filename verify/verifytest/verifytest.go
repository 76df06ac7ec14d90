// Package verifytest fills a store with phone-verified registrations of
// the synthetic population, for the pipeline's tests and its benchmark
// (`prakerja bench verify`). The registrations go straight into the store,
// sealed with the given keys: the registration flow has its own tests and
// its own benchmark, and is a hundred times slower than what it would
// feed here.
package verifytest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/population"
)

// SeedWorkers is how many registrations are written at once: the store's
// group commit turns them into a few large transactions.
const SeedWorkers = 256

// Registrants returns the first n registrants (people of registrant age)
// of the population of seed, in ID order.
func Registrants(pop *population.Population, n int) []population.Person {
	out := make([]population.Person, 0, n)
	for f := 0; len(out) < n && f < population.MaxFamilies; f++ {
		for _, p := range pop.Family(f).Members {
			if p.Registrant && len(out) < n {
				out = append(out, p)
			}
		}
	}
	return out
}

// Record seals one person as a phone-verified registration record.
func Record(keys *pii.Keyring, p population.Person, now time.Time) (*prakerja.RegistrationRecord, error) {
	rec := &prakerja.RegistrationRecord{
		FullName: p.FullName, BirthDate: p.BirthDate.Format(time.DateOnly), Sex: p.Sex,
		DomicileDistrict: p.DomicileDistrict, Status: prakerja.StatusPhoneVerified,
		EmailVerifiedAt: now, PhoneVerifiedAt: now, StatusChangedAt: now, CreatedAt: now, UpdatedAt: now,
	}
	var err error
	for _, f := range []struct {
		field prakerja.IndexField
		value string
		dst   *prakerja.Sealed
	}{
		{prakerja.IndexNIK, p.NIK, &rec.NIK}, {prakerja.IndexKK, p.KK, &rec.KK},
		{prakerja.IndexEmail, p.Email, &rec.Email}, {prakerja.IndexPhone, p.Phone, &rec.Phone},
	} {
		if *f.dst, err = keys.Seal(f.field, f.value); err != nil {
			return nil, err
		}
	}
	return rec, nil
}

// Seed stores every person as a phone-verified registration, SeedWorkers
// at a time, and returns their registration ids in the order of people.
// progress, when non-nil, is called with the count stored so far.
func Seed(ctx context.Context, s prakerja.Store, keys *pii.Keyring, people []population.Person, now time.Time, progress func(int)) ([]int64, error) {
	ids := make([]int64, len(people))
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, SeedWorkers)
	for range min(SeedWorkers, len(people)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(people); i = int(next.Add(1) - 1) {
				id, err := seedOne(ctx, s, keys, people[i], now)
				if err != nil {
					errs <- err
					return
				}
				ids[i] = id
				if progress != nil {
					progress(1)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, err
	}
	return ids, nil
}

func seedOne(ctx context.Context, s prakerja.Store, keys *pii.Keyring, p population.Person, now time.Time) (int64, error) {
	rec, err := Record(keys, p, now)
	if err != nil {
		return 0, err
	}
	if err := s.CreateRegistration(ctx, &prakerja.NewRegistration{Record: rec}); err != nil {
		return 0, fmt.Errorf("seed registration: %w", err)
	}
	return rec.ID, nil
}
