package storetest

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
)

// bulkLoader is the full-scale demo's seed into an empty registrations
// table, with the indexes rebuilt at the end.
type bulkLoader interface {
	BulkLoadRegistrations(ctx context.Context, next func() ([]prakerja.RegistrationRecord, error)) (int, error)
	BulkInsertRegistrations(ctx context.Context, recs []prakerja.RegistrationRecord) error
}

// recordBatches returns a next function handing out bs one at a time.
func recordBatches(bs ...[]prakerja.RegistrationRecord) func() ([]prakerja.RegistrationRecord, error) {
	return func() ([]prakerja.RegistrationRecord, error) {
		if len(bs) == 0 {
			return nil, nil
		}
		b := bs[0]
		bs = bs[1:]
		return b, nil
	}
}

// freshRecords are n new registrants' records.
func freshRecords(n int) []prakerja.RegistrationRecord {
	recs := make([]prakerja.RegistrationRecord, n)
	for i := range recs {
		recs[i] = *NewRegistration(Unique()).Record
	}
	return recs
}

// testBulkLoadRegistrations checks the index-rebuilding load: rows read
// back through the rebuilt indexes and uniqueness holds after it; a table
// that holds a registration is refused; a duplicate among the loaded rows
// fails the rebuild and leaves the table empty with its indexes.
func testBulkLoadRegistrations(t *testing.T, open Opener) {
	ctx := context.Background()
	loader := func(t *testing.T) (prakerja.Store, bulkLoader) {
		s := open(t)
		b, ok := s.(bulkLoader)
		if !ok {
			t.Skip("store has no bulk load path")
		}
		return s, b
	}
	t.Run("Loads", func(t *testing.T) {
		s, b := loader(t)
		first, second := freshRecords(3), freshRecords(2)
		n, err := b.BulkLoadRegistrations(ctx, recordBatches(first, second))
		if err != nil || n != 5 {
			t.Fatalf("BulkLoadRegistrations = %d, %v; want 5", n, err)
		}
		for i, r := range append(first, second...) {
			for _, f := range []struct {
				field prakerja.IndexField
				index []byte
			}{{prakerja.IndexNIK, r.NIK.Index}, {prakerja.IndexEmail, r.Email.Index}, {prakerja.IndexPhone, r.Phone.Index}} {
				got, err := s.RegistrationByIndex(ctx, f.field, f.index)
				if err != nil || got.FullName != r.FullName {
					t.Fatalf("record %d by %v: %+v, %v", i, f.field, got, err)
				}
			}
		}
		dup := freshRecords(1)
		dup[0].Phone = first[1].Phone
		if err := b.BulkInsertRegistrations(ctx, dup); err == nil {
			t.Error("a taken phone was stored after the load: the unique index was not rebuilt")
		}
		if f, err := s.Funnel(ctx); err != nil || f[prakerja.StatusRegistered] != 5 {
			t.Errorf("funnel %v (%v), want 5 registered", f, err)
		}
	})
	t.Run("RefusesNonEmpty", func(t *testing.T) {
		s, b := loader(t)
		MustCreate(t, s, Unique())
		recs := freshRecords(2)
		if _, err := b.BulkLoadRegistrations(ctx, recordBatches(recs)); prakerja.ErrorCode(err) != prakerja.CodeConflict {
			t.Fatalf("load into a non-empty table: %v, want conflict", err)
		}
		if got, err := s.RegistrationByIndex(ctx, prakerja.IndexNIK, recs[0].NIK.Index); err == nil || got != nil {
			t.Errorf("the refused load stored a record: %v", err)
		}
	})
	fields := []struct {
		name string
		dup  func(a, b *prakerja.RegistrationRecord)
	}{
		{"DuplicateNIK", func(a, b *prakerja.RegistrationRecord) { b.NIK = a.NIK }},
		{"DuplicateEmail", func(a, b *prakerja.RegistrationRecord) { b.Email = a.Email }},
		{"DuplicatePhone", func(a, b *prakerja.RegistrationRecord) { b.Phone = a.Phone }},
	}
	for _, tt := range fields {
		t.Run(tt.name, func(t *testing.T) {
			s, b := loader(t)
			first, second := freshRecords(2), freshRecords(2)
			tt.dup(&first[0], &second[1]) // across two batches
			if _, err := b.BulkLoadRegistrations(ctx, recordBatches(first, second)); prakerja.ErrorCode(err) != prakerja.CodeConflict {
				t.Fatalf("a duplicate was loaded: %v, want conflict", err)
			}
			if f, err := s.Funnel(ctx); err != nil || len(f) != 0 {
				t.Fatalf("after the failed load the funnel is %v (%v), want empty", f, err)
			}
			again := freshRecords(2)
			tt.dup(&again[0], &again[1])
			if err := b.BulkInsertRegistrations(ctx, again); err == nil {
				t.Error("after the failed load a duplicate is stored: the indexes are gone")
			}
			if n, err := b.BulkLoadRegistrations(ctx, recordBatches(freshRecords(2))); err != nil || n != 2 {
				t.Errorf("a clean load after the failed one: %d, %v", n, err)
			}
		})
	}
}
