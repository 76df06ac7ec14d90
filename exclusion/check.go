package exclusion

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

// ctxEvery is how many rows a pass reads between looks at its context:
// often enough to stop within milliseconds, rarely enough to cost nothing.
const ctxEvery = 1 << 14

// Summary describes a list file that passed Check.
type Summary struct {
	Rows   int64  // NIK rows, duplicates included
	Bytes  int64  // file size
	SHA256 string // hex digest of the file's bytes
}

// Check reads a list file to its end and returns its summary, or a
// *FileError naming its bad lines; any other error is a read failure.
// now settles the century of the NIKs' two-digit birth years, as in
// nik.Parse.
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
	if err := checkRows(ctx, s, fe); err != nil {
		return Summary{}, err
	}
	if fe.Total == 0 && s.rows == 0 {
		fe.add(0, prakerja.CodeRequired, "The file has a header but no NIK rows.")
	}
	if fe.Total > 0 {
		return Summary{Rows: s.rows}, fe
	}
	return summarise(s, h), nil
}

// checkRows reads every row after the header, recording bad ones in fe.
func checkRows(ctx context.Context, s *scanner, fe *FileError) error {
	for {
		if s.rows%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		_, bad, err := s.next()
		switch {
		case err == io.EOF:
			return nil
		case err != nil:
			return readError(s, fe, err)
		case bad != nil:
			fe.add(bad.Line, bad.Code, bad.Message)
		}
	}
}

// readError turns a limit into a FileError and wraps anything else.
func readError(s *scanner, fe *FileError, err error) error {
	if !errors.Is(err, errTooLarge) {
		return fmt.Errorf("exclusion: read list: %w", err)
	}
	fe.TooLarge = true
	if s.size.n > s.lim.fileSize {
		// The size limit struck while reading ahead of the next line.
		fe.add(s.line+1, prakerja.CodeTooLarge, fmt.Sprintf("The file is over %d bytes.", s.lim.fileSize))
		return fe
	}
	fe.add(s.line, prakerja.CodeTooLarge, fmt.Sprintf("The file has more than %d rows.", s.lim.rows))
	return fe
}

func summarise(s *scanner, h hash.Hash) Summary {
	return Summary{Rows: s.rows, Bytes: s.size.n, SHA256: hex.EncodeToString(h.Sum(nil))}
}
