package registry

import (
	"net/http"
	"time"
)

// Salts that keep the three draws of one request independent.
const (
	saltLatency uint64 = iota + 1
	saltError
	saltTimeout
)

// injectFault applies the configured latency, then maybe a 503 or a hang.
// It reports the status it sent and whether the request is finished.
// Every draw comes from (Seed, sequence number), never from a shared
// random source, so the k-th request meets the same fate on every run.
func (s *Simulator) injectFault(w http.ResponseWriter, r *http.Request) (int, bool) {
	seq := s.seq.Add(1)
	delay := s.cfg.Latency + time.Duration(draw(s.cfg.Seed, seq, saltLatency)*float64(s.cfg.Jitter))
	if delay > 0 && !wait(r, delay) {
		return 0, true // the client gave up; nobody reads an answer
	}
	if draw(s.cfg.Seed, seq, saltError) < s.cfg.ErrorRate {
		s.stats.errors.Add(1)
		writeError(w, http.StatusServiceUnavailable, "unavailable", "simulated outage")
		return http.StatusServiceUnavailable, true
	}
	if draw(s.cfg.Seed, seq, saltTimeout) < s.cfg.TimeoutRate {
		s.stats.timeouts.Add(1)
		if !wait(r, s.cfg.HangMax) {
			return 0, true
		}
		writeError(w, http.StatusGatewayTimeout, "timeout", "simulated timeout")
		return http.StatusGatewayTimeout, true
	}
	return 0, false
}

// wait sleeps d unless the request ends first; false if it did.
func wait(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// draw is a uniform number in [0, 1) from (seed, seq, salt): the
// splitmix64 finaliser over a mix of the three, keeping 53 bits.
func draw(seed, seq, salt uint64) float64 {
	x := seed ^ seq*0x9e3779b97f4a7c15 ^ salt*0xd1b54a32d192ed03
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return float64(x>>11) / (1 << 53)
}
