package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/scheme"
)

// marketKeysFile holds the seed platforms' and providers' API keys, shown
// once when the catalogue is seeded; the database keeps only hashes.
const marketKeysFile = "market-keys.json"

// marketKeys is the file's content: keys by slug.
type marketKeys struct {
	Platforms map[string]string `json:"platforms"`
	Providers map[string]string `json:"providers"`
}

// seedMarket gives an empty store the seed catalogue (8 platforms, 40
// providers, 200 courses) and writes the new API keys to dataDir (0600),
// never to the log. A store that has platforms is left alone.
func (a *app) seedMarket(ctx context.Context, dataDir string) error {
	seed, err := a.market.SeedCatalogue(ctx)
	if err != nil {
		return fmt.Errorf("seed catalogue: %w", err)
	}
	if len(seed.Platforms) == 0 {
		return nil
	}
	keys := marketKeys{Platforms: map[string]string{}, Providers: map[string]string{}}
	for _, p := range seed.Platforms {
		keys.Platforms[p.Slug] = seed.PlatformKeys[p.ID]
	}
	for _, p := range seed.Providers {
		keys.Providers[p.Slug] = seed.ProviderKeys[p.ID]
	}
	saved := "not saved (no data folder)"
	if st, err := os.Stat(dataDir); err == nil && st.IsDir() {
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
