package card

import (
	"testing"

	"github.com/prakerja/prakerja"
)

func TestVA(t *testing.T) {
	t.Parallel()
	iss := MustIssuer(t)
	number, err := iss.Number(42)
	if err != nil {
		t.Fatal(err)
	}
	account := number[PrefixLen : NumberLen-1]
	tests := []struct {
		name  string
		code  string
		card  string
		want  string
		field string
		fcode prakerja.Code
	}{
		{"OKFiveDigitCode", "88908", number, "88908" + "00" + account, "", ""},
		{"OKThreeDigitCode", "988", number, "988" + "0000" + account, "", ""},
		{"OKSevenDigitCode", "9881234", number, "9881234" + account, "", ""},
		{"ErrCodeShort", "98", number, "", "company_code", prakerja.CodeBadFormat},
		{"ErrCodeLong", "98812345", number, "", "company_code", prakerja.CodeBadFormat},
		{"ErrCodeLetter", "88a08", number, "", "company_code", prakerja.CodeBadFormat},
		{"ErrCardTypo", "88908", number[:15] + string('0'+(number[15]-'0'+1)%10), "", "card_number", prakerja.CodeBadValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := VA(tt.code, tt.card)
			checkFieldCode(t, err, tt.field, tt.fcode)
			if got != tt.want {
				t.Errorf("VA = %q, want %q", got, tt.want)
			}
			if err == nil && len(got) != VALen {
				t.Errorf("len(VA) = %d, want %d", len(got), VALen)
			}
		})
	}
}

func TestVAUnique(t *testing.T) {
	t.Parallel()
	iss := MustIssuer(t)
	seen := make(map[string]uint64, 100_000)
	for seq := range uint64(100_000) {
		n, _ := iss.Number(seq)
		va, err := VA("88908", n)
		if err != nil {
			t.Fatal(err)
		}
		if prev, ok := seen[va]; ok {
			t.Fatalf("VA %s for seq %d and %d", va, prev, seq)
		}
		seen[va] = seq
	}
}
