package iso20022_test

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja/iso20022"
)

// TestRoundTrip writes each message and reads it back unchanged.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	in := sampleInitiation(7, false)
	wallets := sampleInitiation(4, true)
	wallets.Payments[0].CreditorName = "=HYPERLINK(\"x\")"
	wallets.Payments[1].CreditorName = "'Ali"
	wallets.Payments[2].Remittance = ""
	t.Run("Pain001", func(t *testing.T) {
		t.Parallel()
		got, err := iso20022.ReadPain001(bytes.NewReader(mustWrite(t, iso20022.WritePain001, in)))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(in, got); d != "" {
			t.Fatalf("round trip (-want +got):\n%s", d)
		}
	})
	t.Run("Pain002", func(t *testing.T) {
		t.Parallel()
		want := sampleReport(in)
		got, err := iso20022.ReadPain002(bytes.NewReader(mustWrite(t, iso20022.WritePain002, want)))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("round trip (-want +got):\n%s", d)
		}
	})
	t.Run("Camt054", func(t *testing.T) {
		t.Parallel()
		want := sampleNotification(in)
		got, err := iso20022.ReadCamt054(bytes.NewReader(mustWrite(t, iso20022.WriteCamt054, want)))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("round trip (-want +got):\n%s", d)
		}
	})
	t.Run("EwalletCSV", func(t *testing.T) {
		t.Parallel()
		doc := mustWrite(t, iso20022.WriteEwalletCSV, wallets)
		if !strings.Contains(string(doc), "'=HYPERLINK") || !strings.Contains(string(doc), "''Ali") {
			t.Fatalf("formula cells not neutralised:\n%s", doc)
		}
		got, err := iso20022.ReadEwalletCSV(bytes.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		want := &iso20022.Initiation{Payments: append([]iso20022.Payment(nil), wallets.Payments...)}
		for i := range want.Payments {
			want.Payments[i].EndToEndID = want.Payments[i].InstrID // the CSV's one reference
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("round trip (-want +got):\n%s", d)
		}
	})
}

// TestReadPain001RefusesBadTotals: the XSD cannot tie NbOfTxs and
// CtrlSum to the items; the reader must.
func TestReadPain001RefusesBadTotals(t *testing.T) {
	t.Parallel()
	doc := string(mustWrite(t, iso20022.WritePain001, sampleInitiation(3, false)))
	tests := []struct{ name, old, new, want string }{
		{"ErrGroupNbOfTxs", "</CreDtTm>\n      <NbOfTxs>3<", "</CreDtTm>\n      <NbOfTxs>4<", "GrpHdr/NbOfTxs"},
		{"ErrGroupCtrlSum", "<CtrlSum>1800000</CtrlSum>\n      <InitgPty>", "<CtrlSum>1800001</CtrlSum>\n      <InitgPty>", "GrpHdr/CtrlSum"},
		{"ErrPmtInfNbOfTxs", "</BtchBookg>\n      <NbOfTxs>3<", "</BtchBookg>\n      <NbOfTxs>2<", "PmtInf/NbOfTxs"},
		{"ErrPmtInfCtrlSum", "<CtrlSum>1800000</CtrlSum>\n      <ReqdExctnDt>", "<CtrlSum>1200000</CtrlSum>\n      <ReqdExctnDt>", "PmtInf/CtrlSum"},
		{"ErrCurrency", `Ccy="IDR"`, `Ccy="USD"`, "must be IDR"},
		{"ErrFraction", ">600000</InstdAmt>", ">600000.50</InstdAmt>", "whole rupiah"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bad := strings.Replace(doc, tc.old, tc.new, 1)
			if bad == doc {
				t.Fatalf("fixture: %q not found", tc.old)
			}
			_, err := iso20022.ReadPain001(strings.NewReader(bad))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error about %s", err, tc.want)
			}
		})
	}
}

// TestAmountParsing: whole rupiah in any decimal spelling the XSD allows
// is accepted; fractions, signs, exponents and huge numbers are not.
func TestAmountParsing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64 // 0 = refused
	}{
		{"600000", 600000}, {"600000.00", 600000}, {"600000.0", 600000}, {"600000.00000", 600000},
		{"0600000", 600000}, {" 600000 ", 600000}, {"999999999999", 999999999999},
		{"600000.50", 0}, {"600000.000000", 0}, {"-600000", 0}, {"+600000", 0}, {"6E5", 0}, {"6e5", 0},
		{"1234567890123456789", 0}, {"", 0}, {".0", 0}, {"600000.", 0}, {"600 000", 0}, {"600,000", 0},
		{"0x10", 0}, {"1000000000000", 0}, {"0", 0},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			in := sampleInitiation(1, false)
			sum := "600000"
			if tc.want != 0 {
				sum = strconv.FormatInt(tc.want, 10)
			}
			doc := strings.Replace(string(mustWrite(t, iso20022.WritePain001, in)), `Ccy="IDR">600000<`, `Ccy="IDR">`+tc.in+"<", 1)
			doc = strings.ReplaceAll(doc, "<CtrlSum>600000</CtrlSum>", "<CtrlSum>"+sum+"</CtrlSum>")
			got, err := iso20022.ReadPain001(strings.NewReader(doc))
			switch {
			case tc.want == 0 && err == nil:
				t.Fatalf("amount %q accepted as %d", tc.in, got.Payments[0].Amount)
			case tc.want != 0 && err != nil:
				t.Fatalf("amount %q refused: %v", tc.in, err)
			case tc.want != 0 && got.Payments[0].Amount != tc.want:
				t.Fatalf("amount %q read as %d, want %d", tc.in, got.Payments[0].Amount, tc.want)
			}
		})
	}
}

// TestWriterRefuses: invalid files are never written, and the error names
// the item and field but no personal data.
func TestWriterRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		modify func(in *iso20022.Initiation)
		want   string
	}{
		{"ErrDuplicateEndToEndId", func(in *iso20022.Initiation) { in.Payments[2].EndToEndID = in.Payments[0].EndToEndID }, "item 2 (InstrId PKJ000000000002I1-1): EndToEndId repeats item 0"},
		{"ErrDuplicateInstrId", func(in *iso20022.Initiation) { in.Payments[1].InstrID = in.Payments[0].InstrID }, "InstrId repeats item 0"},
		{"ErrZeroAmount", func(in *iso20022.Initiation) { in.Payments[1].Amount = 0 }, "item 1: InstrId PKJ000000000001I1-1: InstdAmt"},
		{"ErrTooLarge", func(in *iso20022.Initiation) { in.Payments[1].Amount = iso20022.MaxAmount + 1 }, "InstdAmt"},
		{"ErrLongName", func(in *iso20022.Initiation) { in.Payments[0].CreditorName = strings.Repeat("Siti ", 29) }, "Cdtr/Nm is longer than 140"},
		{"ErrControlChar", func(in *iso20022.Initiation) { in.Payments[0].CreditorName = "Siti\x00Rahayu" }, "control character"},
		{"ErrBadAccount", func(in *iso20022.Initiation) { in.Payments[0].CreditorAccount = "0812 3456 7890" }, "CdtrAcct"},
		{"ErrLongInstrId", func(in *iso20022.Initiation) { in.Payments[0].InstrID = strings.Repeat("A", 36) }, "item 0: InstrId must be"},
		{"ErrBIC", func(in *iso20022.Initiation) { in.Payments[0].CreditorAgentBIC = "BNI" }, "CdtrAgt/BICFI"},
		{"ErrScheme", func(in *iso20022.Initiation) { in.Payments[0].Scheme = "CASH" }, "scheme"},
		{"ErrNoPayments", func(in *iso20022.Initiation) { in.Payments = nil }, "1 to 10000 payments"},
		{"ErrTooMany", func(in *iso20022.Initiation) {
			in.Payments = sampleInitiation(iso20022.MaxPaymentsPerFile+1, false).Payments
		}, "1 to 10000 payments"},
		{"ErrNoCreated", func(in *iso20022.Initiation) { in.Created = time.Time{} }, "CreDtTm"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := sampleInitiation(4, false)
			tc.modify(in)
			var buf bytes.Buffer
			err := iso20022.WritePain001(&buf, in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Fatal("an invalid file was partly written")
			}
			for _, p := range in.Payments {
				if strings.Contains(err.Error(), p.CreditorAccount) || (p.CreditorName != "" && strings.Contains(err.Error(), p.CreditorName)) {
					t.Fatalf("error holds personal data: %v", err)
				}
			}
		})
	}
}

// TestReadersRefuseOversize: every reader stops at MaxFileBytes.
func TestReadersRefuseOversize(t *testing.T) {
	t.Parallel()
	big := func() io.Reader { return io.MultiReader(strings.NewReader("<Document>"), spaces{}) }
	for name, read := range map[string]func() error{
		"Pain001":    func() error { _, err := iso20022.ReadPain001(big()); return err },
		"Pain002":    func() error { _, err := iso20022.ReadPain002(big()); return err },
		"Camt054":    func() error { _, err := iso20022.ReadCamt054(big()); return err },
		"EwalletCSV": func() error { _, err := iso20022.ReadEwalletCSV(big()); return err },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if err := read(); !errors.Is(err, iso20022.ErrTooLarge) {
				t.Fatalf("got %v, want ErrTooLarge", err)
			}
		})
	}
}

// spaces is an endless stream of blanks.
type spaces struct{}

var blanks = bytes.Repeat([]byte(" "), 64<<10)

func (spaces) Read(p []byte) (int, error) { return copy(p, blanks), nil }
