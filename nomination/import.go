package nomination

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"time"

	"github.com/prakerja/prakerja"
)

// ctxEvery is how many rows a pass reads between looks at its context.
const ctxEvery = 1 << 14

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

// Summary describes a list file that passed Check.
type Summary struct {
	Rows   int64  // rows, duplicates included
	Bytes  int64  // file size
	SHA256 string // hex digest of the file's bytes
}

// ErrChanged is returned when the file read in the second pass is not the
// one the first pass checked; nothing is stored then.
var ErrChanged = prakerja.Errorf(prakerja.CodeConflict, "The list file changed while it was imported; nothing was stored.")

// Check reads a list file to its end and returns its summary, or a
// *FileError naming its bad lines; any other error is a read failure.
func Check(ctx context.Context, r io.Reader, now time.Time) (Summary, error) {
	return check(ctx, r, now, defaultLimits)
}

func check(ctx context.Context, r io.Reader, now time.Time, lim limits) (Summary, error) {
	h := sha256.New()
	s := newScanner(io.TeeReader(r, h), now, lim)
	fe := &FileError{}
	bad, err := s.header()
	if err != nil {
		return Summary{}, readError(s, fe, err)
	}
	if bad != nil {
		fe.add(bad.Line, bad.Code, bad.Message)
		return Summary{}, fe
	}
	for {
		if s.rows%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return Summary{}, err
			}
		}
		_, bad, err := s.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Summary{}, readError(s, fe, err)
		}
		if bad != nil {
			fe.add(bad.Line, bad.Code, bad.Message)
		}
	}
	if fe.Total == 0 && s.rows == 0 {
		fe.add(0, prakerja.CodeRequired, "The file has a header but no rows.")
	}
	if fe.Total > 0 {
		return Summary{Rows: s.rows}, fe
	}
	return summarise(s, h), nil
}

// readError turns a limit into a FileError and wraps anything else.
func readError(s *scanner, fe *FileError, err error) error {
	if !errors.Is(err, errTooLarge) {
		return fmt.Errorf("nomination: read list: %w", err)
	}
	fe.TooLarge = true
	if s.size.n > s.lim.fileSize {
		fe.add(s.line+1, prakerja.CodeTooLarge, fmt.Sprintf("The file is over %d bytes.", s.lim.fileSize))
		return fe
	}
	fe.add(s.line, prakerja.CodeTooLarge, fmt.Sprintf("The file has more than %d rows.", s.lim.rows))
	return fe
}

func summarise(s *scanner, h hash.Hash) Summary {
	return Summary{Rows: s.rows, Bytes: s.size.n, SHA256: hex.EncodeToString(h.Sum(nil))}
}

// Import checks the list file and, when it is clean, stores it as the new
// version of imp.Institution: imp.Institution and imp.Name are the
// caller's, imp.SHA256 is set here and the store fills the rest. A bad
// file returns a *FileError and stores nothing.
func Import(ctx context.Context, store prakerja.NominationStore, idx Indexer, open Opener,
	imp *prakerja.NominationImport, now time.Time, hooks Hooks) (Summary, error) {
	sum, err := checkFile(ctx, open, now)
	if err != nil {
		return sum, err
	}
	if hooks.Checked != nil {
		hooks.Checked(sum)
	}
	r, err := open()
	if err != nil {
		return sum, fmt.Errorf("nomination: open list: %w", err)
	}
	defer r.Close()
	h := sha256.New()
	f := &feeder{ctx: ctx, s: newScanner(io.TeeReader(r, h), now, defaultLimits), h: h, idx: idx, want: sum, stored: hooks.Stored}
	imp.SHA256 = sum.SHA256
	if err := store.ImportNominations(ctx, imp, f.next, now); err != nil {
		return sum, err
	}
	if !f.done {
		return sum, fmt.Errorf("nomination: the store stopped reading after %d of %d rows", f.rows, sum.Rows)
	}
	return sum, nil
}

// checkFile is the first pass.
func checkFile(ctx context.Context, open Opener, now time.Time) (Summary, error) {
	r, err := open()
	if err != nil {
		return Summary{}, fmt.Errorf("nomination: open list: %w", err)
	}
	defer r.Close()
	return Check(ctx, r, now)
}

// feeder is the second pass: it yields entry batches to the store and
// checks at the end that it read the file the first pass checked.
type feeder struct {
	ctx    context.Context
	s      *scanner
	h      hash.Hash
	idx    Indexer
	want   Summary
	stored func(int)
	rows   int64
	begun  bool
	done   bool
}

// next is the batch function ImportNominations calls until it returns
// nil, nil.
func (f *feeder) next() ([]prakerja.NominationEntry, error) {
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
	batch := make([]prakerja.NominationEntry, 0, BatchMax)
	for len(batch) < BatchMax {
		r, bad, err := f.s.next()
		if err == io.EOF {
			f.done = true
			break
		}
		if err != nil || bad != nil {
			return nil, changed(err)
		}
		batch = append(batch, prakerja.NominationEntry{NIKIndex: f.idx.Index(prakerja.IndexNIK, r.nik), Category: r.category})
	}
	if f.done && summarise(f.s, f.h) != f.want {
		return nil, ErrChanged
	}
	f.rows += int64(len(batch))
	if len(batch) == 0 {
		return nil, nil
	}
	if f.stored != nil {
		f.stored(len(batch))
	}
	return batch, nil
}

// changed explains a second pass that found what the first did not.
func changed(err error) error {
	if err != nil && !errors.Is(err, errTooLarge) {
		return fmt.Errorf("nomination: read list: %w", err)
	}
	return ErrChanged
}
