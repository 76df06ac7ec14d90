package jobs_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/prakerja/prakerja"
)

// TestJobsAudited checks that the jobs' posting runs reach the audit
// chain: a card revoked at the first-purchase deadline and a wave's
// programme end each append one record, on their subjects, once however
// often the runner ticks.
func TestJobsAudited(t *testing.T) {
	e := newEnv(t, 2)
	ctx := context.Background()
	revoked := e.ids[1]
	e.purchase(t, e.ids[0], 100_000, T0)
	must(t, e.store.EnqueueJobs(ctx, []prakerja.Job{prakerja.PurchaseDeadlineJob(revoked, e.wave.ID, T0, T0)}, T0))
	e.runAt(t, T0)
	end := testScheme(t).ProgrammeEndsAt()
	must(t, e.store.EnqueueJobs(ctx, []prakerja.Job{prakerja.ProgrammeEndJob(e.wave.ID, end, T0)}, T0))
	e.runAt(t, end)
	e.runAt(t, end)
	entries, err := e.store.AuditEntries(ctx, 0, prakerja.AuditPageMax)
	must(t, err)
	got := map[string]int{}
	for _, en := range entries {
		got[en.Action+" "+en.Subject]++
	}
	for _, want := range []string{
		prakerja.AuditParticipantRevoked + fmt.Sprintf(" registration:%d", revoked),
		prakerja.AuditWaveForfeited + fmt.Sprintf(" wave:%d", e.wave.ID),
	} {
		if got[want] != 1 {
			t.Errorf("%d records of %q, want 1 (all: %v)", got[want], want, got)
		}
	}
}
