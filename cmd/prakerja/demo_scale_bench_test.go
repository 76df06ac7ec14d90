package main

import (
	"context"
	"os"
	"strconv"
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

// BenchmarkDemoSeedPaths stores PRAKERJA_BENCH_SEED_ROWS (default 100,000)
// sealed registrants into an empty SQLite store both ways, reporting
// rows/s: "insert" in demoSeedTxRows transactions with every index kept
// (the path beside a running server), "load" through
// BulkLoadRegistrations (indexes dropped and rebuilt in one transaction).
// Sealing is done before the clock starts. PRAKERJA_BENCH_SEED_CACHE_KIB
// sets the writer's page cache (Store.SetWriterCacheKiB). Run with
// -benchtime=1x.
func BenchmarkDemoSeedPaths(b *testing.B) {
	rows := 100_000
	if v, err := strconv.Atoi(os.Getenv("PRAKERJA_BENCH_SEED_ROWS")); err == nil && v > 0 {
		rows = v
	}
	cacheKiB, _ := strconv.Atoi(os.Getenv("PRAKERJA_BENCH_SEED_CACHE_KIB"))
	recs := benchSealed(b, rows)
	for _, tt := range []struct {
		name  string
		store func(s benchSeedStore, recs [][]prakerja.RegistrationRecord) error
	}{
		{"insert", func(s benchSeedStore, recs [][]prakerja.RegistrationRecord) error {
			for _, batch := range recs {
				for start := 0; start < len(batch); start += demoSeedTxRows {
					if err := s.BulkInsertRegistrations(context.Background(), batch[start:min(start+demoSeedTxRows, len(batch))]); err != nil {
						return err
					}
				}
			}
			return nil
		}},
		{"load", func(s benchSeedStore, recs [][]prakerja.RegistrationRecord) error {
			i := 0
			_, err := s.BulkLoadRegistrations(context.Background(), func() ([]prakerja.RegistrationRecord, error) {
				if i == len(recs) {
					return nil, nil
				}
				i++
				return recs[i-1], nil
			})
			return err
		}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				store := sqlitetest.Open(b)
				if cacheKiB > 0 {
					if err := store.SetWriterCacheKiB(context.Background(), cacheKiB); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				if err := tt.store(store, recs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// benchSeedStore is what BenchmarkDemoSeedPaths stores through.
type benchSeedStore interface {
	BulkInsertRegistrations(ctx context.Context, recs []prakerja.RegistrationRecord) error
	BulkLoadRegistrations(ctx context.Context, next func() ([]prakerja.RegistrationRecord, error)) (int, error)
}

// benchSealed seals rows registrants of the population in demoSeedBatch
// batches.
func benchSealed(b *testing.B, rows int) [][]prakerja.RegistrationRecord {
	d := &demo{app: &app{keys: sqlitetest.Keys(b)}}
	pop := population.New(2020, population.Options{Ref: time.Now()})
	var out [][]prakerja.RegistrationRecord
	var batch []prakerja.RegisterInput
	flush := func() {
		r, err := d.sealBatch(batch)
		if err != nil {
			b.Fatal(err)
		}
		out, batch = append(out, r), batch[:0]
	}
	for f, n := 0, 0; n < rows; f++ {
		for _, pr := range pop.Family(f).Members {
			if !pr.Registrant || n == rows {
				continue
			}
			n++
			batch = append(batch, prakerja.RegisterInput{FullName: pr.FullName, Email: pr.Email, Phone: pr.Phone, NIK: pr.NIK, KK: pr.KK,
				BirthDate: pr.BirthDate.Format(time.DateOnly), Sex: pr.Sex, DomicileDistrict: pr.DomicileDistrict})
			if len(batch) == demoSeedBatch {
				flush()
			}
		}
	}
	if len(batch) > 0 {
		flush()
	}
	return out
}
