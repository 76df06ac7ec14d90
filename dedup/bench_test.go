package dedup_test

import (
	"runtime"
	"sync"
	"testing"

	"github.com/prakerja/prakerja/dedup"
	"github.com/prakerja/prakerja/population"
)

// benchN is the brief's size: one Index of a million people.
const benchN = 1_000_000

// benchPeople are benchN synthetic people with SHA-256 stand-ins for the
// blind indexes, built once and outside the timer.
var benchPeople = sync.OnceValue(func() []dedup.Person {
	pop := population.Generate(testSeed, benchN, population.Options{})
	out := make([]dedup.Person, len(pop))
	for i, p := range pop {
		out[i] = fromPopulation(p)
	}
	return out
})

// BenchmarkIndexAdd adds a million people to a fresh Index per iteration
// and reports people per second, flags raised and heap bytes per person.
// Run it with -benchtime 3x or so: one iteration is the whole million.
func BenchmarkIndexAdd(b *testing.B) {
	people := benchPeople()
	var heap uint64
	flags, runs := 0, 0
	for b.Loop() {
		b.StopTimer()
		before := heapInUse()
		b.StartTimer()
		var x dedup.Index
		for _, p := range people {
			flags += len(x.Add(p))
		}
		b.StopTimer()
		heap = heapInUse() - min(before, heapInUse())
		runtime.KeepAlive(&x)
		b.StartTimer()
		runs++
	}
	b.ReportMetric(float64(runs*len(people))/b.Elapsed().Seconds(), "persons/s")
	b.ReportMetric(float64(flags)/float64(runs), "flags/op")
	b.ReportMetric(float64(heap)/float64(len(people)), "B/person")
}

// heapInUse returns the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkNormalizeName measures one synthetic name (what storing keys
// for every registrant would cost per name).
func BenchmarkNormalizeName(b *testing.B) {
	people := sample()
	i := 0
	for b.Loop() {
		dedup.NormalizeName(people[i%len(people)].FullName)
		i++
	}
}

// BenchmarkPhoneticKey includes NormalizeName.
func BenchmarkPhoneticKey(b *testing.B) {
	people := sample()
	i := 0
	for b.Loop() {
		dedup.PhoneticKey(people[i%len(people)].FullName)
		i++
	}
}

// BenchmarkSimilarity compares neighbouring synthetic names.
func BenchmarkSimilarity(b *testing.B) {
	people := sample()
	i := 0
	for b.Loop() {
		dedup.Similarity(people[i%len(people)].FullName, people[(i+1)%len(people)].FullName)
		i++
	}
}
