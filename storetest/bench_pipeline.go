package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// Pipeline benchmark sizes: each operation claims and completes one batch
// of a population that reruns (outside the timer) when it runs out.
const (
	BenchPipelineBatch      = 2000
	BenchPipelinePopulation = 5 * BenchPipelineBatch
	// BenchImportEntries is one exclusion import: a large ministry list.
	BenchImportEntries = 1_000_000
	benchImportBatch   = 10_000
)

// BenchmarkPipeline measures the store's side of a pipeline step: claim
// BenchPipelineBatch registrations and complete them (one in ten failing
// with a reason), reported as registrants/s.
func BenchmarkPipeline(b *testing.B, s prakerja.Store) {
	ctx := context.Background()
	MustCreateIn(b, s, prakerja.StatusPhoneVerified, times(BenchPipelinePopulation, T0, time.Microsecond))
	now := T0.Add(time.Hour)
	var claiming, completing time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		now = now.Add(time.Millisecond)
		start := time.Now()
		items := mustClaim(b, s, prakerja.StepIdentity, now, BenchPipelineBatch, time.Minute)
		if len(items) < BenchPipelineBatch {
			b.StopTimer()
			benchRerun(b, s, now)
			b.StartTimer()
			start = time.Now()
			items = mustClaim(b, s, prakerja.StepIdentity, now, BenchPipelineBatch, time.Minute)
		}
		claiming += time.Since(start)
		results := decide(items, prakerja.StatusIdentityVerified)
		for i := 0; i < len(results); i += 10 {
			results[i].Status, results[i].Reasons = prakerja.StatusIdentityFailed, []string{prakerja.ReasonIdentityNameMismatch}
		}
		start = time.Now()
		applied, _, err := s.CompleteWork(ctx, prakerja.StepIdentity, results, nil, now)
		if err != nil || applied != BenchPipelineBatch {
			b.Fatalf("CompleteWork = %d applied, %v; want %d", applied, err, BenchPipelineBatch)
		}
		completing += time.Since(start)
	}
	b.ReportMetric(float64(b.N*BenchPipelineBatch)/b.Elapsed().Seconds(), "registrants/s")
	b.ReportMetric(float64(claiming.Milliseconds())/float64(b.N), "claim-ms/op")
	b.ReportMetric(float64(completing.Milliseconds())/float64(b.N), "complete-ms/op")
}

// benchRerun sends everything the identity step decided back to it.
func benchRerun(b *testing.B, s prakerja.Store, now time.Time) {
	_, err := s.Rerun(context.Background(), prakerja.RerunFilter{Step: prakerja.StepIdentity,
		Statuses: []prakerja.RegistrationStatus{prakerja.StatusIdentityVerified, prakerja.StatusIdentityFailed}}, now)
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkImportExclusions measures importing a list of
// BenchImportEntries 32-byte NIK indexes as a new version, reported as
// entries/s.
func BenchmarkImportExclusions(b *testing.B, s prakerja.Store) {
	indexes := make([][]byte, BenchImportEntries)
	for i := range indexes {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(i))
		sum := sha256.Sum256(n[:])
		indexes[i] = sum[:]
	}
	b.ResetTimer()
	for i := range b.N {
		rest := indexes
		next := func() ([][]byte, error) {
			if len(rest) == 0 {
				return nil, nil
			}
			batch := rest[:min(benchImportBatch, len(rest))]
			rest = rest[len(batch):]
			return batch, nil
		}
		imp := &prakerja.ExclusionImport{Category: "dtks", Source: "bench"}
		if err := s.ImportExclusions(context.Background(), imp, next, T0.Add(time.Duration(i)*time.Hour)); err != nil {
			b.Fatal(err)
		}
		if imp.Entries != BenchImportEntries {
			b.Fatalf("imported %d entries, want %d", imp.Entries, BenchImportEntries)
		}
	}
	b.ReportMetric(float64(b.N*BenchImportEntries)/b.Elapsed().Seconds(), "entries/s")
}
