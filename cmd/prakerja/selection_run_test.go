package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/card"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/sqlite"
	"github.com/prakerja/prakerja/storetest"
)

// Instants of the test wave, in WIB like an announcement.
var (
	selOpens  = time.Date(2025, time.April, 11, 9, 0, 0, 0, prakerja.WIB)
	selCloses = time.Date(2025, time.April, 16, 16, 0, 0, 0, prakerja.WIB)
)

// selectionJoiners are the test wave's joiners: six in DKI Jakarta (31),
// whose quota of 2 forces a draw, and two in Jawa Barat (32), outside
// every quota region, competing for the one national seat left.
var selectionJoiners = []string{"31.71.01", "31.71.02", "31.72.01", "31.73.01", "31.74.01", "31.75.01", "32.73.01", "32.01.01"}

// seedSelectionWave migrates a data folder and stores a wave with its
// joiners through the store, as the server would have.
func seedSelectionWave(t *testing.T, dir string) int64 {
	t.Helper()
	ctx := context.Background()
	if code, _, stderr := runCmd(t, ctx, nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate: %d %s", code, stderr)
	}
	s, err := sqlite.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w := &prakerja.Wave{Name: "Gelombang Uji", Scheme: "2020", OpensAt: selOpens, ClosesAt: selCloses,
		Quota: 3, RegionQuotas: map[string]int{"31": 2}}
	must(t, s.CreateWave(ctx, w, selOpens))
	joinAt := selOpens.Add(time.Hour)
	for _, district := range selectionJoiners {
		nr := storetest.NewRegistration(storetest.Unique())
		nr.Challenge, nr.Message = nil, nil
		nr.Record.Status, nr.Record.DomicileDistrict = prakerja.StatusEligible, district
		must(t, s.CreateRegistration(ctx, nr))
		must(t, s.RecordTestResult(ctx, &prakerja.TestResult{RegistrationID: nr.Record.ID, Score: 80, Passed: true, TakenAt: joinAt}))
		if _, _, err := s.JoinWave(ctx, w.ID, nr.Record.ID, joinAt); err != nil {
			t.Fatal(err)
		}
	}
	return w.ID
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestSelectionFlow commits before the close, refuses to run before it,
// runs after it, verifies the publication, re-runs as a no-op, and
// detects a flipped byte.
func TestSelectionFlow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	waveID := strconv.FormatInt(seedSelectionWave(t, dir), 10)
	seedFile, out := filepath.Join(t.TempDir(), "seed.txt"), filepath.Join(t.TempDir(), "wave")
	before, after := selCloses.Add(-time.Second).Format(time.RFC3339), selCloses.Format(time.RFC3339)
	base := []string{"--data", dir, "--wave", waveID, "--seed-file", seedFile}
	run := func(args ...string) (int, string, string) {
		return runCmd(t, ctx, nil, append(append([]string{"selection"}, args...), base...)...)
	}
	if code, _, stderr := run("commit", "--now", before); code != 0 {
		t.Fatalf("commit: %d %s", code, stderr)
	}
	if info, err := os.Stat(seedFile); err != nil || info.Mode().Perm() != seedFileMode {
		t.Fatalf("seed file %v %v", info, err)
	}
	if code, _, _ := run("commit", "--now", before); code == 0 {
		t.Fatal("second commit succeeded")
	}
	other := filepath.Join(t.TempDir(), "other-seed.txt")
	code, _, _ := runCmd(t, ctx, nil, "selection", "commit", "--data", dir, "--wave", waveID, "--seed-file", other, "--now", after)
	if _, err := os.Stat(other); code == 0 || !os.IsNotExist(err) {
		t.Fatalf("commit after the close: exit %d, seed file left: %v", code, err)
	}
	if code, _, _ := run("run", "--now", before, "--out", out); code == 0 {
		t.Fatal("run before the close succeeded")
	}
	res := runDraw(t, run, after, out, true)
	if res.Joined != len(selectionJoiners) || res.Selected != 3 {
		t.Fatalf("run result %+v", res)
	}
	if code, stdout, stderr := runCmd(t, ctx, nil, "selection", "verify", out); code != 0 {
		t.Fatalf("verify: %d %s %s", code, stdout, stderr)
	}
	again := runDraw(t, run, selCloses.Add(time.Hour).Format(time.RFC3339), out, false)
	if again.ManifestSHA256 != res.ManifestSHA256 {
		t.Fatalf("re-run published %s, first run %s", again.ManifestSHA256, res.ManifestSHA256)
	}
	checkRecorded(t, dir, res)
	flipByte(t, filepath.Join(out, "result.csv"))
	if code, _, _ := runCmd(t, ctx, nil, "selection", "verify", out); code != 1 {
		t.Fatalf("verify after a flipped byte exited %d, want 1", code)
	}
}

// runDraw runs `selection run --json` and decodes its last line.
func runDraw(t *testing.T, run func(...string) (int, string, string), now, out string, recorded bool) selectionRunResult {
	t.Helper()
	code, stdout, stderr := run("run", "--now", now, "--out", out, "--json")
	if code != 0 {
		t.Fatalf("run: %d %s %s", code, stdout, stderr)
	}
	var res selectionRunResult
	must(t, json.Unmarshal([]byte(lastLine(stdout)), &res))
	if res.Recorded != recorded {
		t.Fatalf("recorded = %v, want %v", res.Recorded, recorded)
	}
	return res
}

// checkRecorded reads the store: three winners with valid, distinct cards,
// one announcement per joiner.
func checkRecorded(t *testing.T, dir string, res selectionRunResult) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.OpenDir(ctx, dir)
	must(t, err)
	defer s.Close()
	cards := map[string]bool{}
	err = s.SelectionApplicants(ctx, res.Wave, func(a *prakerja.SelectionApplicant) error {
		if a.Outcome != prakerja.OutcomeSelected {
			return nil
		}
		p, err := s.Participant(ctx, a.RegistrationID)
		if err != nil {
			return err
		}
		if card.Valid(p.CardNumber) != nil || cards[p.CardNumber] || len(p.VANumber) != card.VALen {
			return fmt.Errorf("card %+v", p)
		}
		cards[p.CardNumber] = true
		return nil
	})
	must(t, err)
	if len(cards) != 3 {
		t.Fatalf("%d cards, want 3", len(cards))
	}
	sel, _ := s.Messages(ctx, prakerja.MessageFilter{Template: notify.TemplateSelectionSelected, Limit: 100})
	lost, _ := s.Messages(ctx, prakerja.MessageFilter{Template: notify.TemplateSelectionNotSelected, Limit: 100})
	if len(sel) != 3 || len(lost) != len(selectionJoiners)-3 {
		t.Fatalf("%d selected and %d not-selected messages", len(sel), len(lost))
	}
}

// flipByte changes the last digit of a published file's first data line.
func flipByte(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	i := len(b) - 2
	b[i] ^= 1
	must(t, os.WriteFile(path, b, 0o644))
}
