package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prakerja/prakerja/selection"
)

// publishTestSelection publishes a small synthetic wave and returns its
// folder.
func publishTestSelection(t *testing.T) string {
	t.Helper()
	snap, q, err := selection.Synthetic(2000, 150, 1)
	if err != nil {
		t.Fatal(err)
	}
	seed := benchSelectSeed(1)
	dir := filepath.Join(t.TempDir(), "wave")
	if _, _, err := selection.Publish(dir, seed.Commit(), seed, snap, q); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSelectionVerify(t *testing.T) {
	t.Parallel()
	dir := publishTestSelection(t)
	code, out, errOut := runCmd(t, context.Background(), nil, "selection", "verify", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var res selectionVerifyResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	if !res.OK || res.Report == nil || res.Selected != 150 || res.Applicants != 2000 {
		t.Fatalf("selection verify: %s", lastLine(out))
	}
}

// TestSelectionVerifyTampered flips one byte of result.csv and wants exit
// 1 naming the file, in both output modes.
func TestSelectionVerifyTampered(t *testing.T) {
	t.Parallel()
	dir := publishTestSelection(t)
	path := filepath.Join(dir, selection.FileResult)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd(t, context.Background(), nil, "selection", "verify", "--json", dir)
	var res selectionVerifyResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil || code != 1 {
		t.Fatalf("exit %d, %v in %q", code, err, out)
	}
	if res.OK || res.Code != selection.CodeDigestMismatch || res.File != selection.FileResult {
		t.Fatalf("selection verify --json: %s", lastLine(out))
	}
	code, _, errOut := runCmd(t, context.Background(), nil, "selection", "verify", dir)
	if code != 1 || !strings.Contains(errOut, "result.csv: SHA-256") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestSelectionUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"selection"}, {"selection", "verify"}, {"selection", "draw", "x"}} {
		if code, _, _ := runCmd(t, context.Background(), nil, args...); code != 2 {
			t.Fatalf("%v: exit %d, want 2", args, code)
		}
	}
}
