package sqldb_test

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja/internal/sqlitetest"
	"github.com/prakerja/prakerja/sqldb"
)

// TestSetWriterCacheKiB checks the writer's page cache follows the call
// and that out-of-range sizes are refused.
func TestSetWriterCacheKiB(t *testing.T) {
	ctx := context.Background()
	s := sqlitetest.Open(t)
	tests := []struct {
		kib     int
		wantErr bool
	}{
		{256 << 10, false},
		{1 << 10, false},
		{0, true},
		{sqldb.WriterCacheMaxKiB + 1, true},
	}
	for _, tt := range tests {
		err := s.SetWriterCacheKiB(ctx, tt.kib)
		if (err != nil) != tt.wantErr {
			t.Fatalf("SetWriterCacheKiB(%d) = %v, want error %v", tt.kib, err, tt.wantErr)
		}
		if tt.wantErr {
			continue
		}
		var got int
		if err := s.Writer().QueryRowContext(ctx, "PRAGMA cache_size").Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != -tt.kib {
			t.Errorf("cache_size after SetWriterCacheKiB(%d) = %d, want %d", tt.kib, got, -tt.kib)
		}
	}
}
