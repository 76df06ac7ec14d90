package main

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/sqlite"
)

// TestJobsCommands schedules a programme-end job, then lists and runs the
// jobs at two instants given with --now: before its due time nothing
// runs, at it the job is done (on a wave without participants it only
// opens the treasury-return account).
func TestJobsCommands(t *testing.T) {
	t.Parallel()
	dir := backlogDataDir(t)
	env := map[string]string{"PRAKERJA_DATA": dir}
	due := time.Date(2020, time.December, 15, 17, 0, 0, 0, time.UTC)
	store, err := sqlite.OpenDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	err = store.EnqueueJobs(context.Background(), []prakerja.Job{prakerja.ProgrammeEndJob(5, due, due)}, due)
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, env, []prakerja.JobCount{{Kind: prakerja.JobProgrammeEnd, State: prakerja.JobPending, Count: 1}})
	for _, step := range []struct {
		now  string
		done int
	}{{"2020-12-15T23:59:59+07:00", 0}, {"2020-12-16T00:00:00+07:00", 1}} {
		code, out, errOut := runStoreCmd(t, env, "jobs", "run", "--now", step.now, "--json")
		if code != 0 {
			t.Fatalf("jobs run --now %s: exit %d: %s", step.now, code, errOut)
		}
		var got jobsRunJSON
		lastJSON(t, out, &got)
		if got.Done != step.done || got.Failed != 0 {
			t.Fatalf("jobs run --now %s = %+v, want %d done", step.now, got, step.done)
		}
	}
	wantCounts(t, env, []prakerja.JobCount{{Kind: prakerja.JobProgrammeEnd, State: prakerja.JobDone, Count: 1}})
	if code, _, _ := runStoreCmd(t, env, "jobs", "run", "--now", "yesterday"); code != 2 {
		t.Fatalf("a bad --now exits %d, want 2", code)
	}
}

func wantCounts(t *testing.T, env map[string]string, want []prakerja.JobCount) {
	t.Helper()
	code, out, errOut := runStoreCmd(t, env, "jobs", "list", "--json")
	if code != 0 {
		t.Fatalf("jobs list: exit %d: %s", code, errOut)
	}
	var got jobsListJSON
	lastJSON(t, out, &got)
	if diff := cmp.Diff(want, got.Counts); diff != "" {
		t.Fatalf("jobs list (-want +got):\n%s", diff)
	}
}
