package main

import (
	"testing"
	"time"
)

// TestCrashVerification is TestServeVerifyRestart with seeded random kill
// points and as many kills as the harness asks: `serve` verifies a
// backlog against a slow registry and is SIGKILLed after a random share
// of it each time. After the last restart every registration must hold
// exactly one identity decision (and one eligibility decision when it
// passed), none twice.
func TestCrashVerification(t *testing.T) {
	t.Parallel()
	cfg := crashSettings(t, 600)
	start := time.Now()
	dir := migratedDir(t)
	n := int64(cfg.size)
	regURL := seedVerify(t, dir, cfg.size, 20*time.Millisecond)
	args := []string{"--data", dir, "--registry", regURL, "--verify-lease", "1s", "--verify-batch", "50",
		"--verify-workers", "2", "--registry-concurrency", "2", "--log-level", "warn", "--jobs=false"}
	kills := 0
	for ; kills < cfg.kills; kills++ {
		before, _ := restartState(t, dir)
		if before >= n {
			break
		}
		target := before + 1 + cfg.rng.Int64N((n-before)/int64(cfg.kills-kills+1)+1)
		srv := startServe(t, nil, nil, args...)
		waitFinished(t, dir, func(done int64) bool { return done >= min(target, n) })
		cfg.pause(30 * time.Millisecond)
		srv.kill(t)
		done, claimed := restartState(t, dir)
		t.Logf("kill %d: %d of %d finished, %d claimed", kills+1, done, n, claimed)
		time.Sleep(1100 * time.Millisecond) // the dead server's leases run out
	}
	srv := startServe(t, nil, nil, args...)
	waitFinished(t, dir, func(done int64) bool { return done == n })
	srv.stop(t)
	checkRestartRecords(t, dir, n)
	t.Logf("crash verification: kills %d, registrations %d with one identity decision each, %.1fs",
		kills, n, time.Since(start).Seconds())
}
