package marketplace_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/notify"
)

// benchParticipants and benchWorkers shape BenchmarkPurchase: each worker
// takes whole participants, so one participant's codes are never mixed.
const (
	benchParticipants = 256
	benchWorkers      = 32
	benchPerCard      = 9 // Rp 100.000 courses out of Rp 1.000.000, under the SMS cap
)

// BenchmarkPurchase charges and confirms the cheapest seed course in
// parallel on SQLite with durable commits, reading each code from the
// outbox as a phone would; b.N is ignored beyond one round, and the
// result is purchases per second.
func BenchmarkPurchase(b *testing.B) {
	e := newEnv(b, benchParticipants)
	ctx := context.Background()
	c := e.cheapest(b)
	platform := e.platformOf(b, c.PlatformID)
	var n, failed atomic.Int64
	var firstErr atomic.Value
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range benchWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(e.wave.Participants); i += benchWorkers {
				reg := e.wave.Participants[i]
				for range benchPerCard {
					if err := e.purchaseOnce(ctx, reg, platform, c, n.Add(1)); err != nil {
						failed.Add(1)
						firstErr.CompareAndSwap(nil, err.Error())
					}
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if failed.Load() > 0 {
		b.Fatalf("%d purchases failed, first: %v", failed.Load(), firstErr.Load())
	}
	b.ReportMetric(float64(n.Load())/elapsed.Seconds(), "purchases/s")
}

// cheapest is the cheapest active seed course.
func (e *env) cheapest(tb testing.TB) *prakerja.Course {
	tb.Helper()
	list, err := e.store.Courses(context.Background(), prakerja.CourseFilter{MaxPrice: 100_000, OnlyActive: true})
	if err != nil || len(list) == 0 {
		tb.Fatalf("no Rp 100.000 course: %v", err)
	}
	return list[0]
}

// platformOf returns a seed platform by id.
func (e *env) platformOf(tb testing.TB, id int64) *prakerja.Platform {
	tb.Helper()
	for _, p := range e.seed.Platforms {
		if p.ID == id {
			return p
		}
	}
	tb.Fatalf("no platform %d", id)
	return nil
}

// purchaseOnce charges and confirms course c for reg.
func (e *env) purchaseOnce(ctx context.Context, reg int64, platform *prakerja.Platform, c *prakerja.Course, n int64) error {
	p, err := e.svc.Charge(ctx, platform, marketplace.ChargeInput{CardNumber: e.cards[reg], CourseID: c.ID,
		OrderID: fmt.Sprintf("B-%d", n)})
	if err != nil {
		return err
	}
	msgs, err := e.store.Messages(ctx, prakerja.MessageFilter{RegistrationID: reg, Template: notify.TemplatePurchaseOTP, Limit: 1})
	if err != nil || len(msgs) == 0 {
		return fmt.Errorf("no code: %w", err)
	}
	params, err := notify.DecodeParams(e.keys, msgs[0])
	if err != nil {
		return err
	}
	_, err = e.svc.Confirm(ctx, platform, p.ID, params["code"])
	return err
}
