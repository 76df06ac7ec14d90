package iso20022_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/prakerja/prakerja/iso20022"
)

// personal reports whether a value is long enough to identify someone
// and unlike the words of an error message: a phone or account number (5
// digits or more), or a long name.
func personal(v string) bool {
	digits := 0
	for _, c := range v {
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	return len(v) >= 8 && digits >= 5 || len(v) >= 16
}

// FuzzEwalletCSVPrivacy puts any holder name, account (an e-wallet's
// phone number) and amount in an otherwise good partner CSV row: when the
// reader refuses the file, its error names the row and the field but
// never quotes the name or the account.
func FuzzEwalletCSVPrivacy(f *testing.F) {
	for _, s := range [][3]string{
		{"Budi Santoso", "+6281234567890", "600000.00"}, {"Budi\x00Santoso", "081234567890", "600000"},
		{strings.Repeat("Ani ", 40), "0812-3456-7890", "1"}, {"=Ani", "'+6281234567890", "0"}, {"", "", "-1"},
		{"Siti \xff", "+62 812 3456 7890", "1.50"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, name, account, amount string) {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		_ = w.Write([]string{"reference", "amount", "channel_code", "account_name", "account_number", "description"})
		_ = w.Write([]string{"PKJ-1", amount, "DANA", name, account, "Insentif"})
		w.Flush()
		_, err := iso20022.ReadEwalletCSV(&b)
		if err == nil {
			return
		}
		msg := err.Error()
		for _, v := range []string{strings.TrimPrefix(name, "'"), strings.TrimPrefix(account, "'")} {
			if personal(v) && strings.Contains(msg, v) {
				t.Fatalf("error quotes %q: %s", v, msg)
			}
		}
	})
}
