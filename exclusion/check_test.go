package exclusion_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/exclusion"
)

// bad NIKs, one per nik.Parse failure, made from a valid one.
func badNIKs(n string) map[string]string {
	return map[string]string{
		"short":  n[:15],
		"letter": n[:10] + "x" + n[11:],
		"region": "99" + n[2:],
		"date":   n[:6] + "32" + n[8:],
		"serial": n[:12] + "0000",
	}
}

// TestCheck runs Check over good and bad list files and compares the
// rows counted or the bad lines reported, by number and code.
func TestCheck(t *testing.T) {
	t.Parallel()
	n := niks()
	bad := badNIKs(n[0])
	type line struct {
		Line int64
		Code prakerja.Code
	}
	tests := []struct {
		name  string
		input string
		rows  int64
		lines []line // the bad lines expected; nil for a clean file
	}{
		{"OK", csvOf("nik", n[0], n[1]), 2, nil},
		{"OKHeaderCaseAndSpaces", csvOf(" NIK ", n[0]), 1, nil},
		{"OKBOMAndCRLF", "\ufeffnik,nama\r\n" + n[0] + ",Budi\r\n" + n[1] + ",Siti\r\n", 2, nil},
		{"OKSemicolons", csvOf("nama;NIK;instansi", "Budi, S.H.;"+n[0]+";Kemenkeu", "Siti;"+n[1]+";Pemkab"), 2, nil},
		{"OKQuoted", csvOf(`"full_name","nik"`, `"Siti, S.Pd","`+n[0]+`"`, `"Dewi ""Ayu"" Lestari" , "`+n[1]+`"`), 2, nil},
		{"OKQuotedDelimiterInHeader", csvOf(`"a;b",nik`, `x,`+n[0]), 1, nil},
		{"OKBlankLines", "\n\nnik\n\n" + n[0] + "\n   \n" + n[1] + "\n\n", 2, nil},
		{"OKNoFinalNewline", "nik\n" + n[0], 1, nil},
		{"OKSpacesAroundNIK", csvOf("nik", "  "+n[0]+"\t"), 1, nil},
		{"OKDuplicates", csvOf("nik", n[0], n[0], n[1]), 3, nil},
		{"OKExtraColumnsAnywhere", csvOf("no,nama,nik,jabatan", "1,Budi,"+n[0]+",Kepala Desa", "2,Ani,"+n[1]), 2, nil},
		{"ErrEmpty", "", 0, []line{{0, prakerja.CodeRequired}}},
		{"ErrOnlyBlankLines", "\n \r\n\n", 0, []line{{0, prakerja.CodeRequired}}},
		{"ErrNoHeader", csvOf(n[0], n[1]), 0, []line{{1, prakerja.CodeRequired}}},
		{"ErrNoNIKColumn", csvOf("nama,no_ktp", "Budi,"+n[0]), 0, []line{{1, prakerja.CodeRequired}}},
		{"ErrTwoNIKColumns", csvOf("nik,NIK", n[0]+","+n[1]), 0, []line{{1, prakerja.CodeBadValue}}},
		{"ErrHeaderQuoteOpen", csvOf(`"nik`, n[0]), 0, []line{{1, prakerja.CodeBadFormat}}},
		{"ErrHeaderOnly", csvOf("nik"), 0, []line{{0, prakerja.CodeRequired}}},
		{"ErrBadNIKsWithLineNumbers", csvOf("nama,nik", "A,"+n[0], "B,"+bad["short"], "C,"+bad["letter"], "",
			"D,"+bad["region"], "E,"+bad["date"], "F,"+bad["serial"], "G,", "H", `"I,`+n[1], `"J"x,`+n[2], "K,"+n[3]), 11,
			[]line{{3, prakerja.CodeNIKFormat}, {4, prakerja.CodeNIKFormat}, {6, prakerja.CodeNIKRegionUnknown},
				{7, prakerja.CodeNIKBirthDateInvalid}, {8, prakerja.CodeNIKSerialZero}, {9, prakerja.CodeRequired},
				{10, prakerja.CodeRequired}, {11, prakerja.CodeBadFormat}, {12, prakerja.CodeBadFormat}}},
		{"ErrQuotedNIKSpansLines", "nik\n\"" + n[0] + "\n\"\n", 2, []line{{2, prakerja.CodeBadFormat}, {3, prakerja.CodeBadFormat}}},
		{"ErrCommaListReadWithSemicolonHeader", csvOf("nik;nama", n[0]+",Budi"), 1, []line{{2, prakerja.CodeNIKFormat}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sum, err := exclusion.Check(t.Context(), strings.NewReader(tt.input), now)
			if tt.lines == nil {
				if err != nil || sum.Rows != tt.rows || len(sum.SHA256) != 64 || sum.Bytes != int64(len(tt.input)) {
					t.Fatalf("got %+v, %v; want %d rows and no error", sum, err, tt.rows)
				}
				return
			}
			var fe *exclusion.FileError
			if !errors.As(err, &fe) || prakerja.ErrorCode(err) != prakerja.CodeInvalid {
				t.Fatalf("got %+v, %v; want a FileError with code invalid", sum, err)
			}
			var got []line
			for _, l := range fe.Lines {
				got = append(got, line{l.Line, l.Code})
				checkNoNIK(t, l.Message)
			}
			if diff := cmp.Diff(tt.lines, got); diff != "" || fe.Total != int64(len(tt.lines)) {
				t.Fatalf("bad lines (-want +got), total %d:\n%s", fe.Total, diff)
			}
			checkNoNIK(t, err.Error())
		})
	}
}

// TestCheckManyBadLines checks that a FileError lists the first
// LineErrorsMax bad lines and counts them all, and that its coded form
// names each listed line.
func TestCheckManyBadLines(t *testing.T) {
	t.Parallel()
	lines := []string{"nik"}
	for i := range 50 {
		lines = append(lines, niks()[i][:15])
	}
	_, err := exclusion.Check(t.Context(), strings.NewReader(csvOf(lines...)), now)
	var fe *exclusion.FileError
	if !errors.As(err, &fe) || fe.Total != 50 || len(fe.Lines) != exclusion.LineErrorsMax {
		t.Fatalf("got %v; want 50 bad lines, %d listed", err, exclusion.LineErrorsMax)
	}
	fields := prakerja.ErrorFields(err)
	if len(fields) != exclusion.LineErrorsMax || fields[0].Field != "line 2" || fields[19].Field != "line 21" {
		t.Fatalf("field errors %+v", fields)
	}
	if !strings.Contains(prakerja.ErrorMessage(err), "50 bad lines") {
		t.Fatalf("message %q does not count the bad lines", prakerja.ErrorMessage(err))
	}
}

// TestCheckHashesTheFile checks that the digest covers every byte, so two
// files differing only in a name column differ.
func TestCheckHashesTheFile(t *testing.T) {
	t.Parallel()
	n := niks()[0]
	a, errA := exclusion.Check(t.Context(), strings.NewReader(csvOf("nik,nama", n+",Budi")), now)
	b, errB := exclusion.Check(t.Context(), strings.NewReader(csvOf("nik,nama", n+",Badu")), now)
	if errA != nil || errB != nil || a.SHA256 == b.SHA256 || a.Rows != b.Rows {
		t.Fatalf("got %+v %v and %+v %v", a, errA, b, errB)
	}
	want := "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" // SHA-256 of nothing
	if a.SHA256 == want {
		t.Fatal("digest of an empty input")
	}
}

// TestCheckCancelled checks that a cancelled context stops the pass.
func TestCheckCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := exclusion.Check(ctx, strings.NewReader(csvOf("nik", niks()[0])), now)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want the context's error", err)
	}
}

func checkNoNIK(t *testing.T, s string) {
	t.Helper()
	if nikRun.MatchString(s) {
		t.Fatalf("text holds 16 digits: %s", s)
	}
	for _, n := range niks()[:10] {
		if strings.Contains(s, n[:12]) {
			t.Fatalf("text of %d bytes holds a NIK", len(s))
		}
	}
}
