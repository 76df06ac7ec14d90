package http

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/marketplace"
	"github.com/prakerja/prakerja/scheme"
)

// MarketService is the training marketplace; marketplace.Service
// implements it. The methods' codes are documented there.
type MarketService interface {
	Courses(ctx context.Context, f prakerja.CourseFilter) ([]*prakerja.Course, int64, error)
	Course(ctx context.Context, id int64) (*prakerja.Course, error)
	AuthenticatePlatform(ctx context.Context, key string) (*prakerja.Platform, error)
	AuthenticateProvider(ctx context.Context, key string) (*prakerja.Provider, error)
	PlatformBySlug(ctx context.Context, slug string) (*prakerja.Platform, error)
	ProviderBySlug(ctx context.Context, slug string) (*prakerja.Provider, error)
	Charge(ctx context.Context, platform *prakerja.Platform, in marketplace.ChargeInput) (*prakerja.Purchase, error)
	Confirm(ctx context.Context, platform *prakerja.Platform, chargeID int64, code string) (*prakerja.Purchase, error)
	Refund(ctx context.Context, platform *prakerja.Platform, code string) (*prakerja.Purchase, error)
	Redeem(ctx context.Context, provider *prakerja.Provider, code string) (*prakerja.Purchase, error)
	Complete(ctx context.Context, provider *prakerja.Provider, code string) (*prakerja.Purchase, error)
	Purchases(ctx context.Context, registrationID int64) ([]*prakerja.Purchase, error)
	Review(ctx context.Context, registrationID, purchaseID int64, in marketplace.ReviewInput) (*prakerja.Purchase, error)
	Balance(ctx context.Context, registrationID int64) (int64, error)
}

// Catalogue page sizes: a phone on a slow link gets a short page.
const (
	coursesPageDefault = 20
	courseQueryMax     = 512 // bytes of a catalogue query string
)

// partyJSON names a platform or provider.
type partyJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// courseJSON is one catalogue course. conflict_of_interest says that the
// platform selling it owns or is affiliated with its provider.
type courseJSON struct {
	ID                 int64     `json:"id"`
	Title              string    `json:"title"`
	Description        string    `json:"description,omitempty"`
	Price              int64     `json:"price"`
	PriceText          string    `json:"price_text"`
	Hours              int       `json:"hours"`
	Active             bool      `json:"active"`
	ConflictOfInterest bool      `json:"conflict_of_interest"`
	Provider           partyJSON `json:"provider"`
	Platform           partyJSON `json:"platform"`
}

func courseJSONOf(c *prakerja.Course, withDescription bool) courseJSON {
	out := courseJSON{ID: c.ID, Title: c.Title, Price: c.Price, PriceText: scheme.FormatRupiah(c.Price), Hours: c.Hours,
		Active: c.Active, ConflictOfInterest: c.ConflictOfInterest, Provider: partyJSON{c.ProviderID, c.ProviderName},
		Platform: partyJSON{c.PlatformID, c.PlatformName}}
	if withDescription {
		out.Description = c.Description
	}
	return out
}

// courseListJSON is one catalogue page; next_after continues it (0 = end).
type courseListJSON struct {
	Courses   []courseJSON `json:"courses"`
	Total     int64        `json:"total"`
	NextAfter int64        `json:"next_after"`
}

// apiCourses handles GET /api/v1/courses: the public catalogue, active
// courses only, filtered and paged by id.
func (s *Server) apiCourses(w http.ResponseWriter, r *http.Request) error {
	if s.market == nil {
		return errMarketOff()
	}
	f, err := courseFilterOf(r.URL)
	if err != nil {
		return err
	}
	list, total, err := s.market.Courses(r.Context(), f)
	if err != nil {
		return err
	}
	out := courseListJSON{Courses: make([]courseJSON, 0, len(list)), Total: total}
	for _, c := range list {
		out.Courses = append(out.Courses, courseJSONOf(c, false))
	}
	if len(list) == f.Limit {
		out.NextAfter = list[len(list)-1].ID
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// courseFilterOf reads the catalogue's query: q, platform, provider,
// max_price, conflict (true/false), after and limit.
func courseFilterOf(u *url.URL) (prakerja.CourseFilter, error) {
	f := prakerja.CourseFilter{OnlyActive: true, Limit: coursesPageDefault}
	if len(u.RawQuery) > courseQueryMax {
		return f, prakerja.Errorf(prakerja.CodeInvalid, "The query is longer than %d bytes.", courseQueryMax)
	}
	q := u.Query()
	var fields []prakerja.FieldError
	num := func(name string, dst *int64, max int64) {
		v := q.Get(name)
		if v == "" {
			return
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 || n > max {
			fields = append(fields, prakerja.FieldError{Field: name, Code: prakerja.CodeBadValue,
				Message: "A whole number from 0 to " + strconv.FormatInt(max, 10) + "."})
			return
		}
		*dst = n
	}
	limit := int64(f.Limit)
	num("platform", &f.PlatformID, 1<<62)
	num("provider", &f.ProviderID, 1<<62)
	num("max_price", &f.MaxPrice, prakerja.CoursePriceMax)
	num("after", &f.AfterID, 1<<62)
	num("limit", &limit, prakerja.CoursesPageMax)
	if limit < 1 {
		fields = append(fields, prakerja.FieldError{Field: "limit", Code: prakerja.CodeBadValue, Message: "A page holds 1 to 100 courses."})
	}
	f.Limit = max(int(limit), 1)
	f.Search = q.Get("q")
	if len(f.Search) > prakerja.CourseSearchMax {
		fields = append(fields, prakerja.FieldError{Field: "q", Code: prakerja.CodeTooLong, Message: "A search is at most 100 bytes."})
	}
	switch q.Get("conflict") {
	case "":
	case "true", "false":
		b := q.Get("conflict") == "true"
		f.Conflicted = &b
	default:
		fields = append(fields, prakerja.FieldError{Field: "conflict", Code: prakerja.CodeBadValue, Message: "true or false."})
	}
	if len(fields) > 0 {
		return f, &prakerja.Error{Code: prakerja.CodeInvalid, Message: "The catalogue query is not valid.", Fields: fields}
	}
	return f, nil
}

// apiCourse handles GET /api/v1/courses/{id}.
func (s *Server) apiCourse(w http.ResponseWriter, r *http.Request) error {
	if s.market == nil {
		return errMarketOff()
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return prakerja.Errorf(prakerja.CodeNotFound, "No such course.")
	}
	c, err := s.market.Course(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, courseJSONOf(c, true))
	return nil
}

// errMarketOff answers when the server runs without the marketplace.
func errMarketOff() error {
	return prakerja.Errorf(prakerja.CodeUnavailable, "The training marketplace is not available on this server yet.")
}

// reviewJSON is a participant's rating of a completed training.
type reviewJSON struct {
	Stars     int       `json:"stars"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
}

// purchaseJSON is a charge or voucher. The card number is never echoed.
type purchaseJSON struct {
	ID           int64       `json:"id"`
	OrderID      string      `json:"order_id"`
	State        string      `json:"state"`
	Amount       int64       `json:"amount"`
	CourseID     int64       `json:"course_id"`
	CourseTitle  string      `json:"course_title"`
	Platform     partyJSON   `json:"platform"`
	Provider     partyJSON   `json:"provider"`
	VoucherCode  string      `json:"voucher_code,omitempty"`
	Certificate  string      `json:"certificate,omitempty"`
	OTPExpiresAt *time.Time  `json:"otp_expires_at,omitempty"`
	CreatedAt    time.Time   `json:"created_at"`
	PaidAt       *time.Time  `json:"paid_at,omitempty"`
	RedeemedAt   *time.Time  `json:"redeemed_at,omitempty"`
	CompletedAt  *time.Time  `json:"completed_at,omitempty"`
	RefundedAt   *time.Time  `json:"refunded_at,omitempty"`
	Review       *reviewJSON `json:"review,omitempty"`
}

// optTime is nil for the zero time, so an unset instant is left out.
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func purchaseJSONOf(p *prakerja.Purchase) purchaseJSON {
	out := purchaseJSON{ID: p.ID, OrderID: p.OrderID, State: string(p.State), Amount: p.Amount, CourseID: p.CourseID,
		CourseTitle: p.CourseTitle, Platform: partyJSON{p.PlatformID, p.PlatformName},
		Provider: partyJSON{p.ProviderID, p.ProviderName}, VoucherCode: p.VoucherCode, Certificate: p.Certificate,
		CreatedAt: p.CreatedAt.UTC(), PaidAt: optTime(p.PaidAt), RedeemedAt: optTime(p.RedeemedAt),
		CompletedAt: optTime(p.CompletedAt), RefundedAt: optTime(p.RefundedAt)}
	if p.State == prakerja.PurchasePending {
		out.OTPExpiresAt = optTime(p.OTPExpiresAt)
	}
	if p.Review != nil {
		out.Review = &reviewJSON{Stars: p.Review.Stars, Text: p.Review.Text, CreatedAt: p.Review.CreatedAt.UTC()}
	}
	return out
}
