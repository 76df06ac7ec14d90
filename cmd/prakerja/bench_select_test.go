package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/prakerja/prakerja/selection"
)

// TestBenchSelect runs a small `bench select` into a folder and checks its
// JSON line and that the folder verifies on its own afterwards.
func TestBenchSelect(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	code, out, errOut := runCmd(t, context.Background(), nil, "bench", "select", "--joiners", "20000", "--quota", "1500", "--dir", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var res benchSelectResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	if res.Joiners != 20000 || res.Selected != 1500 || res.Seconds <= 0 || res.VerifySeconds <= 0 || res.PeakRSSMB <= 0 {
		t.Fatalf("bench select: %+v", res)
	}
	if _, err := selection.Verify(dir); err != nil {
		t.Fatalf("Verify after bench select: %v", err)
	}
}
