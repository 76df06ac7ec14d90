package http

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// The marketplace's pages are parsed with the others.
func init() {
	pageNames = append(pageNames, "market_catalogue", "market_course", "market_mine")
}

// courseView is a course as the pages show it.
type courseView struct {
	*prakerja.Course
	PriceText string
}

// catalogueView is /pelatihan: a search, the conflict filter and a page.
type catalogueView struct {
	pageBase
	Query        string
	HideConflict bool
	Courses      []courseView
	Total        int64
	Next         string // link to the next page, "" on the last
}

// pageCatalogue handles GET /pelatihan: public, no sign-in needed, so
// anyone can see what is sold and which courses are flagged.
func (s *Server) pageCatalogue(w http.ResponseWriter, r *http.Request) {
	if s.market == nil {
		s.fail(w, r, errMarketOff())
		return
	}
	f, err := courseFilterOf(r.URL)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, total, err := s.market.Courses(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &catalogueView{pageBase: s.base(r, "market.catalogue_title", "/pelatihan"), Query: f.Search,
		HideConflict: f.Conflicted != nil && !*f.Conflicted, Total: total}
	for _, c := range list {
		v.Courses = append(v.Courses, courseView{c, scheme.FormatRupiah(c.Price)})
	}
	if len(list) == f.Limit {
		q := r.URL.Query()
		q.Set("after", strconv.FormatInt(list[len(list)-1].ID, 10))
		v.Next = (&url.URL{Path: "/pelatihan", RawQuery: q.Encode()}).String()
	}
	s.render(w, r, http.StatusOK, "market_catalogue", v)
}

// courseDetailView is /pelatihan/{id}.
type courseDetailView struct {
	pageBase
	Course courseView
}

// pageCourse handles GET /pelatihan/{id}: the course, its conflict
// warning and the steps of buying it on the platform.
func (s *Server) pageCourse(w http.ResponseWriter, r *http.Request) {
	if s.market == nil {
		s.fail(w, r, errMarketOff())
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, prakerja.Errorf(prakerja.CodeNotFound, "No such course."))
		return
	}
	c, err := s.market.Course(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := &courseDetailView{pageBase: s.base(r, "market.catalogue_title", "/pelatihan/"+strconv.FormatInt(id, 10)),
		Course: courseView{c, scheme.FormatRupiah(c.Price)}}
	v.TitleKey = "market.course"
	s.render(w, r, http.StatusOK, "market_course", v)
}
