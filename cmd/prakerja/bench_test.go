package main

import (
	"context"
	"encoding/json"
	"testing"
)

// TestBenchRegister runs a tiny benchmark to keep the command working; the
// figures themselves are recorded in docs/BENCHMARKS.md, not asserted here.
func TestBenchRegister(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, context.Background(), nil, "bench", "register", "--n", "200", "--workers", "8", "--json")
	if code != 0 {
		t.Fatalf("bench exit %d\n%s\n%s", code, out, errOut)
	}
	var res benchResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		t.Fatalf("last line is not JSON: %v", err)
	}
	if res.Registrations != 200 || res.Errors != 0 || res.PerSecond <= 0 || res.P99ms <= 0 {
		t.Fatalf("bench result = %+v", res)
	}
}
