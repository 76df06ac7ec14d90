package prakerja

import (
	"context"
	"time"
)

// ExclusionImport is one version of one exclusion list (civil servants,
// TNI, a bansos list …). A new import of a category replaces the category's
// previous version as a whole; old versions are kept for audit. Entries are
// NIK blind indexes only: the list's clear NIKs never reach the database.
type ExclusionImport struct {
	ID       int64
	Category string // a scheme exclusion category, e.g. "asn" or "pkh"
	// Source names the file or the sending agency, for audit (no personal
	// data); at most 200 bytes.
	Source string
	// SHA256 is the hex digest of the imported file, so the same file
	// imported twice can be recognised.
	SHA256     string
	Entries    int64 // distinct NIKs in this version
	ImportedAt time.Time
	// Current is true for the newest import of its category.
	Current bool
}

// Exclusion limits.
const (
	// ExclusionEntriesMax bounds one import (the largest 2020 list, DTKS,
	// held about 97 million people).
	ExclusionEntriesMax = 150_000_000
	// ExclusionScreenMax bounds one ScreenExclusions call.
	ExclusionScreenMax = ClaimMax
)

// ExclusionStore keeps exclusion lists.
type ExclusionStore interface {
	// ImportExclusions stores a new version of imp.Category holding the
	// given NIK blind indexes (duplicates are stored once), atomically:
	// either the whole version becomes current or nothing changes. It
	// fills imp.ID, imp.Entries and imp.ImportedAt. next yields batches of
	// indexes until it returns nil, nil; an error from next aborts the
	// import and is returned.
	ImportExclusions(ctx context.Context, imp *ExclusionImport, next func() ([][]byte, error), now time.Time) error
	// ExclusionImports lists the imports, newest first (at most 1,000).
	ExclusionImports(ctx context.Context) ([]ExclusionImport, error)
	// ScreenExclusions returns, for each NIK blind index found on a current
	// list, the sorted categories it is on, keyed by the index as a string.
	// Indexes on no list are absent. At most ExclusionScreenMax indexes.
	ScreenExclusions(ctx context.Context, nikIndexes [][]byte) (map[string][]string, error)
}
