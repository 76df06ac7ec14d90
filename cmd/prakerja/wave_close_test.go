package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestWaveCloseEarly closes an open wave through the command: refused
// without an operator or a commitment, done once after the commit, then
// refused as already closed; the draw may run at once.
func TestWaveCloseEarly(t *testing.T) {
	t.Parallel()
	dir := backlogDataDir(t)
	env := map[string]string{"PRAKERJA_DATA": dir}
	now := time.Now().In(time.FixedZone("WIB", 7*3600))
	code, out, errOut := runStoreCmd(t, env, "wave", "create", "--name", "Gelombang cepat",
		"--opens", now.Add(-time.Hour).Format("2006-01-02 15:04"), "--closes", now.Add(48*time.Hour).Format("2006-01-02 15:04"),
		"--quota", "10", "--json")
	if code != 0 {
		t.Fatalf("wave create: exit %d: %s", code, errOut)
	}
	var created struct{ Wave waveJSON }
	lastJSON(t, out, &created)
	id := strconv.FormatInt(created.Wave.ID, 10)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"ErrNoWave", []string{"wave", "close", "--by", "ani"}, "--wave N is required"},
		{"ErrNoOperator", []string{"wave", "close", "--wave", id}, "--by NAME is required"},
		{"ErrUnknownWave", []string{"wave", "close", "--wave", "999", "--by", "ani"}, "not found"},
		{"ErrNoCommitment", []string{"wave", "close", "--wave", id, "--by", "ani"}, "commit the seed"},
	} {
		code, _, errOut := runStoreCmd(t, env, tc.args...)
		if code != 1 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", tc.name, code, errOut, tc.want)
		}
	}
	seedFile := filepath.Join(t.TempDir(), "seed.txt")
	if code, _, errOut := runCmd(t, context.Background(), nil, "selection", "commit", "--data", dir, "--wave", id,
		"--seed-file", seedFile); code != 0 {
		t.Fatalf("selection commit: exit %d: %s", code, errOut)
	}
	code, out, errOut = runStoreCmd(t, env, "wave", "close", "--wave", id, "--by", "operator.ani", "--json")
	var closed struct{ Wave waveJSON }
	lastJSON(t, out, &closed)
	if code != 0 || closed.Wave.Status != "closed" || closed.Wave.ClosesAt.After(time.Now()) || !strings.Contains(out, "closed early by operator.ani") {
		t.Fatalf("wave close: exit %d %s %s", code, out, errOut)
	}
	if code, _, errOut := runStoreCmd(t, env, "wave", "close", "--wave", id, "--by", "operator.ani"); code != 1 || !strings.Contains(errOut, "already closed") {
		t.Fatalf("second close: exit %d %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, context.Background(), nil, "selection", "run", "--data", dir, "--wave", id,
		"--seed-file", seedFile, "--out", t.TempDir()); code != 0 {
		t.Fatalf("selection run after the early close: exit %d: %s", code, errOut)
	}
}
