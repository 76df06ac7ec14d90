package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// testJoinWaveRules checks each reason a join is refused, in a wave open to
// province 31 only.
func testJoinWaveRules(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	w := NewWave("Gelombang DKI")
	w.Regions = []string{"31"}
	mustWave(t, s, w)
	failed := mustRegistrant(t, s, prakerja.StatusEligible, "31.71.01")
	must(t, s.RecordTestResult(ctx, &prakerja.TestResult{RegistrationID: failed.ID, Score: 10, TakenAt: T0}))
	tests := []struct {
		name          string
		waveID, regID int64
		want          prakerja.Code
	}{
		{"ErrNotVerified", w.ID, mustRegistrant(t, s, prakerja.StatusPhoneVerified, "31.71.01").ID, prakerja.CodeNotVerified},
		{"ErrIneligible", w.ID, mustRegistrant(t, s, prakerja.StatusIneligible, "31.71.01").ID, prakerja.CodeNotVerified},
		{"ErrNoTest", w.ID, mustRegistrant(t, s, prakerja.StatusEligible, "31.71.01").ID, prakerja.CodeTestNotPassed},
		{"ErrTestFailed", w.ID, failed.ID, prakerja.CodeTestNotPassed},
		{"ErrOutsideRegion", w.ID, mustJoiner(t, s, "32.73.01").ID, prakerja.CodeOutsideRegion},
		{"ErrNoWave", w.ID + 1, mustJoiner(t, s, "31.71.01").ID, prakerja.CodeNotFound},
		{"ErrNoRegistration", w.ID, 1 << 40, prakerja.CodeNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := s.JoinWave(ctx, tt.waveID, tt.regID, T0)
			WantCode(t, err, tt.want)
		})
	}
	counts, err := s.WaveJoinCounts(ctx, w.ID)
	must(t, err)
	diff(t, "join counts after refusals", counts, map[string]int64{})
}

// testJoinWaveIdempotent joins twice and again after the close: the same
// join comes back, not an error and not a second row.
func testJoinWaveIdempotent(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	w := NewWave("Gelombang 1")
	w.Regions, w.RegionQuotas = []string{"31"}, map[string]int{"31.71": 100}
	mustWave(t, s, w)
	rec := mustJoiner(t, s, "31.71.01")
	first, created, err := s.JoinWave(ctx, w.ID, rec.ID, T0)
	must(t, err)
	if !created || first.Region != "31.71" {
		t.Fatalf("first join created=%v region %q; want true and the regency quota 31.71", created, first.Region)
	}
	for _, now := range []time.Time{T0.Add(time.Minute), WaveCloses.Add(time.Hour)} {
		again, created, err := s.JoinWave(ctx, w.ID, rec.ID, now)
		must(t, err)
		if created {
			t.Errorf("join at %v created a second join", now)
		}
		diff(t, "repeated join", again, first)
	}
	joins, err := s.WaveJoinsOf(ctx, rec.ID)
	must(t, err)
	diff(t, "joins of the registrant", joins, []prakerja.WaveJoin{*first})
	counts, err := s.WaveJoinCounts(ctx, w.ID)
	must(t, err)
	diff(t, "join counts", counts, map[string]int64{"31.71": 1})
}

// testJoinWaveLater checks the one-open-wave rule and that a registrant of a
// closed wave (not selected) may join the next one.
func testJoinWaveLater(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	first := mustWave(t, s, NewWave("Gelombang 1"))
	next := NewWave("Gelombang 2")
	next.ClosesAt = WaveCloses.Add(7 * 24 * time.Hour)
	mustWave(t, s, next)
	rec := mustJoiner(t, s, "31.71.01")
	_, _, err := s.JoinWave(ctx, first.ID, rec.ID, T0)
	must(t, err)
	_, _, err = s.JoinWave(ctx, next.ID, rec.ID, WaveCloses.Add(-time.Second))
	WantCode(t, err, prakerja.CodeOtherWaveJoined)
	j, created, err := s.JoinWave(ctx, next.ID, rec.ID, WaveCloses)
	must(t, err)
	if !created || j.WaveID != next.ID {
		t.Fatalf("join of the next wave = %+v created=%v", j, created)
	}
	joins, err := s.WaveJoinsOf(ctx, rec.ID)
	must(t, err)
	if len(joins) != 2 || joins[0].WaveID != next.ID {
		t.Fatalf("joins = %+v; want the next wave first, then the first", joins)
	}
}

// testJoinWaveRace joins one registrant from many goroutines: exactly one
// call creates the join, every call gets it back, and one row exists.
func testJoinWaveRace(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	w := mustWave(t, s, NewWave("Gelombang 1"))
	rec := mustJoiner(t, s, "31.71.01")
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		creates int
		errs    []error
	)
	for i := range raceWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, created, err := s.JoinWave(ctx, w.ID, rec.ID, T0.Add(time.Duration(i)*time.Millisecond))
			mu.Lock()
			defer mu.Unlock()
			if created {
				creates++
			}
			if err != nil {
				errs = append(errs, err)
			}
		}()
	}
	wg.Wait()
	if creates != 1 || len(errs) != 0 {
		t.Fatalf("%d creates and errors %v; want 1 and none", creates, errs)
	}
	counts, err := s.WaveJoinCounts(ctx, w.ID)
	must(t, err)
	diff(t, "join counts", counts, map[string]int64{"31": 1})
}

// testTestResults checks that a pass survives a failed retake and that
// results need a registration.
func testTestResults(t *testing.T, open Opener) {
	ctx := context.Background()
	s := open(t)
	rec := mustRegistrant(t, s, prakerja.StatusEligible, "31.71.01")
	_, err := s.TestResult(ctx, rec.ID)
	WantCode(t, err, prakerja.CodeNotFound)
	must(t, s.RecordTestResult(ctx, &prakerja.TestResult{RegistrationID: rec.ID, Score: 75, Passed: true, TakenAt: T0}))
	must(t, s.RecordTestResult(ctx, &prakerja.TestResult{RegistrationID: rec.ID, Score: 20, TakenAt: T0.Add(time.Hour)}))
	got, err := s.TestResult(ctx, rec.ID)
	must(t, err)
	diff(t, "test result", got, &prakerja.TestResult{RegistrationID: rec.ID, Score: 20, Passed: true,
		TakenAt: T0.Add(time.Hour), PassedAt: T0})
	WantCode(t, s.RecordTestResult(ctx, &prakerja.TestResult{RegistrationID: 1 << 40, TakenAt: T0}), prakerja.CodeNotFound)
	WantCode(t, s.RecordTestResult(ctx, &prakerja.TestResult{RegistrationID: rec.ID, Score: -1, TakenAt: T0}), prakerja.CodeInvalid)
}
