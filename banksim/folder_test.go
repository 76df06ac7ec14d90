package banksim_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/iso20022"
)

// TestProcessFolder answers a pain.001, a CSV and a broken file once;
// a second pass finds nothing to do and leaves the answers unchanged.
func TestProcessFolder(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), t.TempDir()
	write := func(name string, w func(*bytes.Buffer) error) {
		var b bytes.Buffer
		if err := w(&b); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, name), b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	file := payments(20)
	write("run-1.xml", func(b *bytes.Buffer) error { return iso20022.WritePain001(b, file) })
	wallets := &iso20022.Initiation{Payments: []iso20022.Payment{file.Payments[1], file.Payments[3]}}
	write("run-1-ovo.csv", func(b *bytes.Buffer) error { return iso20022.WriteEwalletCSV(b, wallets) })
	write("broken.xml", func(b *bytes.Buffer) error { _, err := b.WriteString("<Document>"); return err })
	write(".partial.xml", func(b *bytes.Buffer) error { _, err := b.WriteString("<"); return err })
	write("notes.txt", func(b *bytes.Buffer) error { _, err := b.WriteString("x"); return err })

	cfg := banksim.Config{RejectRate: 0.2, Seed: 3}
	n, err := banksim.ProcessFolder(in, out, cfg, now)
	if err != nil || n != 3 {
		t.Fatalf("processed %d, %v; want 3", n, err)
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	rep, err := iso20022.ReadPain002(bytes.NewReader(read("run-1.pain002.xml")))
	if err != nil || rep.OrgnlMsgID != file.MsgID || rep.OrgnlNbOfTxs != 20 {
		t.Fatalf("pain.002: %+v, %v", rep, err)
	}
	ntf, err := iso20022.ReadCamt054(bytes.NewReader(read("run-1.camt054.xml")))
	accepted := 0
	for _, it := range rep.Items {
		if it.Status == iso20022.StatusAccepted {
			accepted++
		}
	}
	if err != nil || len(ntf.Entries) != accepted || accepted == 20 || accepted == 0 {
		t.Fatalf("camt.054: %d entries for %d accepted, %v", len(ntf.Entries), accepted, err)
	}
	if _, err := iso20022.ReadCamt054(bytes.NewReader(read("run-1-ovo.camt054.xml"))); err != nil {
		t.Fatal(err)
	}
	ovo, err := iso20022.ReadPain002(bytes.NewReader(read("run-1-ovo.pain002.xml")))
	if err != nil || ovo.OrgnlMsgID != "run-1-ovo" || ovo.OrgnlMsgNmID != banksim.MsgNameEwalletCSV {
		t.Fatalf("CSV answer: %+v, %v; want it named after the file", ovo, err)
	}
	bad, err := iso20022.ReadPain002(bytes.NewReader(read("broken.pain002.xml")))
	if err != nil || bad.GroupStatus != "RJCT" || bad.GroupReason != "FF01" || len(bad.Items) != 0 || bad.OrgnlMsgID != "broken" {
		t.Fatalf("broken file: %+v, %v", bad, err)
	}
	if _, err := os.Stat(filepath.Join(out, "broken.camt054.xml")); err == nil {
		t.Fatal("a broken file got a camt.054")
	}
	before := read("run-1.pain002.xml")
	if n, err := banksim.ProcessFolder(in, out, cfg, now.Add(1e9)); err != nil || n != 0 {
		t.Fatalf("second pass processed %d, %v", n, err)
	}
	if !bytes.Equal(before, read("run-1.pain002.xml")) {
		t.Fatal("an answered file was answered again")
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 5 {
		t.Fatalf("%d files in out, want 5 (no temporary files left)", len(entries))
	}
}
