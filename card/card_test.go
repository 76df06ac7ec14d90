package card

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

var testKey = []byte("prakerja test key, not a secret!")

// MustIssuer returns an Issuer with the test prefix and key.
func MustIssuer(tb testing.TB) *Issuer {
	tb.Helper()
	iss, err := NewIssuer("517690", testKey)
	if err != nil {
		tb.Fatal(err)
	}
	return iss
}

func TestLuhn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		digits string
		valid  bool
	}{
		{"OKVisaTest", "4111111111111111", true},
		{"OKVisaTest2", "4012888888881881", true},
		{"OKMastercardTest", "5555555555554444", true},
		{"OKAmexTest15Digits", "378282246310005", true},
		{"OKWikipediaExample", "79927398713", true},
		{"OKAllZeros", "0000000000000000", true},
		{"ErrLastDigit", "4111111111111112", false},
		{"ErrTransposed", "4111111111111141", false},
		{"ErrWikipediaExample", "79927398710", false},
		{"ErrOneDigit", "0", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := luhnValid([]byte(tt.digits)); got != tt.valid {
				t.Errorf("luhnValid(%s) = %v, want %v", tt.digits, got, tt.valid)
			}
		})
	}
}

func TestValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		number string
		field  prakerja.Code // "" = valid
	}{
		{"OK", "4111111111111111", ""},
		{"ErrShort", "411111111111111", prakerja.CodeBadFormat},
		{"ErrLong", "41111111111111110", prakerja.CodeBadFormat},
		{"ErrLetter", "411111111111111a", prakerja.CodeBadFormat},
		{"ErrSpaces", "4111 1111 1111 11", prakerja.CodeBadFormat},
		{"ErrArabicIndicDigit", "411111111111111١", prakerja.CodeBadFormat},
		{"ErrCheckDigit", "4111111111111112", prakerja.CodeBadValue},
		{"ErrEmpty", "", prakerja.CodeBadFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Valid(tt.number)
			checkFieldCode(t, err, "card_number", tt.field)
		})
	}
}

// checkFieldCode checks that err is nil when want is "", else a CodeInvalid
// error with one field error on field with code want.
func checkFieldCode(t *testing.T, err error, field string, want prakerja.Code) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("err = %v, want nil", err)
		}
		return
	}
	if got := prakerja.ErrorCode(err); got != prakerja.CodeInvalid {
		t.Fatalf("code = %q (%v), want %q", got, err, prakerja.CodeInvalid)
	}
	fields := prakerja.ErrorFields(err)
	if len(fields) != 1 || fields[0].Field != field || fields[0].Code != want {
		t.Fatalf("fields = %+v, want one on %q with code %q", fields, field, want)
	}
}

func TestNewIssuer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		prefix string
		key    []byte
		field  string
		code   prakerja.Code
	}{
		{"OK", "517690", testKey, "", ""},
		{"ErrPrefixShort", "51769", testKey, "prefix", prakerja.CodeBadFormat},
		{"ErrPrefixLeadingZero", "017690", testKey, "prefix", prakerja.CodeBadFormat},
		{"ErrPrefixLetter", "5176a0", testKey, "prefix", prakerja.CodeBadFormat},
		{"ErrKeyShort", "517690", testKey[:KeyLenMin-1], "key", prakerja.CodeBadValue},
		{"ErrKeyLong", "517690", make([]byte, KeyLenMax+1), "key", prakerja.CodeBadValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewIssuer(tt.prefix, tt.key)
			checkFieldCode(t, err, tt.field, tt.code)
		})
	}
}

func TestNumber(t *testing.T) {
	t.Parallel()
	iss := MustIssuer(t)
	for _, seq := range []uint64{0, 1, 2, 12345, 168_110, SeqMax} {
		n, err := iss.Number(seq)
		if err != nil {
			t.Fatalf("Number(%d): %v", seq, err)
		}
		if err := Valid(n); err != nil {
			t.Errorf("Number(%d) = %s: %v", seq, n, err)
		}
		if !strings.HasPrefix(n, "517690") {
			t.Errorf("Number(%d) = %s, want prefix 517690", seq, n)
		}
		got, err := iss.Seq(n)
		if err != nil || got != seq {
			t.Errorf("Seq(Number(%d) = %s) = %d, %v; want %d", seq, n, got, err, seq)
		}
	}
	if _, err := iss.Number(SeqMax + 1); prakerja.ErrorCode(err) != prakerja.CodeInvalid {
		t.Errorf("Number(SeqMax+1) err = %v, want code invalid", err)
	}
}

func TestNumberDependsOnKey(t *testing.T) {
	t.Parallel()
	a := MustIssuer(t)
	b, err := NewIssuer("517690", bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	same := 0
	for seq := range uint64(1000) {
		na, _ := a.Number(seq)
		nb, _ := b.Number(seq)
		if na == nb {
			same++
		}
	}
	if same > 1 {
		t.Errorf("%d of 1000 numbers are equal under two keys, want about 0", same)
	}
}

func TestSeqErrors(t *testing.T) {
	t.Parallel()
	iss := MustIssuer(t)
	other, err := NewIssuer("517691", testKey)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := other.Number(5)
	_, err = iss.Seq(n)
	checkFieldCode(t, err, "card_number", prakerja.CodeBadValue)
	_, err = iss.Seq("5176900000000001")
	checkFieldCode(t, err, "card_number", prakerja.CodeBadValue)
}

// TestPermutationUnique draws 2 million account parts and checks that none
// repeats and that each inverts to its sequence number; sorting 8 MB of
// uint32 keeps it well under a second.
func TestPermutationUnique(t *testing.T) {
	t.Parallel()
	const n = 2_000_000
	iss := MustIssuer(t)
	got := make([]uint32, n)
	for seq := range uint32(n) {
		a := iss.perm.permute(seq)
		if a >= AccountSpace {
			t.Fatalf("permute(%d) = %d, out of range", seq, a)
		}
		if back := iss.perm.unpermute(a); back != seq {
			t.Fatalf("unpermute(permute(%d)) = %d", seq, back)
		}
		got[seq] = a
	}
	slices.Sort(got)
	for i := 1; i < n; i++ {
		if got[i] == got[i-1] {
			t.Fatalf("account part %09d issued twice", got[i])
		}
	}
}

// TestPermutationNotSequential checks that consecutive sequence numbers do
// not give close account parts, the property that stops guessing a
// neighbour's card.
func TestPermutationNotSequential(t *testing.T) {
	t.Parallel()
	iss := MustIssuer(t)
	close := 0
	for seq := range uint32(10_000) {
		a, b := int64(iss.perm.permute(seq)), int64(iss.perm.permute(seq+1))
		if d := a - b; d > -1000 && d < 1000 {
			close++
		}
	}
	if close > 5 { // expected 10,000 × 2,000 / 10^9 = 0.02
		t.Errorf("%d of 10,000 neighbours are within 1,000 of each other", close)
	}
}

func FuzzValid(f *testing.F) {
	for _, s := range []string{"4111111111111111", "", "5176900000000001", "abcdefghijklmnop"} {
		f.Add(s)
	}
	iss := MustIssuer(f)
	f.Fuzz(func(t *testing.T, s string) {
		err := Valid(s)
		ok := len(s) == NumberLen && allDigits(s) && luhnValid([]byte(s))
		if (err == nil) != ok {
			t.Fatalf("Valid(%q) = %v, want ok=%v", s, err, ok)
		}
		if err != nil {
			if prakerja.ErrorCode(err) != prakerja.CodeInvalid {
				t.Fatalf("Valid(%q) code = %q", s, prakerja.ErrorCode(err))
			}
			return
		}
		if s[:PrefixLen] != iss.Prefix() {
			return
		}
		seq, err := iss.Seq(s)
		if err != nil {
			t.Fatalf("Seq(%q): %v", s, err)
		}
		if n, _ := iss.Number(seq); n != s {
			t.Fatalf("Number(Seq(%q)) = %q", s, n)
		}
	})
}

func BenchmarkNumber(b *testing.B) {
	iss := MustIssuer(b)
	b.ReportAllocs()
	var seq uint64
	for b.Loop() {
		if _, err := iss.Number(seq); err != nil {
			b.Fatal(err)
		}
		seq++
	}
}

func BenchmarkNewIssuer(b *testing.B) {
	for b.Loop() {
		if _, err := NewIssuer("517690", testKey); err != nil {
			b.Fatal(err)
		}
	}
}
