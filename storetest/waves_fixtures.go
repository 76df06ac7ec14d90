package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// Wave fixtures open at WaveOpens and close at WaveCloses (16:00 WIB, as
// wave 1 of 2020 did): T0 is 09:30 WIB on the opening day.
var (
	WaveOpens  = T0.Add(-30 * time.Minute)
	WaveCloses = time.Date(2025, time.April, 16, 16, 0, 0, 0, prakerja.WIB)
)

// NewWave returns a valid national wave open from WaveOpens to WaveCloses.
func NewWave(name string) *prakerja.Wave {
	return &prakerja.Wave{Name: name, Scheme: "2020", OpensAt: WaveOpens, ClosesAt: WaveCloses, Quota: 1000}
}

// mustWave stores w at T0 and fails the test on error.
func mustWave(tb testing.TB, s prakerja.Store, w *prakerja.Wave) *prakerja.Wave {
	tb.Helper()
	must(tb, s.CreateWave(context.Background(), w, T0))
	return w
}

// mustJoiner stores an eligible registration living in district with a
// passed test: someone who may join any open wave covering district.
func mustJoiner(tb testing.TB, s prakerja.Store, district string) *prakerja.RegistrationRecord {
	tb.Helper()
	rec := mustRegistrant(tb, s, prakerja.StatusEligible, district)
	must(tb, s.RecordTestResult(context.Background(), &prakerja.TestResult{
		RegistrationID: rec.ID, Score: 80, Passed: true, TakenAt: T0.Add(-time.Hour)}))
	return rec
}

// mustRegistrant stores a registration in status living in district.
func mustRegistrant(tb testing.TB, s prakerja.Store, status prakerja.RegistrationStatus, district string) *prakerja.RegistrationRecord {
	tb.Helper()
	nr := NewRegistration(Unique())
	nr.Challenge, nr.Message = nil, nil
	nr.Record.Status, nr.Record.StatusChangedAt, nr.Record.DomicileDistrict = status, T0, district
	must(tb, s.CreateRegistration(context.Background(), nr))
	return nr.Record
}
