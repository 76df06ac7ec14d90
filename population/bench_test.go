package population_test

import (
	"testing"

	"github.com/prakerja/prakerja/population"
)

// BenchmarkGenerate100k measures the brief's target: 100,000 people in
// well under a second.
func BenchmarkGenerate100k(b *testing.B) {
	for b.Loop() {
		if got := len(population.Generate(testSeed, 100_000, population.Options{})); got != 100_000 {
			b.Fatalf("got %d people", got)
		}
	}
}

func BenchmarkPersonAt(b *testing.B) {
	pop := population.New(testSeed, population.Options{})
	i := 0
	for b.Loop() {
		pop.Person(population.PersonID(i % 600_000))
		i += 7
	}
}

func BenchmarkByNIK(b *testing.B) {
	pop := population.New(testSeed, population.Options{})
	people := population.Generate(testSeed, 10_000, population.Options{})
	i := 0
	for b.Loop() {
		if _, ok := pop.ByNIK(people[i%len(people)].NIK); !ok {
			b.Fatal("not found")
		}
		i++
	}
}

func BenchmarkAttempts100k(b *testing.B) {
	for b.Loop() {
		population.Attempts(testSeed, 100_000, population.Options{})
	}
}
