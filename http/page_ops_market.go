package http

import (
	"net/http"
	"strings"

	"github.com/prakerja/prakerja"
)

// The marketplace's operator page registers itself; its name starts with
// "ops" so it gets the operator navigation.
func init() { pageNames = append(pageNames, "ops_market") }

// opsMarketView is /ops/market: per platform, its courses and how many of
// them are sold by a provider the platform owns (KPK's conflict of
// interest), with the owned providers named.
type opsMarketView struct {
	pageBase
	Platforms  []opsPlatformRow
	Conflicted int64
	Courses    int64
}

// opsPlatformRow is one platform's line.
type opsPlatformRow struct {
	Name       string
	Courses    int64
	Conflicted int64
	Owned      string // names of the providers it owns, comma-separated
}

// pageOpsMarket handles GET /ops/market.
func (s *Server) pageOpsMarket(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := opsContext(r)
	defer cancel()
	platforms, err := s.store.Platforms(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	providers, err := s.store.Providers(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &opsMarketView{pageBase: s.base(r, "ops.market.heading", "/ops/market")}
	v.Wide = true
	yes := true
	for _, p := range platforms {
		row := opsPlatformRow{Name: p.Name, Owned: ownedBy(p.ID, providers)}
		if row.Courses, err = s.store.CountCourses(ctx, prakerja.CourseFilter{PlatformID: p.ID}); err != nil {
			s.fail(w, r, err)
			return
		}
		if row.Conflicted, err = s.store.CountCourses(ctx, prakerja.CourseFilter{PlatformID: p.ID, Conflicted: &yes}); err != nil {
			s.fail(w, r, err)
			return
		}
		v.Courses, v.Conflicted = v.Courses+row.Courses, v.Conflicted+row.Conflicted
		v.Platforms = append(v.Platforms, row)
	}
	s.render(w, r, http.StatusOK, "ops_market", v)
}

// ownedBy names the providers a platform owns.
func ownedBy(platform int64, providers []*prakerja.Provider) string {
	var names []string
	for _, p := range providers {
		for _, owner := range p.Owners {
			if owner == platform {
				names = append(names, p.Name)
			}
		}
	}
	return strings.Join(names, ", ")
}
