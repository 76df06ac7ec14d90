// Package exclusion reads the exclusion lists of a scheme (civil servants,
// TNI, Polri, DPR/DPRD, village officials, BUMN/BUMD boards, earlier
// participants and the bansos lists PKH, BPNT, BSU, BPUM and DTKS) and
// hands them to the store as NIK blind indexes, so that the verification
// pipeline can screen registrants against them without the lists' clear
// NIKs ever reaching the database.
//
// # List files
//
// A list file is CSV as agencies export it: UTF-8 with or without a byte
// order mark, CRLF or LF line endings, ',' or ';' between fields (whichever
// the header uses more; a one-column header means ','), and fields quoted
// with '"' where needed. A quoted field may not span lines: a list has no
// use for multi-line text and this keeps every line, and so memory, bounded.
// The first non-blank line is a header that names a "nik" column (any case,
// spaces around it ignored); every other column — names, agencies, ranks —
// is skipped and never stored or reported. Each later non-blank line holds
// one NIK, which must pass nik.Parse. A NIK listed twice is stored once.
//
// # Two passes
//
// Import reads the file twice. The first pass (Check) validates every line,
// counts the rows and hashes the bytes; a file with any bad line is refused
// as a whole, with up to LineErrorsMax bad lines named by number and code,
// and nothing is stored. Only a clean file is read again, and its blind
// indexes go to the store in batches of BatchMax inside one atomic import;
// should the file change between the passes, its hash no longer matches and
// the import is abandoned. Memory stays bounded by one line and one batch
// whatever the size of the file.
//
// # Personal data
//
// Error messages name a line number and what is wrong with it, never the
// NIK or any other field's text.
package exclusion

import "github.com/prakerja/prakerja"

// Limits.
const (
	// FileSizeMax bounds a list file: DTKS, the largest list, at
	// ExclusionEntriesMax rows of a NIK and a name, fits inside it.
	FileSizeMax = 16 << 30
	// LineMax bounds one line in bytes, its line ending included. A row of
	// NIK, name, agency and address is a few hundred bytes.
	LineMax = 4096
	// LineErrorsMax is how many bad lines a FileError lists; the rest are
	// only counted, since an operator fixes a broken export, not each line.
	LineErrorsMax = 20
	// BatchMax is how many blind indexes go to the store at a time.
	BatchMax = 10_000
	// RowsMax bounds the rows of one file.
	RowsMax = prakerja.ExclusionEntriesMax
	// SourceMax bounds ExclusionImport.Source, in bytes.
	SourceMax = 200
)
