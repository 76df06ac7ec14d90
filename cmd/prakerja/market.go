package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/partnerauth"
	"github.com/prakerja/prakerja/scheme"
)

// marketKeysFile holds the seed platforms' and providers' API keys, shown
// once when the catalogue is seeded; the database keeps only hashes.
const marketKeysFile = "market-keys.json"

// marketKeys is the file's content: the old API keys by slug (accepted
// only while serve runs with --allow-unsigned-partner-keys) and a signing
// key per platform and provider ("platform/SLUG", "provider/SLUG"), made
// as `prakerja partner-keys create` would.
type marketKeys struct {
	Platforms map[string]string     `json:"platforms"`
	Providers map[string]string     `json:"providers"`
	Signing   map[string]signingKey `json:"signing"`
}

// signingKey is one partner key as the partner would hold it.
type signingKey struct {
	KeyID  string `json:"key_id"`
	Secret string `json:"secret"`
}

// seedSigningKeys makes a signing key for each seeded platform and
// provider; each is recorded in the audit chain like any other key.
func (a *app) seedSigningKeys(ctx context.Context, seed *marketplace.Seed, keys *marketKeys) error {
	mk := partnerauth.NewKeys(a.store, a.keys, prakerja.SystemClock{})
	add := func(kind prakerja.PartnerKind, slug string) error {
		k, secret, err := mk.Create(ctx, kind, slug, "prakerja serve (seed)")
		if err != nil {
			return fmt.Errorf("signing key of %s %s: %w", kind, slug, err)
		}
		keys.Signing[string(kind)+"/"+slug] = signingKey{KeyID: k.KeyID, Secret: secret.String()}
		return nil
	}
	for _, p := range seed.Platforms {
		if err := add(prakerja.PartnerPlatform, p.Slug); err != nil {
			return err
		}
	}
	for _, p := range seed.Providers {
		if err := add(prakerja.PartnerProvider, p.Slug); err != nil {
			return err
		}
	}
	return nil
}

// seedMarket gives an empty store the seed catalogue (8 platforms, 40
// providers, 200 courses) and writes the new API keys and signing keys to
// dataDir (0600), never to the log. A store that has platforms is left
// alone.
func (a *app) seedMarket(ctx context.Context, dataDir string) error {
	seed, err := a.market.SeedCatalogue(ctx)
	if prakerja.ErrorCode(err) == prakerja.CodeConflict {
		// Nodes started together on an empty database race to seed it;
		// the first one's rows stand, and it writes the keys.
		a.log.Info("training catalogue is being seeded by another node")
		return nil
	}
	if err != nil {
		return fmt.Errorf("seed catalogue: %w", err)
	}
	if len(seed.Platforms) == 0 {
		return nil
	}
	keys := marketKeys{Platforms: map[string]string{}, Providers: map[string]string{}, Signing: map[string]signingKey{}}
	for _, p := range seed.Platforms {
		keys.Platforms[p.Slug] = seed.PlatformKeys[p.ID]
	}
	for _, p := range seed.Providers {
		keys.Providers[p.Slug] = seed.ProviderKeys[p.ID]
	}
	saved := "not saved (no data folder)"
	if st, err := os.Stat(dataDir); err == nil && st.IsDir() {
		// Secrets nobody can read are not made: only with a folder.
		if err := a.seedSigningKeys(ctx, seed, &keys); err != nil {
			return err
		}
		path := filepath.Join(dataDir, marketKeysFile)
		b, err := json.MarshalIndent(keys, "", "  ")
		if err != nil {
			return fmt.Errorf("market keys: %w", err)
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			return fmt.Errorf("market keys: %w", err)
		}
		saved = path
	}
	a.log.Info("training catalogue seeded", "platforms", len(seed.Platforms), "providers", len(seed.Providers),
		"courses", strconv.Itoa(seed.Courses), "api_keys", saved)
	return nil
}

// marketConfig resolves a wave's scheme to the one serve was started with
// when the names match (a scheme file may define its own name), else to a
// built-in scheme.
func marketConfig(sch *scheme.Scheme) marketplace.Config {
	cfg := marketplace.DefaultConfig()
	cfg.Schemes = func(name string) (*scheme.Scheme, error) {
		if name == sch.Name {
			return sch, nil
		}
		return scheme.Builtin(name)
	}
	return cfg
}
