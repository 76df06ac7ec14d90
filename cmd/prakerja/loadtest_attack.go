package main

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// Load-test client limits.
const (
	// loadtestWorkersMax bounds vegeta's workers (goroutines, each with
	// at most one request open); an open-loop attack adds workers while
	// answers are slow.
	loadtestWorkersMax = 4096
	// loadtestTimeout is the client's patience for one answer.
	loadtestTimeout = 30 * time.Second
	// loadtestBodyMax bounds what the client keeps of an answer: enough
	// for a registration's id or a problem document's position.
	loadtestBodyMax = 4 << 10
	// loadtestRequestIDPrefix marks each request's X-Request-Id, which the
	// server echoes: it ties an acknowledgement back to the body sent.
	loadtestRequestIDPrefix = "lt-"
)

// rushPacer is the opening rush: the rate climbs linearly from zero to
// peak over ramp, then holds at peak for hold.
type rushPacer struct {
	peak       float64 // hits per second
	ramp, hold time.Duration
}

// hitsBy is how many hits the profile has sent by elapsed.
func (p rushPacer) hitsBy(elapsed time.Duration) float64 {
	t, r := elapsed.Seconds(), p.ramp.Seconds()
	if t < r {
		return p.peak * t * t / (2 * r)
	}
	return p.peak*r/2 + p.peak*(t-r)
}

// total is the number of hits of the whole profile.
func (p rushPacer) total() int { return int(p.hitsBy(p.ramp + p.hold)) }

// Pace waits until the profile's count passes hits.
func (p rushPacer) Pace(elapsed time.Duration, hits uint64) (time.Duration, bool) {
	if elapsed >= p.ramp+p.hold || p.peak <= 0 {
		return 0, true
	}
	next := float64(hits + 1)
	if p.hitsBy(elapsed) >= next {
		return 0, false
	}
	r := p.ramp.Seconds()
	var at float64
	if inRamp := p.peak * r / 2; next <= inRamp {
		at = math.Sqrt(2 * r * next / p.peak)
	} else {
		at = r + (next-inRamp)/p.peak
	}
	return time.Duration(at*float64(time.Second)) - elapsed, false
}

// Rate is the profile's rate at elapsed.
func (p rushPacer) Rate(elapsed time.Duration) float64 {
	if p.ramp <= 0 || elapsed >= p.ramp {
		return p.peak
	}
	return p.peak * elapsed.Seconds() / p.ramp.Seconds()
}

// attackTally is what one attack saw, sorted into the waiting room's
// three outcomes.
type attackTally struct {
	hits, created, turnedAway, otherErrors int
	admitted, away                         vegeta.Metrics
	acks                                   []loadtestAck // the 201 answers
	seconds                                float64
}

// loadtestAck is one acknowledged registration: which body, which id.
type loadtestAck struct {
	body int
	id   int64
}

// attack sends bodies[first:] paced by pacer, until the pacer stops or the
// bodies run out; onResult is called for each answer (progress).
func attack(base string, bodies [][]byte, first int, pacer vegeta.Pacer, onResult func()) *attackTally {
	var next atomic.Int64
	next.Store(int64(first))
	url := base + "/api/v1/registrations"
	targeter := func(t *vegeta.Target) error {
		k := next.Add(1) - 1
		if k >= int64(len(bodies)) {
			return vegeta.ErrNoTargets
		}
		t.Method, t.URL, t.Body = "POST", url, bodies[k]
		t.Header = http.Header{"Content-Type": {"application/json"}, "Accept": {"application/json"},
			"X-Request-Id": {loadtestRequestIDPrefix + strconv.FormatInt(k, 10)}}
		return nil
	}
	atk := vegeta.NewAttacker(vegeta.Workers(64), vegeta.MaxWorkers(loadtestWorkersMax),
		vegeta.KeepAlive(true), vegeta.Timeout(loadtestTimeout), vegeta.MaxBody(loadtestBodyMax))
	tally := &attackTally{}
	start := time.Now()
	for r := range atk.Attack(targeter, pacer, 0, "loadtest") {
		if r.Error == vegeta.ErrNoTargets.Error() {
			continue
		}
		tally.add(r)
		onResult()
	}
	tally.seconds = time.Since(start).Seconds()
	tally.admitted.Close()
	tally.away.Close()
	return tally
}

// add sorts one answer: turned away (503 with Retry-After and a queue
// position), acknowledged (201), or another error (no answer, or any
// other status, which the room admitted).
func (t *attackTally) add(r *vegeta.Result) {
	t.hits++
	if isTurnedAway(r) {
		t.turnedAway++
		t.away.Add(r)
		return
	}
	if r.Code != 0 {
		t.admitted.Add(r)
	}
	if r.Code != http.StatusCreated {
		t.otherErrors++
		return
	}
	t.created++
	t.acks = append(t.acks, parseAck(r))
}

// isTurnedAway is the waiting room's answer: 503, Retry-After and a
// position.
func isTurnedAway(r *vegeta.Result) bool {
	return r.Code == http.StatusServiceUnavailable && r.Headers.Get("Retry-After") != "" &&
		bytes.Contains(r.Body, []byte(`"position":`))
}

// parseAck reads which body a 201 answered (the echoed request id) and the
// registration id it was given. A 201 that cannot be tied back is kept with
// body -1 so the check counts it as missing rather than skipping it.
func parseAck(r *vegeta.Result) loadtestAck {
	var out struct {
		ID int64 `json:"id"`
	}
	ack := loadtestAck{body: -1}
	if err := json.Unmarshal(r.Body, &out); err == nil {
		ack.id = out.ID
	}
	if k, ok := strings.CutPrefix(r.Headers.Get("X-Request-Id"), loadtestRequestIDPrefix); ok {
		if n, err := strconv.Atoi(k); err == nil {
			ack.body = n
		}
	}
	return ack
}

// ms turns a duration into float milliseconds for the report.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
