package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja/iso20022"
)

// bankSimFile is a pain.001 of n bank payments.
func bankSimFile(n int) *iso20022.Initiation {
	wib := iso20022.WIB()
	in := &iso20022.Initiation{MsgID: "PKJ-RUN-9-FILE-1", Created: time.Date(2026, 11, 27, 10, 0, 0, 0, wib),
		InitiatingParty: "PMO Prakerja", PmtInfID: "PKJ-RUN-9-BNI", ExecutionDate: time.Date(2026, 11, 27, 0, 0, 0, 0, wib),
		DebtorName: "PMO Prakerja", DebtorAccount: "0099887766", DebtorAgentBIC: "BNINIDJA"}
	for i := range n {
		in.Payments = append(in.Payments, iso20022.Payment{InstrID: fmt.Sprintf("PKJ%012dI1-1", i),
			EndToEndID: fmt.Sprintf("PKJ%012dI1", i), Amount: 600_000, CreditorName: fmt.Sprintf("Dewi Lestari %d", i),
			CreditorAccount: fmt.Sprintf("77%08d", i), CreditorAgentBIC: "BNINIDJA", Provider: "BNI", Scheme: iso20022.SchemeBank})
	}
	return in
}

// TestBankSimFolderOnce runs `bank-sim --once` on a generated pain.001:
// it answers with a pain.002 and a camt.054 that agree, ends with one JSON
// line, and a second run finds nothing to do.
func TestBankSimFolderOnce(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "answers")
	file := bankSimFile(200)
	var buf bytes.Buffer
	if err := iso20022.WritePain001(&buf, file); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "run-9.xml"), buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"bank-sim", "--in", in, "--out", out, "--once", "--json", "--reject-rate", "0.1",
		"--silence-rate", "0.05", "--reasons", "AC04,AM04", "--seed", "42", "--account", "PKJ-OPS-1"}
	code, stdout, stderr := runCmd(t, context.Background(), nil, args...)
	if code != 0 {
		t.Fatalf("bank-sim exit %d: %s %s", code, stdout, stderr)
	}
	var line bankSimLine
	if err := json.Unmarshal([]byte(lastLine(stdout)), &line); err != nil || line.Processed != 1 || line.Mode != "folder" {
		t.Fatalf("last line %q: %+v, %v", lastLine(stdout), line, err)
	}
	p2, err := os.Open(filepath.Join(out, "run-9.pain002.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer p2.Close()
	rep, err := iso20022.ReadPain002(p2)
	if err != nil {
		t.Fatal(err)
	}
	c54, err := os.Open(filepath.Join(out, "run-9.camt054.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer c54.Close()
	ntf, err := iso20022.ReadCamt054(c54)
	if err != nil {
		t.Fatal(err)
	}
	accepted, rejected := 0, 0
	for _, it := range rep.Items {
		switch {
		case it.Status == iso20022.StatusAccepted:
			accepted++
		case it.Reason == "AC04" || it.Reason == "AM04":
			rejected++
		default:
			t.Fatalf("unexpected status %s %s", it.Status, it.Reason)
		}
	}
	if rep.OrgnlMsgID != file.MsgID || rejected == 0 || len(rep.Items) == 200 || len(ntf.Entries) != accepted || ntf.Account != "PKJ-OPS-1" {
		t.Fatalf("%d answered (%d accepted, %d rejected), %d booked on %s", len(rep.Items), accepted, rejected, len(ntf.Entries), ntf.Account)
	}
	code, stdout, _ = runCmd(t, context.Background(), nil, args...)
	line = bankSimLine{}
	if err := json.Unmarshal([]byte(lastLine(stdout)), &line); code != 0 || err != nil || line.Processed != 0 {
		t.Fatalf("second run: exit %d, %q, %v; want nothing processed", code, stdout, err)
	}
}

// TestBankSimListen serves HTTP until cancelled.
func TestBankSimListen(t *testing.T) {
	t.Parallel()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		code, _, _ := runCmd(t, ctx, nil, "bank-sim", "--listen", addr, "--json")
		done <- code
	}()
	waitHealthy(t, "http://"+addr)
	var buf bytes.Buffer
	if err := iso20022.WritePain001(&buf, bankSimFile(3)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post("http://"+addr+"/pain001", "application/xml", &buf)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := iso20022.ReadPain002(resp.Body)
	resp.Body.Close()
	if err != nil || rep.OrgnlNbOfTxs != 3 {
		t.Fatalf("pain.002 %+v, %v", rep, err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("bank-sim exit %d", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("bank-sim did not stop")
	}
}

// TestBankSimRefusesBadFlags: bad values are usage errors (exit 2).
func TestBankSimRefusesBadFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
	}{
		{"ErrNoMode", nil},
		{"ErrBothModes", []string{"--in", dir, "--out", dir, "--listen", "127.0.0.1:0"}},
		{"ErrOnlyIn", []string{"--in", dir}},
		{"ErrRejectRate", []string{"--listen", "127.0.0.1:0", "--reject-rate", "1.5"}},
		{"ErrSilenceRate", []string{"--listen", "127.0.0.1:0", "--silence-rate", "-0.1"}},
		{"ErrReason", []string{"--listen", "127.0.0.1:0", "--reasons", "AC04,ac06"}},
		{"ErrReasonEmpty", []string{"--listen", "127.0.0.1:0", "--reasons", ""}},
		{"ErrAccount", []string{"--listen", "127.0.0.1:0", "--account", "has space"}},
		{"ErrInterval", []string{"--in", dir, "--out", dir, "--interval", "0s"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, _, stderr := runCmd(t, context.Background(), nil, append([]string{"bank-sim"}, tc.args...)...)
			if code != 2 || !strings.Contains(stderr, "bank-sim") {
				t.Fatalf("exit %d, stderr %q; want a usage error", code, stderr)
			}
		})
	}
}
