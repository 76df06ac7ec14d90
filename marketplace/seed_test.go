package marketplace_test

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/marketplace"
)

// TestSeedCatalogue checks the seed's shape: 8 platforms, 40 providers
// with payable accounts, 200 courses priced Rp 100.000 to Rp 1.000.000,
// conflicted courses only on the five platforms KPK named, and a second
// seed that changes nothing.
func TestSeedCatalogue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, 0)
	if len(e.seed.Platforms) != 8 || len(e.seed.Providers) != 40 || e.seed.Courses != 200 {
		t.Fatalf("seed: %d platforms, %d providers, %d courses", len(e.seed.Platforms), len(e.seed.Providers), e.seed.Courses)
	}
	conflicted := map[string]int{}
	var after int64
	for {
		page, err := e.store.Courses(ctx, prakerja.CourseFilter{AfterID: after})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, c := range page {
			if c.Price < 100_000 || c.Price > 1_000_000 || c.Price%50_000 != 0 {
				t.Fatalf("course %d price %d", c.ID, c.Price)
			}
			if c.ConflictOfInterest {
				conflicted[c.PlatformName]++
			}
			after = c.ID
		}
	}
	for _, name := range []string{"Skill Academy", "MauBelajarApa", "Pintaria", "Sekolahmu", "Pijar Mahir"} {
		if conflicted[name] == 0 {
			t.Errorf("no conflicted course on %s", name)
		}
	}
	if len(conflicted) != 5 {
		t.Errorf("conflicted courses on %v, want exactly the five platforms", conflicted)
	}
	ids := []int64{prakerja.SystemAccountID(prakerja.AccountProviderPayable, e.seed.Providers[39].ID, 0)}
	accounts, err := e.store.LedgerAccounts(ctx, ids)
	if err != nil || accounts[ids[0]] == nil {
		t.Fatalf("payable account of the last provider: %v %v", accounts, err)
	}
	again, err := e.svc.SeedCatalogue(ctx)
	if err != nil || len(again.Platforms) != 0 {
		t.Fatalf("second seed: %+v, %v", again, err)
	}
}

// TestAuthenticate finds a platform and a provider by their API keys and
// refuses a wrong, empty or oversized key.
func TestAuthenticate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, 0)
	platform := e.seed.Platforms[3]
	got, err := e.svc.AuthenticatePlatform(ctx, e.seed.PlatformKeys[platform.ID])
	if err != nil || got.ID != platform.ID {
		t.Fatalf("platform %+v, %v", got, err)
	}
	provider := e.seed.Providers[7]
	gotProvider, err := e.svc.AuthenticateProvider(ctx, e.seed.ProviderKeys[provider.ID])
	if err != nil || gotProvider.ID != provider.ID {
		t.Fatalf("provider %+v, %v", gotProvider, err)
	}
	for _, key := range []string{"", "wrong", string(make([]byte, 200)), e.seed.ProviderKeys[provider.ID]} {
		_, err := e.svc.AuthenticatePlatform(ctx, key)
		wantCode(t, err, prakerja.CodeUnauthorized)
	}
	if h := marketplace.HashAPIKey("k"); len(h) != prakerja.MarketKeyHashLen {
		t.Fatalf("hash of %d bytes", len(h))
	}
}
