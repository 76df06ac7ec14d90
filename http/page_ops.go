package http

import (
	"net/http"
	"sort"

	"github.com/prakerja/prakerja"
)

// opsView is the backlog page: where registrations stand in the pipeline,
// and why those that fell out did.
type opsView struct {
	pageBase
	Rows    []backlogRowView
	Reasons []reasonCountsView
}

// backlogRowView is one status of the backlog table.
type backlogRowView struct {
	Status    string
	Code      string
	Count     int64
	Oldest    string
	PerMinute int64
	PerHour   int64
	Attention bool // work waiting for a pipeline step
}

// reasonCountsView counts one failing status's registrations per reason.
type reasonCountsView struct {
	Status string
	Rows   []reasonCountView
}

type reasonCountView struct {
	Code  string
	Text  string
	Count int64
}

// pageOps handles GET /ops/.
func (s *Server) pageOps(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := opsContext(r)
	defer cancel()
	rows, err := s.backlog.Rows(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &opsView{pageBase: s.base(r, "ops.heading", "/ops/")}
	v.Wide = true
	now := s.clock.Now()
	for _, row := range rows {
		v.Rows = append(v.Rows, backlogRowView{
			Status: statusWords(v.loc, row.Status), Code: string(row.Status), Count: row.Count,
			Oldest: ageWords(v.loc, row.Oldest, now), PerMinute: row.EnteredLastMinute, PerHour: row.EnteredLastHour,
			Attention: isStepInput(row.Status) && row.Count > 0,
		})
	}
	for _, st := range []prakerja.RegistrationStatus{prakerja.StatusIdentityFailed, prakerja.StatusIneligible} {
		counts, err := s.store.ReasonCounts(ctx, st)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Reasons = append(v.Reasons, s.reasonCountsView(v.loc, st, counts))
	}
	s.render(w, r, http.StatusOK, "ops", v)
}

// isStepInput reports whether a status is work waiting for a pipeline step.
func isStepInput(st prakerja.RegistrationStatus) bool {
	for _, step := range prakerja.Steps() {
		if step.From() == st {
			return true
		}
	}
	return false
}

// reasonCountsView sorts reasons by count, most first, then by code, so the
// biggest cause of failure heads the table and the order is stable.
func (s *Server) reasonCountsView(loc locale, st prakerja.RegistrationStatus, counts map[string]int64) reasonCountsView {
	v := reasonCountsView{Status: statusWords(loc, st)}
	for code, n := range counts {
		v.Rows = append(v.Rows, reasonCountView{Code: code, Text: s.reasonText(loc, code), Count: n})
	}
	sort.Slice(v.Rows, func(i, j int) bool {
		if v.Rows[i].Count != v.Rows[j].Count {
			return v.Rows[i].Count > v.Rows[j].Count
		}
		return v.Rows[i].Code < v.Rows[j].Code
	})
	return v
}
