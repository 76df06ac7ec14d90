package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// The platform portal registers itself; its name starts with "ops" so it
// gets the operator navigation.
func init() { pageNames = append(pageNames, "ops_platform") }

// opsPlatformView is /ops/platform: a training platform's staff see their
// own platform's courses, sales by day, vouchers by state, conflicts of
// interest and ratings. Which platform is never a parameter: it is the
// signed-in staff member's PartnerRef, so no URL shows another's.
type opsPlatformView struct {
	pageBase
	Name       string
	Courses    []opsPlatformCourse
	Total      int64
	Conflicted int64
	Next       string // the next page of courses, "" on the last
	Days       []opsSalesDay
	States     []opsStateRow
}

// opsPlatformCourse is one course row.
type opsPlatformCourse struct {
	Title, Provider, Price, Rating string
	Hours                          int
	Active, Conflict               bool
	Reviews                        int64
}

// opsSalesDay is one day's sales.
type opsSalesDay struct {
	Date, Amount string
	Sales        int64
}

// opsStateRow is one purchase state.
type opsStateRow struct {
	State, Amount string
	Count         int64
}

// partnerRef returns the signed-in staff member's partner reference when
// their role is role; anyone else is refused, so a PMO account that was
// given the permission by mistake still sees no partner's data.
func partnerRef(r *http.Request, role prakerja.Role) (string, error) {
	st := staffFrom(r.Context())
	if st == nil || st.Role != role || st.PartnerRef == "" {
		return "", prakerja.Errorf(prakerja.CodeForbidden, "This page is for a partner's own staff.")
	}
	return st.PartnerRef, nil
}

// pageOpsPlatform handles GET /ops/platform.
func (s *Server) pageOpsPlatform(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := opsContext(r)
	defer cancel()
	v, err := s.opsPlatform(ctx, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "ops_platform", v)
}

func (s *Server) opsPlatform(ctx context.Context, r *http.Request) (*opsPlatformView, error) {
	slug, err := partnerRef(r, prakerja.RolePlatform)
	if err != nil {
		return nil, err
	}
	p, err := s.platformOf(ctx, slug)
	if err != nil {
		return nil, err
	}
	v := &opsPlatformView{pageBase: s.base(r, "ops.platform.heading", "/ops/platform"), Name: p.Name}
	v.Wide = true
	yes := true
	if v.Total, err = s.store.CountCourses(ctx, prakerja.CourseFilter{PlatformID: p.ID}); err != nil {
		return nil, err
	}
	if v.Conflicted, err = s.store.CountCourses(ctx, prakerja.CourseFilter{PlatformID: p.ID, Conflicted: &yes}); err != nil {
		return nil, err
	}
	rep, err := s.store.PlatformReport(ctx, p.ID, s.clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.platformCourses(ctx, r, v, p.ID, rep.Ratings); err != nil {
		return nil, err
	}
	for _, d := range rep.Days {
		v.Days = append(v.Days, opsSalesDay{Date: d.Day.In(prakerja.WIB).Format("2006-01-02"), Sales: d.Sales,
			Amount: scheme.FormatRupiah(d.Amount)})
	}
	for _, st := range rep.States {
		v.States = append(v.States, opsStateRow{State: v.T("ops.platform.state." + string(st.State)), Count: st.Count,
			Amount: scheme.FormatRupiah(st.Amount)})
	}
	return v, nil
}

// platformOf finds the staff member's platform by slug.
func (s *Server) platformOf(ctx context.Context, slug string) (*prakerja.Platform, error) {
	all, err := s.store.Platforms(ctx)
	if err != nil {
		return nil, err
	}
	if p := prakerja.PlatformWithSlug(all, slug); p != nil {
		return p, nil
	}
	return nil, prakerja.Errorf(prakerja.CodeNotFound, "Your platform is not registered; ask the programme office.")
}

// platformCourses fills one page of the platform's courses, each with its
// rating.
func (s *Server) platformCourses(ctx context.Context, r *http.Request, v *opsPlatformView, platformID int64,
	ratings []prakerja.CourseRating) error {
	courses, err := s.store.Courses(ctx, prakerja.CourseFilter{PlatformID: platformID, AfterID: pageOffset(r, "after"),
		Limit: prakerja.CoursesPageMax})
	if err != nil {
		return err
	}
	byCourse := make(map[int64]prakerja.CourseRating, len(ratings))
	for _, rt := range ratings {
		byCourse[rt.CourseID] = rt
	}
	for _, c := range courses {
		row := opsPlatformCourse{Title: c.Title, Provider: c.ProviderName, Price: scheme.FormatRupiah(c.Price), Hours: c.Hours,
			Active: c.Active, Conflict: c.ConflictOfInterest}
		if rt, ok := byCourse[c.ID]; ok && rt.Reviews > 0 {
			row.Reviews = rt.Reviews
			row.Rating = strconv.FormatFloat(float64(rt.StarsSum)/float64(rt.Reviews), 'f', 1, 64)
		}
		v.Courses = append(v.Courses, row)
	}
	if len(courses) == prakerja.CoursesPageMax {
		v.Next = "/ops/platform?after=" + strconv.FormatInt(courses[len(courses)-1].ID, 10)
	}
	return nil
}
