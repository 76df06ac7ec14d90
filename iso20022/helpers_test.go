package iso20022_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/prakerja/prakerja/iso20022"
)

var wib = iso20022.WIB()

// samplePayment returns payment i: even items to BNI bank accounts,
// odd items to OVO e-wallets (phone numbers, no BIC).
func samplePayment(i int) iso20022.Payment {
	p := iso20022.Payment{
		InstrID:    fmt.Sprintf("PKJ%012dI1-1", i),
		EndToEndID: fmt.Sprintf("PKJ%012dI1", i),
		Amount:     600_000, CreditorName: fmt.Sprintf("Siti Rahayu %d", i),
		Remittance: "Insentif Kartu Prakerja 1/4",
	}
	if i%2 == 0 {
		p.CreditorAccount, p.CreditorAgentBIC, p.Provider, p.Scheme = fmt.Sprintf("%010d", 1_000_000+i), "BNINIDJA", "BNI", iso20022.SchemeBank
	} else {
		p.CreditorAccount, p.Provider, p.Scheme = fmt.Sprintf("+62812%07d", i), "OVO", iso20022.SchemeEwallet
	}
	return p
}

// sampleInitiation returns a file of n payments; ewalletOnly keeps only
// e-wallet payments (odd indexes).
func sampleInitiation(n int, ewalletOnly bool) *iso20022.Initiation {
	in := &iso20022.Initiation{
		MsgID: "PKJ-RUN-7-FILE-1", Created: time.Date(2026, 11, 27, 10, 0, 0, 0, wib),
		InitiatingParty: "Manajemen Pelaksana Prakerja", PmtInfID: "PKJ-RUN-7-BNI",
		ExecutionDate: time.Date(2026, 11, 28, 0, 0, 0, 0, wib),
		DebtorName:    "PMO Kartu Prakerja", DebtorAccount: "0123456789", DebtorAgentBIC: "BNINIDJA",
	}
	for i := 0; len(in.Payments) < n; i++ {
		if ewalletOnly && i%2 == 0 {
			continue
		}
		in.Payments = append(in.Payments, samplePayment(i))
	}
	return in
}

// sampleReport answers in: every third item rejected AC04.
func sampleReport(in *iso20022.Initiation) *iso20022.StatusReport {
	s := &iso20022.StatusReport{MsgID: "BNI-PSR-1", Created: time.Date(2026, 11, 28, 9, 30, 0, 0, wib),
		OrgnlMsgID: in.MsgID, OrgnlMsgNmID: iso20022.MsgNamePain001, OrgnlNbOfTxs: len(in.Payments),
		OrgnlCtrlSum: in.Total(), GroupStatus: "PART", OrgnlPmtInfID: in.PmtInfID}
	for i, p := range in.Payments {
		it := iso20022.TxStatus{OrgnlInstrID: p.InstrID, OrgnlEndToEndID: p.EndToEndID, Status: "ACSC", Amount: p.Amount}
		if i%3 == 0 {
			it.Status, it.Reason, it.AdditionalInfo = "RJCT", "AC04", "account closed"
		}
		s.Items = append(s.Items, it)
	}
	return s
}

// sampleNotification books a DBIT for every payment of in.
func sampleNotification(in *iso20022.Initiation) *iso20022.Notification {
	n := &iso20022.Notification{MsgID: "BNI-NTF-1", Created: time.Date(2026, 11, 28, 9, 31, 0, 0, wib),
		NtfctnID: "BNI-NTF-1-1", Account: in.DebtorAccount}
	for i, p := range in.Payments {
		n.Entries = append(n.Entries, iso20022.Entry{Amount: p.Amount, CreditDebit: "DBIT", Status: "BOOK",
			BookingDate: time.Date(2026, 11, 28, 0, 0, 0, 0, wib), AcctSvcrRef: fmt.Sprintf("BNI%08d", i),
			InstrID: p.InstrID, EndToEndID: p.EndToEndID})
	}
	return n
}

// schemaDir finds ../shared/data/iso20022 next to the module root and
// xmllint; without them the test skips, or fails under CI=true.
func schemaDir(t *testing.T) string {
	t.Helper()
	missing := func(what string) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s missing; CI requires the schema check", what)
		}
		t.Skipf("%s missing; skipping the schema check", what)
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		missing("xmllint (apt package libxml2-utils)")
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("module root not found")
		}
		dir = parent
	}
	schemas := filepath.Join(dir, "..", "shared", "data", "iso20022")
	if _, err := os.Stat(filepath.Join(schemas, "pain.001.001.09.xsd")); err != nil {
		missing(schemas)
	}
	return schemas
}

// xmllint validates doc against xsd and fails the test with its output.
func xmllint(t *testing.T, xsd string, doc []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", xsd, path).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint %s: %v\n%s", filepath.Base(xsd), err, out)
	}
}

// mustWrite runs a writer into a buffer.
func mustWrite[T any](t testing.TB, write func(io.Writer, T) error, v T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
