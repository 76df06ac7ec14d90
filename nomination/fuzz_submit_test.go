package nomination_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/sqlitetest"
	"github.com/prakerja/prakerja/mock"
	"github.com/prakerja/prakerja/nomination"
)

// longDigits finds what could be a NIK or a phone number in a message.
var longDigits = regexp.MustCompile(`[0-9]{10,}`)

// FuzzSubmit sends any list through the institution upload path (the
// signed API and the console): a whole-file refusal is coded invalid or
// too_large; otherwise every data line gets one result, in order, and the
// list is stored exactly when no row is refused. No message quotes a NIK.
func FuzzSubmit(f *testing.F) {
	for _, s := range []string{
		"nik,category\n" + goodNIK + ",phk\n", "nik,category\n" + goodNIK + ",phk\n" + goodNIK[:15] + ",pmi\n\n" + goodNIK + ",x\n",
		"\ufeffNIK;Category\r\n" + goodNIK + ";PMI\r\n", "nik\n" + goodNIK + "\n", "", "nik,category\n", "x\nnik,category\n" + goodNIK + ",phk\n",
	} {
		f.Add([]byte(s))
	}
	store, ring := sqlitetest.Open(f), sqlitetest.Keys(f)
	sub := nomination.NewSubmitter(store, ring, mock.NewClock(now))
	f.Fuzz(func(t *testing.T, list []byte) {
		got, err := sub.Submit(t.Context(), "bpjs_tk", "partner:pk_fuzz", list)
		if err != nil {
			if c := prakerja.ErrorCode(err); c != prakerja.CodeInvalid && c != prakerja.CodeTooLarge || longDigits.MatchString(err.Error()) {
				t.Fatalf("Submit = %v", err)
			}
			return
		}
		if len(got.Results) != dataLines(list) {
			t.Fatalf("%d results for %d data lines", len(got.Results), dataLines(list))
		}
		var refused int64
		for i, r := range got.Results {
			bad := r.Status == nomination.RowRefused
			switch {
			case r.Row != int64(i+1) || i > 0 && r.Line <= got.Results[i-1].Line:
				t.Fatalf("result %d is %+v", i, r)
			case bad && (r.Code == "" || r.Message == "" || longDigits.MatchString(r.Message)):
				t.Fatalf("refused row %+v", r)
			case got.Stored && r.Status != nomination.RowAccepted, !got.Stored && !bad && r.Status != nomination.RowNotStored:
				t.Fatalf("row %+v of a list stored=%v", r, got.Stored)
			}
			if bad {
				refused++
			}
		}
		if got.Refused != refused || got.Stored != (refused == 0) || got.Stored != (got.Import != nil) {
			t.Fatalf("stored %v with %d (%d counted) refused", got.Stored, got.Refused, refused)
		}
	})
}

// dataLines counts the lines the scanner reads as rows: after the first,
// every line that is not blank or is over LineMax (refused unread).
func dataLines(list []byte) int {
	n := -1
	for _, l := range bytes.Split(bytes.TrimPrefix(list, []byte("\ufeff")), []byte{'\n'}) {
		if len(l) >= nomination.LineMax || len(bytes.TrimSpace(bytes.TrimSuffix(l, []byte{'\r'}))) > 0 {
			n++
		}
	}
	return max(n, 0)
}
