package eligibility_test

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// wave1Joiners is how many joined wave 1 of 2020 (README): the number of
// applicants a wave's eligibility pass must get through.
const wave1Joiners = 2_078_026

// BenchmarkEvaluateWave1 evaluates the 2023 rules (the stricter set: upper
// age and KK cap) for 2,078,026 synthetic applicants on GOMAXPROCS workers,
// as the selection job would after a wave closes. The target is under 10 s
// per wave on two cores; s/wave and ns/applicant are reported.
func BenchmarkEvaluateWave1(b *testing.B) {
	ev := mustCompile(b, mustBuiltin(b, "2023"))
	workers := runtime.GOMAXPROCS(0)
	var eligibleCount atomic.Int64
	b.ReportAllocs()
	for b.Loop() {
		eligibleCount.Store(0)
		var wg sync.WaitGroup
		for w := range workers {
			lo, hi := w*wave1Joiners/workers, (w+1)*wave1Joiners/workers
			wg.Go(func() {
				n := 0
				for i := lo; i < hi; i++ {
					if ev.Evaluate(synthetic(i)).Eligible {
						n++
					}
				}
				eligibleCount.Add(int64(n))
			})
		}
		wg.Wait()
	}
	perWave := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(perWave, "s/wave")
	b.ReportMetric(perWave*1e9/wave1Joiners, "ns/applicant")
	b.ReportMetric(float64(eligibleCount.Load()), "eligible")
	b.ReportMetric(float64(workers), "workers")
}

// BenchmarkEvaluate measures one applicant on one goroutine.
func BenchmarkEvaluate(b *testing.B) {
	ev := mustCompile(b, mustBuiltin(b, "2023"))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ev.Evaluate(synthetic(i))
		i++
	}
}
