package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestVerifyCommand drains a backlog with `prakerja verify`, then reruns
// the eligibility step for everyone who reached it, without a registry:
// the rerun moves them all back and the drain decides them again the
// same way, reading the registry facts from the step records.
func TestVerifyCommand(t *testing.T) {
	t.Parallel()
	const n = 500
	dir := filepath.Join(t.TempDir(), "data")
	if code, out, errOut := runCmd(t, context.Background(), nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate exit %d: %s %s", code, out, errOut)
	}
	url := seedVerify(t, dir, n, 0)
	first := runVerifyJSON(t, "verify", "--data", dir, "--registry", url, "--json")
	if first.Verified != n || first.Left != 0 || first.Eligible+first.Ineligible+first.IdentityFailed != n {
		t.Fatalf("first drain: %+v", first)
	}
	second := runVerifyJSON(t, "verify", "--data", dir, "--rerun", "--step", "eligibility",
		"--status", "eligible,ineligible", "--json")
	if second.Moved == nil || *second.Moved != first.Eligible+first.Ineligible {
		t.Fatalf("rerun moved %v, want %d", second.Moved, first.Eligible+first.Ineligible)
	}
	if second.Verified != 0 || second.Eligible != first.Eligible || second.Ineligible != first.Ineligible || second.Left != 0 {
		t.Fatalf("rerun drain %+v after %+v", second, first)
	}
}

// TestVerifyCommandUsage: rerun flags without --rerun, and a rerun
// without a step or a choice of registrations, are usage errors.
func TestVerifyCommandUsage(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	for _, args := range [][]string{
		{"verify", "--data", dir, "--step", "identity"},
		{"verify", "--data", dir, "--rerun", "--status", "eligible"},
		{"verify", "--data", dir, "--rerun", "--step", "identity"},
		{"verify", "--data", dir, "--rerun", "--step", "payout", "--status", "eligible"},
	} {
		if code, _, _ := runCmd(t, context.Background(), nil, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// runVerifyJSON runs a verify command line that must succeed and decodes
// its JSON line.
func runVerifyJSON(t *testing.T, args ...string) verifyResult {
	t.Helper()
	code, out, errOut := runCmd(t, context.Background(), nil, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s %s", args, code, out, errOut)
	}
	var res verifyResult
	if err := json.Unmarshal([]byte(lastLine(out)), &res); err != nil {
		t.Fatalf("%v: %v in %q", args, err, out)
	}
	return res
}
