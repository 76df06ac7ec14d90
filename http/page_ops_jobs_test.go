package http

import (
	"context"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// TestOpsJobsSQLite shows the job counts and a job that failed for good,
// with its last reason, on a real store.
func TestOpsJobsSQLite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := openSQLite(t)
	jobs := []prakerja.Job{prakerja.ProgrammeEndJob(3, testNow, testNow), prakerja.PurchaseDeadlineJob(9, 3, testNow, testNow)}
	if err := store.EnqueueJobs(ctx, jobs, testNow); err != nil {
		t.Fatal(err)
	}
	for range prakerja.JobAttemptsMax {
		claimed, err := store.ClaimJobs(ctx, testNow, 1, time.Minute)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim: %v, %v", claimed, err)
		}
		if err := store.FailJob(ctx, claimed[0].ID, claimed[0].Token, "treasury account refused", testNow); err != nil {
			t.Fatal(err)
		}
	}
	srv := NewServer(Config{}, Deps{Registrations: okService(), Store: store, Clock: fixedClock{testNow}, Logger: slog.New(slog.DiscardHandler)})
	env := &opsEnv{srv: srv, ops: srv.OpsHandler()}
	rec := env.do(scenario{method: "GET", url: "/ops/jobs?lang=en"}.request())
	scenario{wantStatus: http.StatusOK, wantBody: []string{"Scheduled jobs", "programme_end", "purchase_deadline",
		"Failed for good", "treasury account refused", `class="attn"`}}.check(t, rec)
}
