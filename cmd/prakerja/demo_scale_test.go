package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestDemoScale runs the full-scale path small: attempts over HTTP, the
// contact steps over HTTP for a sample and in bulk for the rest, the other
// registrants seeded in bulk, all of them verified by serve's pipeline,
// then the wave and the money, with a stage table.
func TestDemoScale(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	const registrants, overHTTP = 3000, 1000
	code, out, errOut := runCmd(t, context.Background(), nil, "demo", "--registrants", "3000", "--http-registrants", "1000",
		"--data", dir, "--json", "--workers", "8")
	if code != 0 {
		t.Fatalf("demo exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	var res demoResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, out)
	}
	sc := res.Scale
	if sc == nil || sc.HTTPAttempts != overHTTP || sc.Seeded != registrants-overHTTP || res.Attempts != registrants || res.Unexpected != 0 {
		t.Fatalf("scale %+v, attempts %d, unexpected %d: want %d over HTTP, %d seeded, none unexpected", sc, res.Attempts, res.Unexpected, overHTTP, registrants-overHTTP)
	}
	if sc.ContactHTTP == 0 || sc.ContactBulk.PhoneVerified == 0 || sc.SeededContact.PhoneVerified == 0 || sc.SeededContact.Registered == 0 {
		t.Errorf("contact steps %+v: want some over HTTP, some confirmed in bulk, seeded ones in each state", sc)
	}
	stored, decided := 0, 0
	for st, n := range res.Funnel {
		stored += n
		if st == "identity_failed" || st == "eligible" || st == "ineligible" {
			decided += n
		}
	}
	if stored != res.Created || decided != res.PhoneVerified || res.Funnel["phone_verified"]+res.Funnel["identity_verified"] != 0 {
		t.Errorf("funnel %v: want all %d accounts stored and all %d phone-verified decided", res.Funnel, res.Created, res.PhoneVerified)
	}
	// The wave keeps the 2020 shape: 2,078,026 joiners and 168,111 seats
	// per 7,600,000 registrants.
	w := res.Wave
	if w == nil || w.Joined != min(wave1Share(registrants, wave1Joiners), w.Eligible) || w.Quota != wave1Share(registrants, wave1Selected) ||
		w.Selected == 0 || w.Selected > w.Quota || !w.Verified || w.Announcements != w.Joined {
		t.Errorf("wave %+v: want the wave-1 shape, a verified draw within the quota, every joiner announced", w)
	}
	if res.Money == nil || res.Money.Participants != w.Selected || len(res.Money.Breaches) != 0 {
		t.Errorf("money %+v: want every participant credited and a clean ledger", res.Money)
	}
	// The participants left out of the one-by-one story never buy: the
	// deadline's jobs revoke every one of them.
	if left := res.Money.Participants - res.Scale.StoryParticipants; res.Scale.StoryParticipants == 0 || left == 0 || res.Money.Revoked < left {
		t.Errorf("money %+v, %d in the story: want some left to the jobs, all of them revoked", res.Money, res.Scale.StoryParticipants)
	}
	checkStages(t, res.Stages, "registrations", "contact steps", "verification pipeline", "wave: tests and joins", "wave: closed early",
		"selection and announcements", "money (credit to payouts)")
}

// checkStages fails unless every named stage is in the table, each line
// with a time and a peak memory.
func checkStages(t *testing.T, stages []demoStage, names ...string) {
	t.Helper()
	seen := map[string]bool{}
	for _, s := range stages {
		seen[s.Name] = true
		if s.Seconds < 0 || s.PeakRSSMiB <= 0 {
			t.Errorf("stage %+v: want a time and a peak RSS", s)
		}
	}
	for _, n := range names {
		if !seen[n] {
			t.Errorf("no stage %q in %+v", n, stages)
		}
	}
}

// TestWave1Share keeps the 2020 shape: exact at 7.6 million, proportional
// below.
func TestWave1Share(t *testing.T) {
	tests := []struct {
		registrants, joiners, seats int
	}{
		{7_600_000, 2_078_026, 168_111},
		{760_000, 207_803, 16_811},
		{1_000_000, 273_424, 22_120},
		{3_000, 820, 66},
	}
	for _, tt := range tests {
		if j, s := wave1Share(tt.registrants, wave1Joiners), wave1Share(tt.registrants, wave1Selected); j != tt.joiners || s != tt.seats {
			t.Errorf("%d registrants: %d joiners, %d seats; want %d, %d", tt.registrants, j, s, tt.joiners, tt.seats)
		}
	}
}
