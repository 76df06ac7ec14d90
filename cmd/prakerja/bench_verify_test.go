package main

import (
	"context"
	"encoding/json"
	"testing"
)

// TestBenchVerify runs a small `bench verify` and checks its JSON line:
// every registration verified, outcomes adding up, a positive rate.
func TestBenchVerify(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCmd(t, context.Background(), nil, "bench", "verify", "--n", "1000", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var res benchVerifyResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	if res.Verified != 1000 || res.IdentityFailed+res.Eligible+res.Ineligible != 1000 || res.PerSecond <= 0 || res.Left != 0 {
		t.Fatalf("bench verify: %+v", res)
	}
}
