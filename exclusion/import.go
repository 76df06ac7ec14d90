package exclusion

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"time"

	"github.com/prakerja/prakerja"
)

// Indexer computes blind indexes; *pii.Keyring is one. It must be the
// keyring the registration service uses, or no registrant will match.
type Indexer interface {
	Index(field prakerja.IndexField, value string) []byte
}

// Opener opens the list file; Import opens it once per pass.
type Opener func() (io.ReadCloser, error)

// Hooks let a caller report progress; either may be nil.
type Hooks struct {
	// Checked is called once the first pass has accepted the file.
	Checked func(Summary)
	// Stored is called after each batch of rows is handed to the store.
	Stored func(rows int)
}

// ErrChanged is returned when the file read in the second pass is not the
// one the first pass checked; nothing is stored then.
var ErrChanged = prakerja.Errorf(prakerja.CodeConflict, "The list file changed while it was imported; nothing was stored.")

// Import checks the list file and, when it is clean, stores it as the new
// version of imp.Category: imp.Category and imp.Source are the caller's,
// imp.SHA256 is set here and the store fills the rest. The NIKs are turned
// into blind indexes of prakerja.IndexNIK, normalised exactly as the
// registration service does, so that screening finds registrants. A bad
// file returns a *FileError and stores nothing; an unknown category or an
// over-long source is refused with code invalid before the file is read.
func Import(ctx context.Context, store prakerja.ExclusionStore, idx Indexer, open Opener,
	imp *prakerja.ExclusionImport, now time.Time, hooks Hooks) (Summary, error) {
	if err := CheckCategory(imp.Category); err != nil {
		return Summary{}, err
	}
	if err := checkSource(imp.Source); err != nil {
		return Summary{}, err
	}
	sum, err := checkFile(ctx, open, now)
	if err != nil {
		return sum, err
	}
	if hooks.Checked != nil {
		hooks.Checked(sum)
	}
	r, err := open()
	if err != nil {
		return sum, fmt.Errorf("exclusion: open list: %w", err)
	}
	defer r.Close()
	f := newFeeder(ctx, r, idx, now, sum, hooks.Stored)
	imp.SHA256 = sum.SHA256
	if err := store.ImportExclusions(ctx, imp, f.next, now); err != nil {
		return sum, err
	}
	if !f.done {
		// A store that stops asking early has not stored the whole list.
		return sum, fmt.Errorf("exclusion: the store stopped reading after %d of %d rows", f.rows, sum.Rows)
	}
	return sum, nil
}

// checkFile is the first pass.
func checkFile(ctx context.Context, open Opener, now time.Time) (Summary, error) {
	r, err := open()
	if err != nil {
		return Summary{}, fmt.Errorf("exclusion: open list: %w", err)
	}
	defer r.Close()
	return Check(ctx, r, now)
}

// feeder is the second pass: it yields blind-index batches to the store
// and checks at the end that it read the file the first pass checked.
type feeder struct {
	ctx    context.Context
	s      *scanner
	h      hash.Hash
	idx    Indexer
	want   Summary
	stored func(int)
	rows   int64
	begun  bool // the header has been read
	done   bool
}

func newFeeder(ctx context.Context, r io.Reader, idx Indexer, now time.Time, want Summary, stored func(int)) *feeder {
	h := sha256.New()
	return &feeder{ctx: ctx, s: newScanner(io.TeeReader(r, h), now, defaultLimits), h: h, idx: idx, want: want, stored: stored}
}

// next is the batch function ImportExclusions calls until it returns nil,
// nil.
func (f *feeder) next() ([][]byte, error) {
	if f.done {
		return nil, nil
	}
	if err := f.ctx.Err(); err != nil {
		return nil, err
	}
	if !f.begun {
		f.begun = true
		if bad, err := f.s.header(); err != nil || bad != nil {
			return nil, changed(err)
		}
	}
	batch, err := f.read()
	if err != nil {
		return nil, err
	}
	f.rows += int64(len(batch))
	if f.stored != nil && len(batch) > 0 {
		f.stored(len(batch))
	}
	if len(batch) == 0 {
		return nil, nil
	}
	return batch, nil
}

// read collects up to BatchMax indexes; at the end of the file it checks
// the hash and the row count against the first pass.
func (f *feeder) read() ([][]byte, error) {
	batch := make([][]byte, 0, BatchMax)
	for len(batch) < BatchMax {
		value, bad, err := f.s.next()
		if err == io.EOF {
			f.done = true
			break
		}
		if err != nil || bad != nil {
			return nil, changed(err)
		}
		batch = append(batch, f.idx.Index(prakerja.IndexNIK, value))
	}
	if f.done && summarise(f.s, f.h) != f.want {
		return nil, ErrChanged
	}
	return batch, nil
}

// changed explains a second pass that found what the first did not: a
// read failure, or a file that changed.
func changed(err error) error {
	if err != nil && !errors.Is(err, errTooLarge) {
		return fmt.Errorf("exclusion: read list: %w", err)
	}
	return ErrChanged
}
