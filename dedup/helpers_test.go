package dedup_test

import (
	"crypto/sha256"
	"sync"
	"time"

	"github.com/prakerja/prakerja/dedup"
	"github.com/prakerja/prakerja/population"
)

const testSeed = 20200411

// blind stands in for pii.Keyring.Index: SHA-256 of the field name and the
// value. Tests need equal values to give equal bytes, not secrecy.
func blind(field, value string) []byte {
	if value == "" {
		return nil
	}
	h := sha256.Sum256([]byte(field + "\x00" + value))
	return h[:]
}

// fromPopulation maps a synthetic person to a dedup.Person. The population
// has no payout accounts, so each person gets their own.
func fromPopulation(p population.Person) dedup.Person {
	return dedup.Person{
		ID:          int64(p.ID),
		NIKIndex:    blind("nik", p.NIK),
		KKIndex:     blind("kk", p.KK),
		PhoneIndex:  blind("phone", p.Phone),
		PayoutIndex: blind("payout", "account-of-"+p.NIK),
		FullName:    p.FullName,
		BirthDate:   p.BirthDate,
	}
}

// sample is a shared read-only population; generating it once keeps the
// race-enabled run short.
var sample = sync.OnceValue(func() []population.Person {
	return population.Generate(testSeed, 30_000, population.Options{})
})

// rec builds a dedup.Person from plain strings; "" leaves an index empty.
type rec struct {
	id                     int64
	nik, kk, phone, payout string
	name                   string
	birth                  time.Time
}

func (r rec) person() dedup.Person {
	return dedup.Person{
		ID: r.id, NIKIndex: blind("nik", r.nik), KKIndex: blind("kk", r.kk),
		PhoneIndex: blind("phone", r.phone), PayoutIndex: blind("payout", r.payout),
		FullName: r.name, BirthDate: r.birth,
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
