package verify

import (
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// TestDetailRoundTrip: the facts written into an identity record's
// detail read back the same, and a detail without them reads as missing.
func TestDetailRoundTrip(t *testing.T) {
	for _, f := range []facts{{}, {citizen: true}, {education: true}, {citizen: true, education: true}} {
		d := detail(87, &f)
		if len(d) > 200 {
			t.Fatalf("detail %q over 200 bytes", d)
		}
		if got, ok := parseDetail(d); !ok || got != f {
			t.Errorf("parseDetail(%q) = %+v, %v; want %+v", d, got, ok, f)
		}
	}
	for _, d := range []string{"", "name_score=83", "citizen=1", "name_score=100 formal_education=0"} {
		if _, ok := parseDetail(d); ok {
			t.Errorf("parseDetail(%q) found facts", d)
		}
	}
}

// TestFactCacheTime: an entry serves only the identity decision it was
// made for, and is gone once taken.
func TestFactCacheTime(t *testing.T) {
	c := newFactCache()
	at := time.Date(2026, 3, 10, 3, 0, 0, 123456000, time.UTC)
	c.put(1, facts{citizen: true}, at)
	if _, ok := c.take(1, at.Add(time.Microsecond)); ok {
		t.Fatal("an entry served a later decision")
	}
	c.put(1, facts{citizen: true}, at)
	if f, ok := c.take(1, at); !ok || !f.citizen {
		t.Fatalf("take = %+v, %v", f, ok)
	}
	if _, ok := c.take(1, at); ok {
		t.Fatal("an entry was taken twice")
	}
}

// TestBackoff: the wait doubles per attempt from the base, stops at the
// maximum (jitter adds at most a quarter), and a longer hint wins.
func TestBackoff(t *testing.T) {
	c, err := Config{BackoffBase: time.Second, BackoffMax: 10 * time.Second}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		attempts int
		hint     time.Duration
		lo, hi   time.Duration
	}{
		{0, 0, time.Second, 1250 * time.Millisecond},
		{2, 0, 4 * time.Second, 5 * time.Second},
		{9, 0, 10 * time.Second, 12500 * time.Millisecond},
		{0, time.Minute, time.Minute, time.Minute},
	} {
		if got := c.backoff(tc.attempts, tc.hint); got < tc.lo || got > tc.hi {
			t.Errorf("backoff(%d, %s) = %s, want %s–%s", tc.attempts, tc.hint, got, tc.lo, tc.hi)
		}
	}
}

// TestConfigLimits: out-of-range settings are refused, zero ones filled.
func TestConfigLimits(t *testing.T) {
	for _, bad := range []Config{{Batch: -1}, {Batch: 5001}, {Concurrency: ConcurrencyMax + 1},
		{Lease: time.Millisecond}, {Steps: []prakerja.Step{"payout"}}} {
		if _, err := bad.withDefaults(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	c, err := Config{}.withDefaults()
	if err != nil || c.Batch != DefaultBatch || c.Lease != DefaultLease || len(c.Steps) != 2 {
		t.Fatalf("defaults %+v, %v", c, err)
	}
}
