package main

import (
	"testing"
	"time"
)

// TestCrashRegistrationIngest kills `serve` with SIGKILL at seeded random
// moments while concurrent clients register, restarts it, and has the
// clients retry what got no answer. Every 201 must survive as the
// registration it named, each retry must either create the registration
// or get a clean "taken" answer, and no registration may exist twice.
func TestCrashRegistrationIngest(t *testing.T) {
	t.Parallel()
	cfg := crashSettings(t, 400)
	start := time.Now()
	dir := migratedDir(t)
	g := newIngest(t, cfg.seed, cfg.size)
	logs := &crashLogs{}
	const workers = 16
	kills := 0
	for round := 0; g.left() > 0; round++ {
		srv := startServe(t, logs, nil, "--data", dir, "--log-level", "info", "--jobs=false")
		done := make(chan error, 1)
		go func() { done <- g.round(srv.base, workers) }()
		if kills < cfg.kills {
			// Kill after a random share of what is left has been acknowledged
			// (at least one answer, so the kill lands mid-ingest).
			target := g.ackN.Load() + 1 + cfg.rng.Int64N(int64(g.left()/(cfg.kills-kills+1)+1))
			waitAcks(t, g, target, done)
			cfg.pause(20 * time.Millisecond)
			srv.kill(t)
			kills++
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			tally := g.check(t, openDir(t, dir), devKeys(t, dir), false)
			t.Logf("kill %d: %d acknowledged, %d waiting to be retried", kills, tally.acked, g.left())
			wantTally(t, tally)
			continue
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		srv.stop(t)
	}
	tally := g.check(t, openDir(t, dir), devKeys(t, dir), true)
	wantTally(t, tally)
	logs.wantNone(t, g.secrets())
	t.Logf("crash ingest: kills %d, registrations %d, acknowledged %d checked, retried-duplicate %d, lost %d, doubled %d, answers %v, %.1fs",
		kills, len(g.inputs), tally.acked, tally.retriedDup, tally.lost, tally.doubled, g.codes, time.Since(start).Seconds())
}

// waitAcks waits until the clients hold target acknowledgements (or the
// round ended on its own).
func waitAcks(t *testing.T, g *ingest, target int64, done chan error) {
	t.Helper()
	deadline := time.Now().Add(crashWaitMax)
	for g.ackN.Load() < target && g.left() > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %d acknowledgements: %d", target, g.ackN.Load())
		}
		select {
		case err := <-done:
			done <- err
			return
		case <-time.After(time.Millisecond):
		}
	}
}

func wantTally(t *testing.T, tally ingestTally) {
	t.Helper()
	if tally.lost != 0 || tally.doubled != 0 || tally.wrongID != 0 {
		t.Fatalf("lost %d, doubled %d, acknowledged under another id %d", tally.lost, tally.doubled, tally.wrongID)
	}
}
