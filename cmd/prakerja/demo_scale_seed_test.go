package main

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/prakerja/prakerja/internal/sqlitetest"
	"github.com/prakerja/prakerja/storetest"
)

// TestDemoSeedPaths seeds through both paths: the index-rebuilding load
// into an empty table, and the 2,000-row inserts beside a registration
// already stored; either way every registrant is stored once and counted.
func TestDemoSeedPaths(t *testing.T) {
	tests := []struct {
		name     string
		existing int
	}{
		{"load into an empty table", 0},
		{"insert beside a stored registration", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := sqlitetest.Open(t)
			d := &demo{opts: demoOptions{seed: 2020}, ref: time.Now(), app: &app{store: store, keys: sqlitetest.Keys(t)}}
			for range tt.existing {
				storetest.MustCreate(t, store, storetest.Unique())
			}
			const n = 4500 // more than one demoSeedTxRows chunk, fewer than a demoSeedBatch
			p := startProgress(io.Discard, "seeding", n)
			contact, err := d.seedRegistrations(context.Background(), 1000, n, p)
			p.Finish()
			if err != nil {
				t.Fatal(err)
			}
			if got := contact.Registered + contact.EmailVerified + contact.PhoneVerified; got != n || contact.PhoneVerified == 0 {
				t.Errorf("contact counts %+v: want %d in all, some phone-verified", contact, n)
			}
			f, err := store.Funnel(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			total := 0
			for _, c := range f {
				total += int(c)
			}
			if total != n+tt.existing {
				t.Errorf("funnel %v holds %d, want %d", f, total, n+tt.existing)
			}
		})
	}
}
