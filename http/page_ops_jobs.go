package http

import (
	"net/http"

	"github.com/prakerja/prakerja"
)

// opsJobRowsMax bounds the failed jobs listed on /ops/jobs; each row
// carries up to sqldb.LastErrorMax bytes of reason.
const opsJobRowsMax = 50

// The jobs page registers itself; its name starts with "ops" so it gets
// the operator navigation.
func init() { pageNames = append(pageNames, "ops_jobs") }

// opsJobsView is /ops/jobs: scheduled work per kind and state, and the
// jobs that failed for good with their last reason, which an operator must
// look at (they are no longer retried).
type opsJobsView struct {
	pageBase
	Counts []prakerja.JobCount
	Failed []opsFailedJob
}

// opsFailedJob is one job failed for good.
type opsFailedJob struct {
	ID             int64
	Kind           prakerja.JobKind
	RegistrationID int64
	WaveID         int64
	Slot           int
	Attempts       int
	LastError      string
	Due            string
}

// pageOpsJobs handles GET /ops/jobs.
func (s *Server) pageOpsJobs(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := opsContext(r)
	defer cancel()
	counts, err := s.store.JobCounts(ctx, s.clock.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	failed, err := s.store.Jobs(ctx, prakerja.JobFilter{Failed: true, Limit: opsJobRowsMax})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &opsJobsView{pageBase: s.base(r, "ops.jobs.heading", "/ops/jobs"), Counts: counts}
	v.Wide = true
	for _, j := range failed {
		v.Failed = append(v.Failed, opsFailedJob{ID: j.ID, Kind: j.Kind, RegistrationID: j.RegistrationID,
			WaveID: j.WaveID, Slot: j.Slot, Attempts: j.Attempts, LastError: j.LastError,
			Due: j.DueAt.In(prakerja.WIB).Format("2006-01-02 15:04 WIB")})
	}
	s.render(w, r, http.StatusOK, "ops_jobs", v)
}
