package selection

import (
	"fmt"
	"strconv"

	"github.com/prakerja/prakerja"
)

// Code is a stable, machine-readable reason a selection artefact was
// refused. Scripts key on these strings, so never rename one.
type Code string

// Codes. Each failure of Parse*, Publish and Verify carries exactly one.
const (
	CodeFileMissing      Code = "file_missing"       // an artefact is not in the folder
	CodeFileIO           Code = "file_io"            // an artefact could not be read or written
	CodeManifestInvalid  Code = "manifest_invalid"   // manifest.json is not the canonical manifest
	CodeAlgorithm        Code = "algorithm_unknown"  // the manifest names another algorithm
	CodeSizeMismatch     Code = "size_mismatch"      // a file's size differs from the manifest
	CodeDigestMismatch   Code = "digest_mismatch"    // a file's SHA-256 differs from the manifest
	CodeCommitmentFormat Code = "commitment_invalid" // commitment.txt is not 64 hex digits and LF
	CodeCommitmentDiffer Code = "commitment_differs" // commitment.txt and manifest.json disagree
	CodeSeedFormat       Code = "seed_invalid"       // seed.txt is not 64 hex digits and LF
	CodeSeedMismatch     Code = "seed_mismatch"      // SHA-256 of the seed is not the commitment
	CodeQuotasInvalid    Code = "quotas_invalid"     // quotas.json breaks a rule
	CodeQuotasDiffer     Code = "quotas_differ"      // quotas.json and manifest.json disagree
	CodeSnapshotLine     Code = "snapshot_line"      // a snapshot line is malformed
	CodeSnapshotOrder    Code = "snapshot_order"     // pseudonyms not strictly ascending
	CodeResultDiffers    Code = "result_differs"     // result.csv is not the recomputed result
	CodeSummaryDiffers   Code = "summary_differs"    // summary.csv is not the recomputed summary
	CodeCountsDiffer     Code = "counts_differ"      // the manifest's counts are not the recomputed ones
	CodePublished        Code = "already_published"  // Publish would change a published file
)

// Error is why an artefact was refused. It names the file and, for a line
// format, the 1-based line, so an auditor can look at the exact spot.
// Messages never quote an applicant's data beyond a pseudonym.
type Error struct {
	Code    Code
	File    string // artefact file name; "" when none applies
	Line    int64  // 1-based line; 0 for the file as a whole
	Message string
}

func (e *Error) Error() string {
	where := e.File
	if e.Line > 0 {
		where += " line " + strconv.FormatInt(e.Line, 10)
	}
	if where == "" {
		return fmt.Sprintf("%s (%s)", e.Message, e.Code)
	}
	return fmt.Sprintf("%s: %s (%s)", where, e.Message, e.Code)
}

// Unwrap maps e onto the domain's closed code set, so prakerja.ErrorCode
// works on it: a refused overwrite is a conflict, anything else invalid.
func (e *Error) Unwrap() error {
	code := prakerja.CodeInvalid
	if e.Code == CodePublished {
		code = prakerja.CodeConflict
	}
	return &prakerja.Error{Code: code, Message: e.Error()}
}

// errorf returns an *Error for a whole file.
func errorf(code Code, file, format string, args ...any) *Error {
	return &Error{Code: code, File: file, Message: fmt.Sprintf(format, args...)}
}

// lineErrorf returns an *Error for one line of a file.
func lineErrorf(code Code, file string, line int64, format string, args ...any) *Error {
	return &Error{Code: code, File: file, Line: line, Message: fmt.Sprintf(format, args...)}
}
