package verify

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/dedup"
)

// dedupIndex is the duplicate-detection index of everyone past the
// identity step. It is seeded once from the store, then every person the
// identity step verifies is added, and the flags raised go to the store in
// the same transaction as the verification. A dedup.Index is not safe for
// concurrent use, hence the mutex; an Add costs microseconds.
//
// Each node holds its own index, seeded at its start: a person verified on
// another node meanwhile is unknown here until the next start, so a pair
// split across nodes is flagged by neither until then.
type dedupIndex struct {
	store  prakerja.VerificationStore
	mu     sync.Mutex
	seeded bool
	x      dedup.Index
}

func newDedupIndex(s prakerja.VerificationStore) *dedupIndex { return &dedupIndex{store: s} }

// seed loads the people already past the identity step, once: a failed
// seed is tried again by the next call, into a fresh index.
func (d *dedupIndex) seed(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.seeded {
		return nil
	}
	d.x = dedup.Index{}
	err := d.store.DedupPeople(ctx, func(p prakerja.DedupPerson) error {
		d.x.Add(person(p.ID, p.NIKIndex, p.KKIndex, p.PhoneIndex, p.PayoutIndex, p.FullName, p.BirthDate))
		return nil
	})
	if err != nil {
		return fmt.Errorf("verify: seed duplicate detection: %w", err)
	}
	d.seeded = true
	return nil
}

// add adds the newly verified registrations and returns the flags they
// raise, A being the earlier registration (the smaller id) and B the
// later, as prakerja.DuplicateFlag says.
func (d *dedupIndex) add(recs []*prakerja.RegistrationRecord, now time.Time) []prakerja.DuplicateFlag {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []prakerja.DuplicateFlag
	for _, r := range recs {
		p := person(r.ID, r.NIK.Index, r.KK.Index, r.Phone.Index, nil, r.FullName, r.BirthDate)
		for _, f := range d.x.Add(p) {
			a, b := min(f.A, f.B), max(f.A, f.B)
			out = append(out, prakerja.DuplicateFlag{
				A: a, B: b, Reason: string(f.Reason), Score: f.Score,
				Status: prakerja.FlagOpen, CreatedAt: now,
			})
		}
	}
	return out
}

// person builds a dedup.Person; a birth date that does not parse is
// unknown (zero), which only skips the KK-and-birth-date comparison.
func person(id int64, nik, kk, phone, payout []byte, name, birth string) dedup.Person {
	t, _ := time.Parse(time.DateOnly, birth)
	return dedup.Person{
		ID: id, NIKIndex: nik, KKIndex: kk, PhoneIndex: phone, PayoutIndex: payout,
		FullName: name, BirthDate: t,
	}
}
