package main

import (
	"context"
	"github.com/prakerja/prakerja/internal/sqlitetest"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/datarequest"
	"github.com/prakerja/prakerja/storetest"
)

// TestWithDemoTargeting checks the answers are valid, stable per NIK and
// spread roughly as the shares say.
func TestWithDemoTargeting(t *testing.T) {
	t.Parallel()
	counts := map[prakerja.WorkImpact]int{}
	consent := 0
	const n = 5000
	for i := range n {
		in := prakerja.RegisterInput{NIK: "317101570895" + string(rune('0'+i/1000%10)) + string(rune('0'+i/100%10)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10))}
		got := withDemoTargeting(in)
		if again := withDemoTargeting(in); again != got {
			t.Fatal("not stable for one NIK")
		}
		if !prakerja.WorkImpact(got.WorkImpact).Valid() {
			t.Fatalf("impact %q", got.WorkImpact)
		}
		counts[prakerja.WorkImpact(got.WorkImpact)]++
		if got.TargetingConsent {
			consent++
		}
	}
	for _, s := range demoImpactShares {
		want := int(s.perMille) * n / 1000
		if got := counts[s.impact]; got < want*7/10 || got > want*13/10 {
			t.Errorf("%q: %d of %d, want about %d", s.impact, got, n, want)
		}
	}
	if want := demoConsentPerMille * n / 1000; consent < want*8/10 || consent > want*12/10 {
		t.Errorf("consent %d of %d, want about %d", consent, n, want)
	}
}

// TestSeedDemoDataRequests seeds requests on a real store: downloads,
// corrections and withdrawals, some answered, some open.
func TestSeedDemoDataRequests(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store, keys := sqlitetest.Open(t), sqlitetest.Keys(t)
	var ids []int64
	for range 400 {
		nr := storetest.NewRegistration(storetest.Unique())
		for _, f := range []struct {
			field prakerja.IndexField
			dst   *prakerja.Sealed
		}{{prakerja.IndexNIK, &nr.Record.NIK}, {prakerja.IndexEmail, &nr.Record.Email}, {prakerja.IndexPhone, &nr.Record.Phone}, {prakerja.IndexKK, &nr.Record.KK}} {
			var err error
			if *f.dst, err = keys.Seal(f.field, string(f.dst.Index[:8])); err != nil {
				t.Fatal(err)
			}
		}
		must(t, store.CreateRegistration(ctx, nr))
		ids = append(ids, nr.Record.ID)
	}
	c, err := seedDemoDataRequests(ctx, datarequest.New(store, keys, prakerja.SystemClock{}), ids, "cs.rina")
	if err != nil {
		t.Fatal(err)
	}
	if c.Downloads == 0 || c.Corrections == 0 || c.Withdrawals == 0 || c.Answered == 0 || c.Open == 0 || c.Rejected == 0 {
		t.Fatalf("counts %+v: want some of each", c)
	}
	q, err := store.DataRequestQueue(ctx, prakerja.DataRequestFilter{State: prakerja.DataRequestOpen})
	if err != nil || len(q) != c.Open {
		t.Fatalf("open queue %d (%v), want %d", len(q), err, c.Open)
	}
}
