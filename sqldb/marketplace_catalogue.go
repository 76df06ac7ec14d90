package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// marketPartiesMax bounds the platform and provider listings; the
// programme has tens of each, and a listing is read whole.
const marketPartiesMax = 10_000

// CreatePlatform implements prakerja.MarketplaceStore.
func (s *Store) CreatePlatform(ctx context.Context, p *prakerja.Platform, now time.Time) error {
	if err := p.Validate(); err != nil {
		return err
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var id int64
	err := s.writer.QueryRowContext(ctx, s.mq().insertPlatform, p.Slug, p.Name, p.KeyHash, now.UnixMicro()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return prakerja.Errorf(prakerja.CodeConflict, "The platform slug %q or its API key is taken.", p.Slug)
	}
	if err != nil {
		return fmt.Errorf("create platform: %w", err)
	}
	p.ID, p.CreatedAt = id, utcMicro(now)
	return nil
}

// Platforms implements prakerja.MarketplaceStore.
func (s *Store) Platforms(ctx context.Context) ([]*prakerja.Platform, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.readRows(ctx, s.mq().platforms, marketPartiesMax)
	if err != nil {
		return nil, fmt.Errorf("platforms: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.Platform
	for rows.Next() {
		var p prakerja.Platform
		var created int64
		if err := rows.Scan(&p.ID, &p.Slug, &p.Name, &p.KeyHash, &created); err != nil {
			return nil, fmt.Errorf("platforms: %w", err)
		}
		p.CreatedAt = timeOf(created)
		out = append(out, &p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("platforms: %w", err)
	}
	return out, nil
}

// PlatformByKeyHash implements prakerja.MarketplaceStore.
func (s *Store) PlatformByKeyHash(ctx context.Context, hash []byte) (*prakerja.Platform, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var p prakerja.Platform
	var created int64
	err := s.readRow(ctx, s.mq().platformByKey, hash).Scan(&p.ID, &p.Slug, &p.Name, &p.KeyHash, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "The platform API key is not valid.")
	}
	if err != nil {
		return nil, fmt.Errorf("platform by key: %w", err)
	}
	p.CreatedAt = timeOf(created)
	return &p, nil
}

// CreateProvider implements prakerja.MarketplaceStore. The provider and
// its owner links are one transaction, so a provider is never seen without
// the ownership that flags its courses.
func (s *Store) CreateProvider(ctx context.Context, p *prakerja.Provider, now time.Time) error {
	if err := p.Validate(); err != nil {
		return err
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := s.txRow(ctx, tx, s.mq().insertProvider, p.Slug, p.Name, p.KeyHash, now.UnixMicro()).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return prakerja.Errorf(prakerja.CodeConflict, "The provider slug %q or its API key is taken.", p.Slug)
		}
		if err != nil {
			return fmt.Errorf("insert provider: %w", err)
		}
		for _, platform := range p.Owners {
			if err := s.insertOwner(ctx, tx, platform, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("create provider: %w", err)
	}
	p.ID, p.CreatedAt = id, utcMicro(now)
	return nil
}

// insertOwner links a platform to a provider; an unknown platform is
// CodeNotFound, read first because foreign-key errors differ by engine.
func (s *Store) insertOwner(ctx context.Context, tx *sql.Tx, platform, provider int64) error {
	var n int64
	if err := s.txRow(ctx, tx, s.mq().platformExists, platform).Scan(&n); err != nil {
		return fmt.Errorf("find platform %d: %w", platform, err)
	}
	if n == 0 {
		return prakerja.Errorf(prakerja.CodeNotFound, "No platform %d.", platform)
	}
	if _, err := s.txExec(ctx, tx, s.mq().insertOwner, platform, provider); err != nil {
		return fmt.Errorf("link platform %d: %w", platform, err)
	}
	return nil
}

// Providers implements prakerja.MarketplaceStore.
func (s *Store) Providers(ctx context.Context) ([]*prakerja.Provider, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.readRows(ctx, s.mq().providers, marketPartiesMax)
	if err != nil {
		return nil, fmt.Errorf("providers: %w", err)
	}
	defer rows.Close()
	var out []*prakerja.Provider
	byID := map[int64]*prakerja.Provider{}
	for rows.Next() {
		var p prakerja.Provider
		var created int64
		if err := rows.Scan(&p.ID, &p.Slug, &p.Name, &p.KeyHash, &created); err != nil {
			return nil, fmt.Errorf("providers: %w", err)
		}
		p.CreatedAt = timeOf(created)
		out, byID[p.ID] = append(out, &p), &p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("providers: %w", err)
	}
	return out, s.readOwners(ctx, byID)
}

// readOwners fills the owner links of the providers in byID.
func (s *Store) readOwners(ctx context.Context, byID map[int64]*prakerja.Provider) error {
	rows, err := s.readRows(ctx, s.mq().owners)
	if err != nil {
		return fmt.Errorf("provider owners: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var provider, platform int64
		if err := rows.Scan(&provider, &platform); err != nil {
			return fmt.Errorf("provider owners: %w", err)
		}
		if p := byID[provider]; p != nil {
			p.Owners = append(p.Owners, platform)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("provider owners: %w", err)
	}
	return nil
}

// ProviderByKeyHash implements prakerja.MarketplaceStore.
func (s *Store) ProviderByKeyHash(ctx context.Context, hash []byte) (*prakerja.Provider, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	var p prakerja.Provider
	var created int64
	err := s.readRow(ctx, s.mq().providerByKey, hash).Scan(&p.ID, &p.Slug, &p.Name, &p.KeyHash, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, prakerja.Errorf(prakerja.CodeUnauthorized, "The provider API key is not valid.")
	}
	if err != nil {
		return nil, fmt.Errorf("provider by key: %w", err)
	}
	p.CreatedAt = timeOf(created)
	rows, err := s.readRows(ctx, s.mq().ownersOf, p.ID)
	if err != nil {
		return nil, fmt.Errorf("provider owners: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var platform int64
		if err := rows.Scan(&platform); err != nil {
			return nil, fmt.Errorf("provider owners: %w", err)
		}
		p.Owners = append(p.Owners, platform)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("provider owners: %w", err)
	}
	return &p, nil
}

var _ prakerja.MarketplaceStore = (*Store)(nil)
