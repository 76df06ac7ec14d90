package main

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/sqlitetest"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/population"
)

// BenchmarkDemoSeedPeople is the cost of building one registrant of the
// population, as the full-scale seeding streams them.
func BenchmarkDemoSeedPeople(b *testing.B) {
	pop := population.New(2020, population.Options{Ref: time.Now()})
	n, f := 0, 0
	for b.Loop() {
		for n == 0 {
			for _, pr := range pop.Family(f).Members {
				if pr.Registrant {
					n++
				}
			}
			f++
		}
		n--
	}
}

// BenchmarkDemoSeedSeal is the cost of sealing one registrant's record.
func BenchmarkDemoSeedSeal(b *testing.B) {
	keys, err := pii.NewKeyFile("bench").Keyring()
	if err != nil {
		b.Fatal(err)
	}
	d := &demo{app: &app{keys: keys}}
	pop := population.New(2020, population.Options{Ref: time.Now()})
	pr := pop.Family(0).Members[0]
	batch := []prakerja.RegisterInput{{FullName: pr.FullName, Email: pr.Email, Phone: pr.Phone, NIK: pr.NIK, KK: pr.KK,
		BirthDate: pr.BirthDate.Format(time.DateOnly), Sex: pr.Sex, DomicileDistrict: pr.DomicileDistrict}}
	for b.Loop() {
		if _, err := d.sealBatch(batch); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDemoSeedInsert is the cost of storing one sealed registrant in
// demoSeedBatch-sized bulk transactions on SQLite.
func BenchmarkDemoSeedInsert(b *testing.B) {
	store := sqlitetest.Open(b)
	d := &demo{app: &app{keys: sqlitetest.Keys(b)}}
	pop := population.New(2020, population.Options{Ref: time.Now()})
	var batch []prakerja.RegisterInput
	for f := 0; len(batch) < 5*demoSeedBatch; f++ {
		for _, pr := range pop.Family(f).Members {
			batch = append(batch, prakerja.RegisterInput{FullName: pr.FullName, Email: pr.Email, Phone: pr.Phone, NIK: pr.NIK, KK: pr.KK,
				BirthDate: pr.BirthDate.Format(time.DateOnly), Sex: pr.Sex, DomicileDistrict: pr.DomicileDistrict})
		}
	}
	var recs [][]prakerja.RegistrationRecord
	for i := 0; i+demoSeedBatch <= len(batch); i += demoSeedBatch {
		r, err := d.sealBatch(batch[i : i+demoSeedBatch])
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, r)
	}
	b.ResetTimer()
	for i := range min(b.N, len(recs)) {
		if err := store.BulkInsertRegistrations(context.Background(), recs[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(min(b.N, len(recs))*demoSeedBatch)/b.Elapsed().Seconds(), "rows/s")
}
