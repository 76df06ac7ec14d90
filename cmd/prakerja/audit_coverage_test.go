package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// TestLedgerCreditAudited: crediting a wave from the command line appends
// one audit record naming the command, with counts and no personal data,
// and the chain verifies.
func TestLedgerCreditAudited(t *testing.T) {
	t.Parallel()
	sch, _ := scheme.Builtin("2020")
	dir := creditedDir(t, 2, sch)
	db, err := sql.Open("sqlite", filepath.Join(dir, "prakerja.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	var actor, detail string
	err = db.QueryRow(`SELECT count(*), min(actor), min(detail) FROM audit_log WHERE action = ?`,
		prakerja.AuditWaveCredited).Scan(&n, &actor, &detail)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || actor != "prakerja ledger" || !strings.Contains(detail, `"participants":2`) {
		t.Fatalf("%d credit records, actor %q, detail %s", n, actor, detail)
	}
	if code, out, errOut := runCmd(t, context.Background(), nil, "audit", "verify", "--data", dir); code != 0 ||
		!strings.Contains(out, "intact") {
		t.Fatalf("audit verify exit %d: %s %s", code, out, errOut)
	}
}

// TestSelectionAudited runs a wave's selection from the command line: the
// commitment, the publication and the recorded draw each append one
// record naming the command, a re-run appends only its publication, and
// the chain verifies.
func TestSelectionAudited(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	waveID := strconv.FormatInt(seedSelectionWave(t, dir), 10)
	seedFile, out := filepath.Join(t.TempDir(), "seed.txt"), filepath.Join(t.TempDir(), "wave")
	base := []string{"--data", dir, "--wave", waveID, "--seed-file", seedFile}
	run := func(args ...string) (int, string, string) {
		return runCmd(t, ctx, nil, append(append([]string{"selection"}, args...), base...)...)
	}
	if code, _, stderr := run("commit", "--now", selCloses.Add(-time.Hour).Format(time.RFC3339)); code != 0 {
		t.Fatalf("commit: %d %s", code, stderr)
	}
	res := runDraw(t, run, selCloses.Format(time.RFC3339), out, true)
	runDraw(t, run, selCloses.Add(time.Hour).Format(time.RFC3339), out, false)
	db, err := sql.Open("sqlite", filepath.Join(dir, "prakerja.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT actor, action, subject, detail FROM audit_log ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var actor, action, subject, detail string
		if err := rows.Scan(&actor, &action, &subject, &detail); err != nil {
			t.Fatal(err)
		}
		if action == prakerja.AuditSelectionRecorded && !strings.Contains(detail, res.ManifestSHA256) {
			t.Errorf("draw record %s lacks the manifest digest", detail)
		}
		got = append(got, actor+" "+action+" "+subject)
	}
	wave := "wave:" + waveID
	want := []string{"system wave.created " + wave, "prakerja selection selection.committed " + wave,
		"prakerja selection selection.published " + wave, "prakerja selection selection.recorded " + wave,
		"prakerja selection selection.published " + wave}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if code, out, errOut := runCmd(t, ctx, nil, "audit", "verify", "--data", dir); code != 0 {
		t.Fatalf("audit verify exit %d: %s %s", code, out, errOut)
	}
}
