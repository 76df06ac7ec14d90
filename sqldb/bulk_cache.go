package sqldb

import (
	"context"
	"fmt"
)

// WriterCacheMaxKiB bounds SetWriterCacheKiB: 2 GiB, half the full-scale
// demo's memory budget.
const WriterCacheMaxKiB = 2 << 20

// SetWriterCacheKiB sets the SQLite writer connection's page cache to kib
// KiB (PRAGMA cache_size=-kib) for as long as the store is open; the
// writer pool holds one connection that is never recycled, so the setting
// stays. It is for a process that writes millions of rows with random
// blind indexes (the full-scale demo), where the default cache
// (sqlite.WriterCacheKiB) misses on nearly every index insert. On
// PostgreSQL, whose cache is the server's shared_buffers, it does nothing.
func (s *Store) SetWriterCacheKiB(ctx context.Context, kib int) error {
	if kib < 1 || kib > WriterCacheMaxKiB {
		return fmt.Errorf("writer cache: %d KiB, want 1..%d", kib, WriterCacheMaxKiB)
	}
	if s.dialect.numbered {
		return nil
	}
	if _, err := s.writer.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", kib)); err != nil {
		return fmt.Errorf("writer cache: %w", err)
	}
	return nil
}
