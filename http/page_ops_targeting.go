package http

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/export"
	"github.com/prakerja/prakerja/nik"
	"github.com/prakerja/prakerja/targeting"
)

func init() { pageNames = append(pageNames, "ops_targeting") }

// opsTargetingView is /ops/targeting: registrants who lost work or income
// and are on no bansos list, by province or, drilled down, by regency of
// one province; and the export forms. Counts only, no names.
type opsTargetingView struct {
	pageBase
	Province      string // "" = the provinces table
	ProvinceName  string
	Rows          []opsTargetingRow
	Total         opsTargetingRow
	CanIndividual bool
}

// opsTargetingRow is one region's line.
type opsTargetingRow struct {
	Code, Name                                          string
	Registrants, LostJob, LostIncome, Reduced, Targeted int64
	PerThousand                                         string
	Drill                                               bool
}

// pageOpsTargeting handles GET /ops/targeting[?province=PP].
func (s *Server) pageOpsTargeting(w http.ResponseWriter, r *http.Request) {
	v, err := s.opsTargetingView(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "ops_targeting", v)
}

func (s *Server) opsTargetingView(r *http.Request) (*opsTargetingView, error) {
	if s.targeting == nil {
		return nil, errTargetingOff()
	}
	province := r.URL.Query().Get("province")
	if _, ok := nik.LookupProvince(province); !ok {
		province = ""
	}
	level := prakerja.TargetingProvince
	self := "/ops/targeting"
	if province != "" {
		level, self = prakerja.TargetingRegency, self+"?province="+province
	}
	ctx, cancel := opsContext(r)
	defer cancel()
	rows, err := s.targeting.Aggregates(ctx, level, province)
	if err != nil {
		return nil, err
	}
	v := &opsTargetingView{pageBase: s.base(r, "ops.targeting.heading", self), Province: province}
	v.Wide = true
	if province != "" {
		v.ProvinceName = targeting.RegionName(province)
	}
	if st := staffFrom(r.Context()); st != nil {
		v.CanIndividual = st.Can(prakerja.PermTargetingExport)
	}
	v.Total.Name = v.T("ops.targeting.total")
	for _, a := range rows {
		row := opsTargetingRow{Code: a.Region, Name: targeting.RegionName(a.Region), Registrants: a.Total,
			LostJob: a.LostJob, LostIncome: a.LostIncome, Reduced: a.ReducedHours, Targeted: a.Targeted(),
			PerThousand: targeting.PerThousand(a.Targeted(), a.Total), Drill: province == ""}
		v.Rows = append(v.Rows, row)
		v.Total.Registrants += a.Total
		v.Total.LostJob += a.LostJob
		v.Total.LostIncome += a.LostIncome
		v.Total.Reduced += a.ReducedHours
		v.Total.Targeted += a.Targeted()
	}
	v.Total.PerThousand = targeting.PerThousand(v.Total.Targeted, v.Total.Registrants)
	return v, nil
}

// pageOpsTargetingExportAggregate handles POST
// /ops/targeting/export-aggregate (targeting.view).
func (s *Server) pageOpsTargetingExportAggregate(w http.ResponseWriter, r *http.Request) {
	s.opsTargetingExport(w, r, targeting.LevelAggregate)
}

// pageOpsTargetingExportIndividual handles POST
// /ops/targeting/export-individual. The route needs targeting.export;
// the handler checks it again, so a wiring slip cannot hand out names.
func (s *Server) pageOpsTargetingExportIndividual(w http.ResponseWriter, r *http.Request) {
	s.opsTargetingExport(w, r, targeting.LevelIndividual)
}

// opsTargetingExport writes the export after it is audited.
func (s *Server) opsTargetingExport(w http.ResponseWriter, r *http.Request, level targeting.Level) {
	st := staffFrom(r.Context())
	switch {
	case st == nil:
		s.fail(w, r, prakerja.Errorf(prakerja.CodeUnauthorized, "Sign in to export."))
		return
	case level == targeting.LevelIndividual && !st.Can(prakerja.PermTargetingExport):
		s.fail(w, r, prakerja.Errorf(prakerja.CodeForbidden, "Your role may not export individual rows."))
		return
	case s.targeting == nil:
		s.fail(w, r, errTargetingOff())
		return
	}
	if err := s.parseForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	format, err := export.ParseFormat(r.PostForm.Get("format"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	req := targeting.Request{Level: level, Format: format, Province: r.PostForm.Get("province"),
		Regions: prakerja.TargetingLevel(r.PostForm.Get("regions")), Actor: st.Username}
	f, err := s.targeting.Export(r.Context(), req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer func() {
		if err := f.Close(); err != nil {
			s.logFailure(r, http.StatusOK, fmt.Errorf("remove export file: %w", err))
		}
	}()
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", `attachment; filename="`+f.Name+`"`)
	h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	h.Set("X-Content-SHA256", f.SHA256)
	w.WriteHeader(http.StatusOK)
	if _, err := f.WriteTo(w); err != nil {
		s.logFailure(r, http.StatusOK, fmt.Errorf("send export: %w", err))
	}
}
