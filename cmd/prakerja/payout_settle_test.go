package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/iso20022"
)

// TestPayoutSettleOnce books one statement that lists a payment twice
// (under another message id), then every answer of the run, the same
// statement among them: every payment is settled once, by one settlement
// per statement batch and clearing account rather than one per payment;
// the repeated line and the second statement only repeat, and the ledger
// check and the reconciliation stay clean.
func TestPayoutSettleOnce(t *testing.T) {
	t.Parallel()
	const n = 60
	dir := payoutDir(t, n)
	runDir := preparedApproved(t, dir, n)
	answers := filepath.Join(t.TempDir(), "answers")
	if err := os.MkdirAll(answers, 0o750); err != nil {
		t.Fatal(err)
	}
	if _, err := banksim.ProcessFolder(runDir, answers, banksim.Config{Seed: 5}, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	statements, _ := filepath.Glob(filepath.Join(answers, "*"+banksim.SuffixCamt054))
	if len(statements) < 2 {
		t.Fatalf("%d camt.054 answers", len(statements))
	}
	twice := filepath.Join(t.TempDir(), "twice"+banksim.SuffixCamt054)
	first := len(twiceListed(t, statements[0], twice).Entries) - 1
	total := ingestTotals(t, dir, twice)
	if total.Settled != int64(first) || total.Repeated != 1 || total.Conflicts+total.Unknown+total.Mismatched != 0 {
		t.Fatalf("statement listing a payment twice: %+v", total)
	}
	total = ingestTotals(t, dir, answers)
	if total.Settled != n-int64(first) || total.Repeated < int64(first) || total.Conflicts+total.Unknown+total.Mismatched != 0 {
		t.Fatalf("the run's answers: %+v", total)
	}
	if got := settlementCount(t, dir); got != int64(len(statements)) {
		t.Fatalf("%d settlement transfers for %d statements of one batch each", got, len(statements))
	}
	payoutCmd(t, dir, 0, "ledger", "check")
	var rep struct{ Clean bool }
	if out := payoutCmd(t, dir, 0, "reconcile", "--json"); json.Unmarshal([]byte(lastLine(out)), &rep) != nil || !rep.Clean {
		t.Fatalf("reconcile:\n%s", out)
	}
	// A payment whose booking is forgotten leaves its partner's settlements
	// above what its statements booked: the ledger check names it.
	tamper(t, dir, []string{"UPDATE payments SET settled_at = NULL WHERE id = (SELECT min(id) FROM payments)"})
	if out := payoutCmd(t, dir, 1, "ledger", "check"); !strings.Contains(out, "BREACH settlement: clearing") {
		t.Fatalf("ledger check after forgetting a booking:\n%s", out)
	}
}

// twiceListed writes to out the statement at path under another message
// id with its first entry listed twice, and returns it.
func twiceListed(t *testing.T, path, out string) *iso20022.Notification {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ntf, err := iso20022.ReadCamt054(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	ntf.MsgID, ntf.Entries = "TWICE-1", append(ntf.Entries, ntf.Entries[0])
	var buf bytes.Buffer
	if err := iso20022.WriteCamt054(&buf, ntf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o640); err != nil {
		t.Fatal(err)
	}
	return ntf
}

type ingestTotal struct {
	Posted, Voided, Settled, Repeated, Conflicts, Unknown, Mismatched int64
}

func ingestTotals(t *testing.T, dir, path string) ingestTotal {
	t.Helper()
	var ing struct{ Total ingestTotal }
	out := payoutCmd(t, dir, 0, "payout", "ingest", path, "--json")
	if err := json.Unmarshal([]byte(lastLine(out)), &ing); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	return ing.Total
}

// settlementCount is how many settlement transfers the ledger holds.
func settlementCount(t *testing.T, dir string) int64 {
	t.Helper()
	store, err := (&storeFlags{Data: dir}).Open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var n int64
	if err := store.Reader().QueryRowContext(context.Background(), `SELECT count(*) FROM ledger_transfers WHERE code = 12`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
