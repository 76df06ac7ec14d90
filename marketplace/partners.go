package marketplace

import (
	"context"

	"github.com/prakerja/prakerja"
)

// PlatformBySlug finds the platform a signed partner key names (issue 7:
// keys name their partner by slug). The list of platforms is small (a
// handful, at most MarketSeedPlatformMax when seeded), so it is read
// whole. Returns CodeUnauthorized: a key whose platform is unknown signs
// for nothing.
func (s *Service) PlatformBySlug(ctx context.Context, slug string) (*prakerja.Platform, error) {
	if p, ok := s.cache.platform(slug); ok {
		return p, nil
	}
	all, err := s.store.Platforms(ctx)
	if err != nil {
		return nil, err
	}
	s.cache.putPlatforms(all)
	if p := prakerja.PlatformWithSlug(all, slug); p != nil {
		return p, nil
	}
	return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "The key's platform is not registered.")
}

// ProviderBySlug is PlatformBySlug for training providers. Returns
// CodeUnauthorized.
func (s *Service) ProviderBySlug(ctx context.Context, slug string) (*prakerja.Provider, error) {
	all, err := s.store.Providers(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range all {
		if p.Slug == slug {
			return p, nil
		}
	}
	return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "The key's provider is not registered.")
}
