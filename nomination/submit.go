package nomination

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"time"

	"github.com/prakerja/prakerja"
)

// Limits of one submission through the API or the console, which hold
// the whole list in memory; larger lists go through `prakerja
// nominations import`.
const (
	// SubmitBytesMax bounds a submitted list: 50,000 rows of a NIK and
	// a category fit with room to spare.
	SubmitBytesMax = 4 << 20
	// SubmitRowsMax bounds its rows.
	SubmitRowsMax = 50_000
)

// Row statuses in a submission's results.
const (
	RowAccepted  = "accepted"   // stored in the new current list
	RowRefused   = "refused"    // this row is bad; see its code
	RowNotStored = "not_stored" // the row is good, but another row refused the list
)

// RowResult is what happened to one data row.
type RowResult struct {
	Row     int64         `json:"row"`  // 1-based among the data rows
	Line    int64         `json:"line"` // 1-based line of the CSV, header included
	Status  string        `json:"status"`
	Code    prakerja.Code `json:"code,omitempty"`
	Message string        `json:"message,omitempty"`
}

// Submission is the outcome of a submitted list: stored as the
// institution's new current list, or refused as a whole, with a result
// per row either way.
type Submission struct {
	Stored  bool
	Import  *prakerja.NominationImport // nil when refused
	Summary Summary
	Results []RowResult
	Refused int64 // rows refused
}

// Row is one row of a JSON submission.
type Row struct {
	NIK      string `json:"nik"`
	Category string `json:"category"`
}

// RowsCSV writes JSON rows as a list file, so they take the one import
// path; a field holding a delimiter or quote is quoted and then refused
// by the row check like any other bad value.
func RowsCSV(rows []Row) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{nikColumn, categoryColumn}) // a bytes.Buffer does not fail
	for _, r := range rows {
		_ = w.Write([]string{r.NIK, r.Category})
	}
	w.Flush()
	return b.Bytes()
}

// Store is what a submission needs of the store.
type Store interface {
	prakerja.NominationStore
	prakerja.AuditStore
}

// Submitter imports lists sent by institutions (the signed API and the
// console's upload) through Import; the store records each stored list in
// the audit chain under the actor Submit names.
type Submitter struct {
	store Store
	idx   Indexer
	clock prakerja.Clock
}

// NewSubmitter returns a Submitter; idx must be the registration keyring.
func NewSubmitter(store Store, idx Indexer, clock prakerja.Clock) *Submitter {
	return &Submitter{store: store, idx: idx, clock: clock}
}

// Submit checks a whole list and, when every row is good, stores it as
// the institution's new current list, replacing the previous one (as
// `nominations import` does). actor names who sent it in the audit record
// the store appends with the import. A bad header, an empty file or a
// file over the limits is an error (CodeInvalid, CodeTooLarge); bad rows
// are a Submission with Stored false.
func (s *Submitter) Submit(ctx context.Context, institution, actor string, list []byte) (*Submission, error) {
	if !prakerja.ValidPartnerRef(institution) || len(institution) > prakerja.NominationInstitutionMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "The institution code is not valid.")
	}
	if len(list) > SubmitBytesMax {
		return nil, prakerja.Errorf(prakerja.CodeTooLarge, "The list is over %d bytes; send larger lists to the programme office.", SubmitBytesMax)
	}
	lines := dataLines(list)
	if len(lines) > SubmitRowsMax {
		return nil, prakerja.Errorf(prakerja.CodeTooLarge, "The list has more than %d rows.", SubmitRowsMax)
	}
	ctx = prakerja.WithAuditActor(ctx, actor)
	now := s.clock.Now()
	imp := &prakerja.NominationImport{Institution: institution, Name: s.name(ctx, institution)}
	open := func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(list)), nil }
	sum, err := Import(ctx, s.store, s.idx, open, imp, now, Hooks{})
	var fe *FileError
	switch {
	case errors.As(err, &fe) && len(lines) > 0 && !headerBad(fe, lines[0]):
		return refused(ctx, list, lines, fe, now), nil
	case err != nil:
		return nil, err
	}
	sub := &Submission{Stored: true, Import: imp, Summary: sum, Results: make([]RowResult, len(lines))}
	for i, l := range lines {
		sub.Results[i] = RowResult{Row: int64(i + 1), Line: l.number, Status: RowAccepted}
	}
	return sub, nil
}

// name keeps the institution's name from its newest list; a first list
// is named by its code until an operator imports one with a name.
func (s *Submitter) name(ctx context.Context, institution string) string {
	imports, err := s.store.NominationImports(ctx)
	if err == nil {
		for _, imp := range imports {
			if imp.Institution == institution {
				return imp.Name
			}
		}
	}
	return institution
}

// headerBad reports a refusal of the file as a whole: the first bad line
// comes before the first data row (the header, or line 0 for the file).
func headerBad(fe *FileError, first line) bool {
	return len(fe.Lines) == 0 || fe.Lines[0].Line < first.number
}

// line is one non-blank line after the header.
type line struct {
	number int64
	text   []byte
}

// dataLines splits a list into its data lines (the list dialect never
// lets a quoted field span lines), skipping blanks and the header.
func dataLines(list []byte) []line {
	var out []line
	header := false
	for i, l := range bytes.Split(bytes.TrimPrefix(list, utf8BOM), []byte{'\n'}) {
		tooLong := len(l) >= LineMax // the scanner refuses it unread, blank or not
		l = bytes.TrimSuffix(l, []byte{'\r'})
		if !tooLong && len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		if !header {
			header = true
			continue
		}
		out = append(out, line{number: int64(i + 1), text: l})
	}
	return out
}

// refused builds the per-row results of a refused list. The file error
// lists the first LineErrorsMax bad lines; when there were more, the
// other rows are checked one by one (each with the header) so every row
// gets its own answer.
func refused(ctx context.Context, list []byte, lines []line, fe *FileError, now time.Time) *Submission {
	bad := make(map[int64]LineError, len(fe.Lines))
	for _, l := range fe.Lines {
		bad[l.Line] = l
	}
	complete := fe.Total <= int64(len(fe.Lines))
	header := headerLine(list)
	sub := &Submission{Results: make([]RowResult, len(lines))}
	for i, l := range lines {
		r := RowResult{Row: int64(i + 1), Line: l.number, Status: RowNotStored}
		le, isBad := bad[l.number]
		if !isBad && !complete {
			le, isBad = checkOne(ctx, header, l, now)
		}
		if isBad {
			r.Status, r.Code, r.Message = RowRefused, le.Code, le.Message
			sub.Refused++
		}
		sub.Results[i] = r
	}
	return sub
}

// headerLine returns the first non-blank line.
func headerLine(list []byte) []byte {
	for _, l := range bytes.Split(bytes.TrimPrefix(list, utf8BOM), []byte{'\n'}) {
		if len(bytes.TrimSpace(l)) > 0 {
			return bytes.TrimSuffix(l, []byte{'\r'})
		}
	}
	return nil
}

// checkOne checks one data line under the header.
func checkOne(ctx context.Context, header []byte, l line, now time.Time) (LineError, bool) {
	doc := append(append(append([]byte{}, header...), '\n'), l.text...)
	_, err := Check(ctx, bytes.NewReader(doc), now)
	var fe *FileError
	if errors.As(err, &fe) && len(fe.Lines) > 0 {
		le := fe.Lines[0]
		le.Line = l.number
		return le, true
	}
	return LineError{}, false
}
