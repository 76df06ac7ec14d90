package exclusion

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// digitRun finds what could be a NIK or a phone number in a message.
var digitRun = regexp.MustCompile(`[0-9]{10,}`)

// FuzzCheckLimits reads any file under small limits: an accepted file is
// within every limit; a refused one is coded too_large exactly when a
// limit stopped the read, and otherwise invalid; no message quotes a NIK.
func FuzzCheckLimits(f *testing.F) {
	lim := limits{fileSize: 2048, rows: 8, line: 96}
	at := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{
		"nik\n" + validNIK + "\n", "nik\n" + strings.Repeat(validNIK+"\n", 9), "nik," + strings.Repeat("x", 100) + "\n" + validNIK + "\n",
		"nik\n" + strings.Repeat(" ", 200) + "\n" + validNIK + "\n", "nik\n" + strings.Repeat(validNIK+",\n", 130),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sum, err := check(t.Context(), bytes.NewReader(data), at, lim)
		if err == nil {
			if sum.Rows < 1 || sum.Rows > lim.rows || sum.Bytes != int64(len(data)) || sum.Bytes > lim.fileSize {
				t.Fatalf("accepted %d bytes as %+v", len(data), sum)
			}
			return
		}
		var fe *FileError
		if !errors.As(err, &fe) || len(fe.Lines) == 0 || len(fe.Lines) > LineErrorsMax {
			t.Fatalf("got %v, want a FileError", err)
		}
		want := prakerja.CodeInvalid
		if fe.TooLarge {
			want = prakerja.CodeTooLarge
		}
		last := fe.Lines[len(fe.Lines)-1]
		if prakerja.ErrorCode(err) != want || fe.TooLarge != (last.Code == prakerja.CodeTooLarge) {
			t.Fatalf("code %s with too large %v and last line %+v", prakerja.ErrorCode(err), fe.TooLarge, last)
		}
		for _, l := range fe.Lines {
			if digitRun.MatchString(l.Message) {
				t.Fatalf("message quotes digits: %s", l.Message)
			}
		}
	})
}
