package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// BenchParallelism is how many callers per GOMAXPROCS the registration
// benchmark runs. A server under load has many requests waiting at once,
// and that is what lets the group committer fill its batches.
const BenchParallelism = 64

// BenchmarkCreateRegistration measures durable registrations (each with
// its challenge and message) per second on s, reported as regs/s.
func BenchmarkCreateRegistration(b *testing.B, s prakerja.Store) {
	ctx := context.Background()
	b.SetParallelism(BenchParallelism)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := s.CreateRegistration(ctx, NewRegistration(Unique())); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "regs/s")
}
