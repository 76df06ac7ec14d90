package http

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/prakerja/prakerja"
)

// waveFake is an in-memory WaveStore for the handlers: a list of waves and
// joins, and function fields to force an answer. Methods the handlers do
// not call panic (nil embedded interface).
type waveFake struct {
	prakerja.WaveStore
	mu    sync.Mutex
	waves []prakerja.Wave
	joins []prakerja.WaveJoin
	// joinFn, when set, answers JoinWave.
	joinFn func(waveID, regID int64, now time.Time) (*prakerja.WaveJoin, bool, error)
	// block makes JoinWave wait for its context to end, like a
	// transaction stuck on a lock.
	block bool
	// untested makes TestResult answer not_found: no test taken.
	untested bool
	// nows records the now of each JoinWave call: the server's clock.
	nows []time.Time
}

// newWaveFake holds one national wave open at testNow.
func newWaveFake() *waveFake {
	return &waveFake{waves: []prakerja.Wave{{ID: 1, Name: "Gelombang 1", Scheme: "2020", Quota: 168111,
		OpensAt: testNow.Add(-24 * time.Hour), ClosesAt: testNow.Add(6 * time.Hour)}}}
}

func (f *waveFake) Waves(_ context.Context, since time.Time) ([]prakerja.Wave, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []prakerja.Wave
	for _, w := range f.waves {
		if w.ClosesAt.After(since) {
			out = append(out, w)
		}
	}
	return out, nil
}

func (f *waveFake) Wave(_ context.Context, id int64) (*prakerja.Wave, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, w := range f.waves {
		if w.ID == id {
			return &w, nil
		}
	}
	return nil, prakerja.Errorf(prakerja.CodeNotFound, "Wave %d not found.", id)
}

func (f *waveFake) WaveJoinsOf(_ context.Context, regID int64) ([]prakerja.WaveJoin, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []prakerja.WaveJoin
	for _, j := range f.joins {
		if j.RegistrationID == regID {
			out = append(out, j)
		}
	}
	return out, nil
}

func (f *waveFake) JoinWave(ctx context.Context, waveID, regID int64, now time.Time) (*prakerja.WaveJoin, bool, error) {
	f.mu.Lock()
	f.nows = append(f.nows, now)
	fn, block := f.joinFn, f.block
	f.mu.Unlock()
	if block {
		<-ctx.Done()
		return nil, false, fmt.Errorf("commit: %w", ctx.Err())
	}
	if fn != nil {
		return fn(waveID, regID, now)
	}
	return &prakerja.WaveJoin{WaveID: waveID, RegistrationID: regID, Region: "31", JoinedAt: now}, true, nil
}

func (f *waveFake) TestResult(_ context.Context, regID int64) (*prakerja.TestResult, error) {
	if f.untested {
		return nil, prakerja.Errorf(prakerja.CodeNotFound, "No test result.")
	}
	return &prakerja.TestResult{RegistrationID: regID, Score: 80, Passed: true, TakenAt: testNow, PassedAt: testNow}, nil
}
