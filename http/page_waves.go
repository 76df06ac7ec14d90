package http

import (
	"net/http"
	"slices"

	"github.com/prakerja/prakerja"
)

// waveView is one wave on the dashboard, its instants in WIB: the
// programme announces them so, whatever the visitor's device says.
type waveView struct {
	ID        int64
	Name      string
	StatusKey string
	Opens     string
	Closes    string
	Joined    bool
	Drawn     bool // the wave's draw is recorded: StatusKey holds the registrant's outcome
	CanJoin   bool // open now and not joined: the "Gabung gelombang" button shows
}

// dashboardWaveLayout prints a wave instant on the dashboard.
const dashboardWaveLayout = "02-01-2006 15:04 WIB"

// dashboardWaves lists the current waves open to the registrant's domicile
// (the dashboard offers only those, as the real one did), and the waves
// they joined even once closed, so "Sedang Dievaluasi" stays visible until
// the result is out. Without a wave store it lists none.
func (s *Server) dashboardWaves(r *http.Request, reg *prakerja.Registration) ([]waveView, error) {
	if s.waves == nil {
		return nil, nil
	}
	current, err := s.currentWaves(r)
	if err != nil {
		return nil, err
	}
	joins, err := s.waves.WaveJoinsOf(r.Context(), reg.ID)
	if err != nil {
		return nil, err
	}
	joined := make(map[int64]bool, len(joins))
	for _, j := range joins {
		joined[j.WaveID] = true
	}
	canJoin, err := s.mayJoinAny(r, reg)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	var out []waveView
	for i := range current {
		w := &current[i]
		if _, ok := w.RegionOf(reg.DomicileDistrict); !ok && !joined[w.ID] {
			continue
		}
		st := w.Status(now)
		out = append(out, waveView{ID: w.ID, Name: w.Name, StatusKey: "wave.status." + string(st),
			Opens:  w.OpensAt.In(prakerja.WIB).Format(dashboardWaveLayout),
			Closes: w.ClosesAt.In(prakerja.WIB).Format(dashboardWaveLayout),
			Joined: joined[w.ID], CanJoin: canJoin && st == prakerja.WaveOpen && !joined[w.ID]})
	}
	return s.addJoinedClosed(r, out, joins, reg)
}

// mayJoinAny reports whether the registrant meets the personal conditions
// of joining (eligible, test passed), so the button shows only to those
// who can use it; the store checks again when they press it.
func (s *Server) mayJoinAny(r *http.Request, reg *prakerja.Registration) (bool, error) {
	if reg.Status != prakerja.StatusEligible {
		return false, nil
	}
	res, err := s.waves.TestResult(r.Context(), reg.ID)
	switch {
	case prakerja.ErrorCode(err) == prakerja.CodeNotFound:
		return false, nil
	case err != nil:
		return false, err
	}
	return !res.PassedAt.IsZero(), nil
}

// addJoinedClosed appends the joined waves that have closed and so are no
// longer current: "Sedang Dievaluasi" until the draw, then the outcome.
func (s *Server) addJoinedClosed(r *http.Request, out []waveView, joins []prakerja.WaveJoin, reg *prakerja.Registration) ([]waveView, error) {
	now := s.clock.Now()
	for i, j := range joins {
		if slices.ContainsFunc(out, func(v waveView) bool { return v.ID == j.WaveID }) {
			continue
		}
		w, err := s.waves.Wave(r.Context(), j.WaveID)
		if err != nil {
			return nil, err
		}
		key, drawn := "wave.status.closed", false
		switch w.Status(now) {
		case prakerja.WaveSelected:
			key, drawn = outcomeKey(reg, i == 0), true
		case prakerja.WaveClosed:
		default:
			continue
		}
		out = append(out, waveView{ID: w.ID, Name: w.Name, StatusKey: key, Joined: true, Drawn: drawn,
			Opens:  w.OpensAt.In(prakerja.WIB).Format(dashboardWaveLayout),
			Closes: w.ClosesAt.In(prakerja.WIB).Format(dashboardWaveLayout)})
	}
	return out, nil
}

// outcomeKey is the message of a drawn wave the registrant joined. A draw
// moves its winners to StatusSelected in the same transaction and a
// selected registrant joins no later wave, so the newest joined wave of a
// selected registrant is the one they won ("Lolos"); every other drawn
// wave they joined, they were not selected in ("Tidak Lolos").
func outcomeKey(reg *prakerja.Registration, newest bool) string {
	if newest && reg.Status == prakerja.StatusSelected {
		return "wave.outcome.selected"
	}
	return "wave.outcome.not_selected"
}

// pageJoinWave handles POST /dashboard/waves/{id}/join, the "Gabung
// gelombang" button: a plain form, no JavaScript. Success returns to the
// dashboard with a notice; a refusal (closed, not verified …) is shown
// translated, with a link back.
func (s *Server) pageJoinWave(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	if _, _, err := s.joinWave(r, r.PathValue("id"), reg.ID); err != nil {
		s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
		s.renderError(w, r, err, "/dashboard", "dashboard.heading")
		return
	}
	http.Redirect(w, r, "/dashboard?joined=1", http.StatusSeeOther)
}
