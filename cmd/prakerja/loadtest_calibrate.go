package main

import (
	"errors"
	"fmt"
	"math"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// Calibration: the capacity is the highest constant rate the server
// takes whole, with admitted p99 under loadtestP99Target.
const (
	loadtestP99Target   = 200 * time.Millisecond
	calibrateGrowth     = 1.4
	calibrateTurnedAway = 0.01 // at most this share turned away
	// calibratePause lets the last step's stragglers finish before the
	// next step starts.
	calibratePause = time.Second
)

// calibrate warms the server up at o.startRate, then tries rising
// constant rates until one fails. It returns the last that passed, how
// many bodies it used and the registrations acknowledged on the way,
// which the check covers too.
func calibrate(env *Env, base string, o *loadtestOptions) (float64, int, []loadtestAck, error) {
	used, best := 0, 0.0
	var acks []loadtestAck
	for i, rate := 0, o.startRate; rate <= loadtestRateMax; i++ {
		need := int(rate*o.step.Seconds()) + 1
		if used+need > loadtestHitsMax {
			break
		}
		bodies, err := benchBodies(o.seed, used+need)
		if err != nil {
			return 0, 0, nil, err
		}
		t := attack(base, bodies, used, vegeta.ConstantPacer{Freq: int(rate), Per: time.Second}, func() {})
		used += t.hits
		acks = append(acks, t.acks...)
		if i == 0 { // warm-up: connections, statements, the room's bound
			fmt.Fprintf(env.Stderr, "warm-up  %6.0f/s: created %d, turned away %d\n", rate, t.created, t.turnedAway)
			time.Sleep(calibratePause)
			continue
		}
		ok := calibrationPassed(t, rate)
		fmt.Fprintf(env.Stderr, "calibrate %6.0f/s: created %.0f/s, turned away %d, other errors %d, admitted p99 %.1f ms: %s\n",
			rate, float64(t.created)/max(t.seconds, 1e-9), t.turnedAway, t.otherErrors, ms(t.admitted.Latencies.P99), passWord(ok))
		if !ok {
			break
		}
		best = rate
		rate = math.Round(rate * calibrateGrowth)
		time.Sleep(calibratePause)
	}
	if best == 0 {
		return 0, used, acks, errors.New("calibration: even --start-rate was past capacity; lower it")
	}
	return best, used, acks, nil
}

// calibrationPassed says whether a step was taken whole: nearly nothing
// turned away, no other errors, admitted p99 under target, and the client
// kept the pace.
func calibrationPassed(t *attackTally, rate float64) bool {
	return t.hits > 0 && float64(t.turnedAway) <= calibrateTurnedAway*float64(t.hits) && t.otherErrors == 0 &&
		t.admitted.Latencies.P99 < loadtestP99Target && float64(t.created)/max(t.seconds, 1e-9) >= 0.9*rate
}

func passWord(ok bool) string {
	if ok {
		return "ok"
	}
	return "past capacity"
}
