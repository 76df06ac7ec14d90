package population_test

import (
	"sync"
	"time"

	"github.com/prakerja/prakerja/population"
)

const testSeed = 20200411

// ref is the reference date the tests use: wave 1 opening.
var ref = population.DefaultRef

// Shared read-only samples: generating them once keeps the race-enabled
// run short.
var (
	sample10k  = sync.OnceValue(func() []population.Person { return population.Generate(testSeed, 10_000, population.Options{}) })
	sample200k = sync.OnceValue(func() []population.Person { return population.Generate(testSeed, 200_000, population.Options{}) })
	attempts   = sync.OnceValue(func() []population.Attempt { return population.Attempts(testSeed, 40_000, population.Options{}) })
)

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
