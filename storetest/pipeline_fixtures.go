package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// fixtureWorkers bounds the goroutines that create fixtures at once, so the
// group committer batches them without a goroutine per registration.
const fixtureWorkers = 32

// MustCreateIn stores one registration per entry of changed, already in
// status and entered at that time (as if earlier steps had run), and
// returns their records in the same order. Creation runs concurrently so
// large populations are batched by the group committer. Fatal on error.
func MustCreateIn(tb testing.TB, s prakerja.Store, status prakerja.RegistrationStatus, changed []time.Time) []*prakerja.RegistrationRecord {
	tb.Helper()
	records := make([]*prakerja.RegistrationRecord, len(changed))
	errs := make([]error, len(changed))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(fixtureWorkers, len(changed)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				nr := NewRegistration(Unique())
				nr.Challenge, nr.Message = nil, nil
				nr.Record.Status, nr.Record.StatusChangedAt = status, changed[i]
				errs[i] = s.CreateRegistration(context.Background(), nr)
				records[i] = nr.Record
			}
		}()
	}
	for i := range changed {
		work <- i
	}
	close(work)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			tb.Fatalf("CreateRegistration: %v", err)
		}
	}
	return records
}

// times returns n times from start, step apart.
func times(n int, start time.Time, step time.Duration) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = start.Add(time.Duration(i) * step)
	}
	return out
}

// workIDs lists the registration IDs of claimed items, in claim order.
func workIDs(items []prakerja.WorkItem) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.Record.ID
	}
	return out
}

// recordIDs lists the IDs of records.
func recordIDs(records []*prakerja.RegistrationRecord) []int64 {
	out := make([]int64, len(records))
	for i, r := range records {
		out[i] = r.ID
	}
	return out
}

// mustClaim claims work and fails the test on error.
func mustClaim(tb testing.TB, s prakerja.Store, step prakerja.Step, now time.Time, limit int, lease time.Duration) []prakerja.WorkItem {
	tb.Helper()
	items, err := s.ClaimWork(context.Background(), step, now, limit, lease)
	if err != nil {
		tb.Fatalf("ClaimWork: %v", err)
	}
	return items
}

// decide turns claimed items into results moving each to status.
func decide(items []prakerja.WorkItem, status prakerja.RegistrationStatus, reasons ...string) []prakerja.StepResult {
	out := make([]prakerja.StepResult, len(items))
	for i, it := range items {
		out[i] = prakerja.StepResult{RegistrationID: it.Record.ID, Token: it.Token, Status: status, Reasons: reasons}
	}
	return out
}

// mustComplete completes results and checks the applied and stale counts.
func mustComplete(tb testing.TB, s prakerja.Store, step prakerja.Step, results []prakerja.StepResult, flags []prakerja.DuplicateFlag, now time.Time, applied, stale int) {
	tb.Helper()
	a, st, err := s.CompleteWork(context.Background(), step, results, flags, now)
	if err != nil {
		tb.Fatalf("CompleteWork: %v", err)
	}
	if a != applied || st != stale {
		tb.Fatalf("CompleteWork = %d applied, %d stale; want %d, %d", a, st, applied, stale)
	}
}

// mustRecord reads one registration.
func mustRecord(tb testing.TB, s prakerja.Store, id int64) *prakerja.RegistrationRecord {
	tb.Helper()
	r, err := s.Registration(context.Background(), id)
	if err != nil {
		tb.Fatalf("Registration: %v", err)
	}
	return r
}
