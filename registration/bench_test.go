package registration_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/prakerja/prakerja"
)

// benchPerson returns the n-th of 3.3 million distinct valid registrants:
// men born on one of 336 days of 1990 with serials 0001–9999.
func benchPerson(n int64) prakerja.RegisterInput {
	day, month, serial := 1+n%28, 1+(n/28)%12, 1+(n/336)%9999
	return prakerja.RegisterInput{
		FullName:         "Budi Santoso",
		Email:            fmt.Sprintf("budi.%d@example.id", n),
		Phone:            fmt.Sprintf("0813%08d", n),
		NIK:              fmt.Sprintf("317101%02d%02d90%04d", day, month, serial),
		KK:               "3171011203150007",
		BirthDate:        fmt.Sprintf("1990-%02d-%02d", month, day),
		Sex:              "M",
		DomicileDistrict: "31.71.01",
	}
}

// BenchmarkRegister measures Register end to end on SQLite (validation,
// sealing, group-committed insert with fsync), from parallel callers as
// the HTTP server would make them.
func BenchmarkRegister(b *testing.B) {
	e := newEnv(b)
	var n atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			in := benchPerson(n.Add(1))
			if _, err := e.svc.Register(context.Background(), in, prakerja.Client{}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
