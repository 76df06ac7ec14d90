package http

import (
	"net/http"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// incentiveView is one slot on /insentif.
type incentiveView struct {
	Slot     int
	Amount   string
	StateKey string
	Due      string // the scheduled day in WIB, for the scheduled state
}

// incentivesView is /insentif: the incentive schedule, slot by slot.
type incentivesView struct {
	pageBase
	Incentives []incentiveView
	Total      string
}

// pageIncentives handles GET /insentif.
func (s *Server) pageIncentives(w http.ResponseWriter, r *http.Request) {
	reg, ok := s.pageSession(w, r)
	if !ok {
		return
	}
	if s.views == nil {
		s.renderError(w, r, errViewsOff(), "/dashboard", "dashboard.heading")
		return
	}
	list, err := s.views.Incentives(r.Context(), reg.ID)
	if err != nil {
		s.logFailure(r, statusOf(prakerja.ErrorCode(err)), err)
		s.renderError(w, r, err, "/dashboard", "dashboard.heading")
		return
	}
	v := &incentivesView{pageBase: s.base(r, "incentive.heading", "/insentif")}
	var total int64
	for _, in := range list {
		iv := incentiveView{Slot: in.Slot, Amount: scheme.FormatRupiah(in.Amount), StateKey: "incentive.state." + in.State}
		if !in.DueAt.IsZero() {
			iv.Due = in.DueAt.In(prakerja.WIB).Format(surveyDateLayout)
		}
		total += in.Amount
		v.Incentives = append(v.Incentives, iv)
	}
	v.Total = scheme.FormatRupiah(total)
	s.render(w, r, http.StatusOK, "incentives", v)
}
