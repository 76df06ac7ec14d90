package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/sqlite"
)

// seedReview stores two registrations, one open duplicate flag between
// them and one open dispute against the first, as the pipeline and the
// dispute form would.
func seedReview(t *testing.T, dir string) {
	t.Helper()
	now := time.Now().UTC()
	a := seedBacklogRegistration(t, dir, 1, now.Add(-time.Hour))
	b := seedBacklogRegistration(t, dir, 2, now.Add(-time.Minute))
	ctx := context.Background()
	store, err := sqlite.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	flag := prakerja.DuplicateFlag{A: a, B: b, Reason: "shared_phone", Score: 70, Status: prakerja.FlagOpen, CreatedAt: now}
	if _, _, err := store.CompleteWork(ctx, prakerja.StepEligibility, nil, []prakerja.DuplicateFlag{flag}, now); err != nil {
		t.Fatalf("seed flag: %v", err)
	}
	holder, err := store.Registration(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	d := &prakerja.Dispute{NIK: holder.NIK, RegistrationID: a, FullName: "Siti Aminah",
		Phone:     prakerja.Sealed{Ciphertext: []byte("p9"), Index: []byte("p9")},
		Statement: "Saya tidak pernah mendaftar di Prakerja.", Status: prakerja.DisputeOpen, CreatedAt: now}
	if err := store.CreateDispute(ctx, d, now); err != nil {
		t.Fatalf("seed dispute: %v", err)
	}
}

// TestReviewCommands lists, decides and re-decides a flag and a dispute:
// each decision's text and JSON, and exit 1 with the coded error when the
// item is already decided, unknown, or the reviewer is missing.
func TestReviewCommands(t *testing.T) {
	t.Parallel()
	dir := backlogDataDir(t)
	seedReview(t, dir)
	env := map[string]string{"PRAKERJA_DATA": dir}

	code, out, errOut := runStoreCmd(t, env, "review", "flags", "--json")
	var flags struct{ Flags []reviewFlagJSON }
	lastJSON(t, out, &flags)
	if code != 0 || len(flags.Flags) != 1 || flags.Flags[0].Reason != "shared_phone" || !strings.Contains(out, "SCORE") {
		t.Fatalf("review flags: exit %d %s %s", code, out, errOut)
	}
	id := strconv.FormatInt(flags.Flags[0].ID, 10)
	code, out, _ = runStoreCmd(t, env, "review", "confirm", id, "--reviewer", "Budi", "--note", "satu orang", "--json")
	var decided struct{ Flag reviewFlagJSON }
	lastJSON(t, out, &decided)
	if code != 0 || decided.Flag.Status != prakerja.FlagConfirmed || decided.Flag.Reviewer != "Budi" || decided.Flag.ReviewedAt == nil {
		t.Fatalf("review confirm: exit %d %s", code, out)
	}
	wantReviewFail(t, env, "conflict", "review", "clear", id, "--reviewer", "Ani")
	wantReviewFail(t, env, "not_found", "review", "clear", "999", "--reviewer", "Ani")
	wantReviewFail(t, env, "invalid", "review", "clear", id)

	code, out, _ = runStoreCmd(t, env, "review", "disputes", "--json")
	var disputes struct{ Disputes []reviewDisputeJSON }
	lastJSON(t, out, &disputes)
	if code != 0 || len(disputes.Disputes) != 1 || disputes.Disputes[0].Claimant != "S*** A*****" || strings.Contains(out, "Siti") {
		t.Fatalf("review disputes: exit %d %s", code, out)
	}
	did := strconv.FormatInt(disputes.Disputes[0].ID, 10)
	if code, out, errOut := runStoreCmd(t, env, "review", "uphold", did, "--reviewer", "Ani"); code != 0 || !strings.Contains(out, "upheld by Ani") {
		t.Fatalf("review uphold: exit %d %s %s", code, out, errOut)
	}
	wantReviewFail(t, env, "conflict", "review", "reject", did, "--reviewer", "Ani")

	code, out, _ = runStoreCmd(t, env, "review", "flags", "--json")
	lastJSON(t, out, &flags)
	if code != 0 || len(flags.Flags) != 0 {
		t.Errorf("open flags after the decision: %s", out)
	}
	code, out, _ = runStoreCmd(t, env, "review", "disputes", "--status", "all", "--json")
	lastJSON(t, out, &disputes)
	if code != 0 || len(disputes.Disputes) != 1 || disputes.Disputes[0].Status != prakerja.DisputeUpheld {
		t.Errorf("all disputes: %s", out)
	}
}

// wantReviewFail runs args and expects exit 1 with the coded error on stderr.
func wantReviewFail(t *testing.T, env map[string]string, code string, args ...string) {
	t.Helper()
	got, _, errOut := runStoreCmd(t, env, args...)
	if got != 1 || !strings.Contains(errOut, code+": ") {
		t.Errorf("%v: exit %d, stderr %q; want 1 and %q", args, got, errOut, code)
	}
}

// TestReviewUsage refuses malformed command lines with exit 2 before
// opening any database.
func TestReviewUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"review"}, {"review", "bogus"}, {"review", "confirm"}, {"review", "confirm", "x", "--reviewer", "A"},
		{"review", "flags", "extra"}, {"review", "flags", "--limit", "0"},
	} {
		if code, _, _ := runStoreCmd(t, nil, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
