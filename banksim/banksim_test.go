package banksim_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/iso20022"
)

var (
	wib = iso20022.WIB()
	now = time.Date(2026, 11, 28, 9, 30, 0, 0, wib)
)

// payments returns a pain.001 of n payments alternating BNI accounts and
// OVO wallets; account i is "ACC<i>" or "+62812<i>".
func payments(n int) *iso20022.Initiation {
	in := &iso20022.Initiation{MsgID: "PKJ-RUN-1-FILE-1", Created: now.Add(-time.Hour), InitiatingParty: "PMO Prakerja",
		PmtInfID: "PKJ-RUN-1-PI", ExecutionDate: time.Date(2026, 11, 28, 0, 0, 0, 0, wib), DebtorName: "PMO Prakerja",
		DebtorAccount: "0099887766", DebtorAgentBIC: "BNINIDJA"}
	for i := range n {
		p := iso20022.Payment{InstrID: fmt.Sprintf("PKJ%012dI1-1", i), EndToEndID: fmt.Sprintf("PKJ%012dI1", i),
			Amount: 600_000, CreditorName: fmt.Sprintf("Budi Santoso %d", i), Remittance: "Insentif 1/4"}
		if i%2 == 0 {
			p.CreditorAccount, p.CreditorAgentBIC, p.Provider, p.Scheme = fmt.Sprintf("ACC%d", i), "BNINIDJA", "BNI", iso20022.SchemeBank
		} else {
			p.CreditorAccount, p.Provider, p.Scheme = fmt.Sprintf("+62812%d", i), "OVO", iso20022.SchemeEwallet
		}
		in.Payments = append(in.Payments, p)
	}
	return in
}

// render writes both answers to bytes.
func render(t *testing.T, in *iso20022.Initiation, cfg banksim.Config) ([]byte, []byte) {
	t.Helper()
	rep, ntf := banksim.Answer(in, cfg, now)
	var a, b bytes.Buffer
	if err := iso20022.WritePain002(&a, rep); err != nil {
		t.Fatal(err)
	}
	if err := iso20022.WriteCamt054(&b, ntf); err != nil {
		t.Fatal(err)
	}
	return a.Bytes(), b.Bytes()
}

// TestAnswer: byte-identical reruns, approximate rates, silent items
// missing from the report, and one DBIT per accepted item.
func TestAnswer(t *testing.T) {
	t.Parallel()
	in := payments(2000)
	cfg := banksim.Config{RejectRate: 0.1, SilenceRate: 0.05, Seed: 7, Account: "PKJ-OPS-1"}
	p1, c1 := render(t, in, cfg)
	p2, c2 := render(t, in, cfg)
	if !bytes.Equal(p1, p2) || !bytes.Equal(c1, c2) {
		t.Fatal("the same input gave different answers")
	}
	rep, ntf := banksim.Answer(in, cfg, now)
	counts := map[string]int{}
	for _, it := range rep.Items {
		counts[it.Status+it.Reason]++
	}
	silent := len(in.Payments) - len(rep.Items)
	rejected := len(rep.Items) - counts["ACSC"]
	if silent < 50 || silent > 150 || rejected < 130 || rejected > 260 {
		t.Fatalf("silent %d, rejected %d of 2000; want about 100 and 190", silent, rejected)
	}
	for _, r := range banksim.DefaultReasons {
		if counts["RJCT"+r] == 0 {
			t.Fatalf("reason %s never drawn: %v", r, counts)
		}
	}
	if len(ntf.Entries) != counts["ACSC"] || rep.GroupStatus != "PART" || ntf.Account != "PKJ-OPS-1" {
		t.Fatalf("%d entries for %d accepted, group %s, account %s", len(ntf.Entries), counts["ACSC"], rep.GroupStatus, ntf.Account)
	}
	other, _ := banksim.Answer(in, banksim.Config{RejectRate: 0.1, SilenceRate: 0.05, Seed: 8}, now)
	if len(other.Items) == len(rep.Items) && fmt.Sprint(other.Items) == fmt.Sprint(rep.Items) {
		t.Fatal("another seed gave the same answers")
	}
	all, _ := banksim.Answer(in, banksim.Config{}, now)
	if all.GroupStatus != "ACSC" || len(all.Items) != len(in.Payments) {
		t.Fatalf("with no rates: group %s, %d items", all.GroupStatus, len(all.Items))
	}
}

// TestAnswerDirectory: unknown accounts are rejected AC01, closed ones
// AC04, known open ones accepted; names are not compared.
func TestAnswerDirectory(t *testing.T) {
	t.Parallel()
	in := payments(3)
	dir := banksim.NewDirectory()
	for _, a := range []banksim.DirectoryAccount{
		{Provider: "BNI", Account: "ACC0", HolderName: "Someone Else"},
		{Provider: "OVO", Account: "+628121", Closed: true},
	} {
		if err := dir.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	rep, ntf := banksim.Answer(in, banksim.Config{Directory: dir}, now)
	got := fmt.Sprintf("%s%s %s%s %s%s", rep.Items[0].Status, rep.Items[0].Reason, rep.Items[1].Status, rep.Items[1].Reason,
		rep.Items[2].Status, rep.Items[2].Reason)
	if got != "ACSC RJCTAC04 RJCTAC01" || len(ntf.Entries) != 1 {
		t.Fatalf("got %s with %d entries", got, len(ntf.Entries))
	}
}

// TestDirectory: Save then LoadDirectory gives the same accounts, and
// Inquire compares the NIK by hash.
func TestDirectory(t *testing.T) {
	t.Parallel()
	const nik = "3171234567890001"
	dir := banksim.NewDirectory()
	want := banksim.DirectoryAccount{Provider: "DANA", Account: "+62811000", NIKSHA256: banksim.DirectoryNIKHash(nik),
		HolderName: "=Rina, \"Putri\"", KYC: true}
	if err := dir.Add(want); err != nil {
		t.Fatal(err)
	}
	if err := dir.Add(banksim.DirectoryAccount{Provider: "bni", Account: "1"}); err == nil {
		t.Fatal("a lower-case provider was accepted")
	}
	path := filepath.Join(t.TempDir(), "directory.csv")
	if err := dir.Save(path); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	if bytes.Contains(raw, []byte(nik)) {
		t.Fatal("the directory file holds a NIK")
	}
	loaded, err := banksim.LoadDirectory(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := loaded.Lookup("DANA", "+62811000"); !ok || got != want {
		t.Fatalf("loaded %+v, %v; want %+v", got, ok, want)
	}
	ctx := context.Background()
	tests := []struct {
		name string
		q    prakerja.AccountInquiry
		want prakerja.AccountHolder
	}{
		{"OK", prakerja.AccountInquiry{Provider: "DANA", Account: "+62811000", NIK: nik},
			prakerja.AccountHolder{Found: true, KYC: true, NIKMatches: true, HolderName: want.HolderName}},
		{"OtherNIK", prakerja.AccountInquiry{Provider: "DANA", Account: "+62811000", NIK: "3171234567890002"},
			prakerja.AccountHolder{Found: true, KYC: true, HolderName: want.HolderName}},
		{"NotFound", prakerja.AccountInquiry{Provider: "OVO", Account: "+62811000", NIK: nik}, prakerja.AccountHolder{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := loaded.Inquire(ctx, tc.q)
			if err != nil || *got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
	if _, err := loaded.Inquire(ctx, prakerja.AccountInquiry{Provider: "DANA"}); prakerja.ErrorCode(err) != prakerja.CodeInvalid {
		t.Fatalf("empty account: got %v, want invalid", err)
	}
}
