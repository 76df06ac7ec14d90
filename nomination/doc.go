// Package nomination reads the nomination lists of the special track
// (issue 4 item 3): institutions — BPJS Ketenagakerjaan, corrections
// offices, regional governments, ministries — send CSV lists of NIKs, each
// with a category, and the store keeps them as NIK blind indexes so that
// the selection can put nominees in a better priority tier. A nominee
// still registers and passes every check; the nomination only sets the
// tier.
//
// # List files
//
// A list file is CSV in the same dialect as the exclusion lists: UTF-8
// with or without a byte order mark, CRLF or LF, ',' or ';' between fields
// (whichever the header uses more), '"' quoting on one line. The first
// non-blank line is a header naming a "nik" and a "category" column (any
// case); other columns are skipped and never stored or reported. Each
// later non-blank line holds one NIK, which must pass nik.Parse, and one
// of the categories of prakerja.NominationCategories (any case). A NIK
// listed twice is stored once, with its best tier.
//
// # Two passes
//
// Import reads the file twice, as exclusion.Import does: Check validates
// every line and hashes the bytes, and a file with any bad line is refused
// as a whole with up to LineErrorsMax bad lines named by number; only a
// clean file is read again and streamed to the store in batches of
// BatchMax inside one atomic import, abandoned if the file changed.
//
// # Personal data
//
// Error messages name a line number and what is wrong with it, never the
// NIK or any other field's text.
package nomination

import "github.com/prakerja/prakerja"

// Limits.
const (
	// FileSizeMax bounds a list file: RowsMax rows of a NIK, a category
	// and a name fit inside it.
	FileSizeMax = 2 << 30
	// LineMax bounds one line in bytes, its line ending included.
	LineMax = 4096
	// LineErrorsMax is how many bad lines a FileError lists; the rest are
	// only counted.
	LineErrorsMax = 20
	// BatchMax is how many entries go to the store at a time.
	BatchMax = 10_000
	// RowsMax bounds the rows of one file.
	RowsMax = prakerja.NominationEntriesMax
)
