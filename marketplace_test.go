package prakerja

import (
	"strings"
	"testing"
	"time"
)

// TestMarketValidate feeds each validator one bad field at a time and
// expects exactly that field named.
func TestMarketValidate(t *testing.T) {
	t.Parallel()
	hash := make([]byte, MarketKeyHashLen)
	course := func(edit func(*Course)) *Course {
		c := &Course{ProviderID: 1, PlatformID: 2, Title: "Barista", Price: 100_000, Hours: 8}
		edit(c)
		return c
	}
	tests := []struct {
		name  string
		err   error
		field string
	}{
		{"OKPlatform", (&Platform{Slug: "pijar-mahir", Name: "Pijar Mahir", KeyHash: hash}).Validate(), ""},
		{"ErrSlugCase", (&Platform{Slug: "Pijar", Name: "Pijar", KeyHash: hash}).Validate(), "slug"},
		{"ErrSlugDash", (&Platform{Slug: "-pijar", Name: "Pijar", KeyHash: hash}).Validate(), "slug"},
		{"ErrName", (&Platform{Slug: "pijar", Name: strings.Repeat("a", MarketNameMax+1), KeyHash: hash}).Validate(), "name"},
		{"ErrKeyHash", (&Provider{Slug: "lpp", Name: "LPP", KeyHash: hash[:5]}).Validate(), "key_hash"},
		{"ErrOwners", (&Provider{Slug: "lpp", Name: "LPP", KeyHash: hash, Owners: make([]int64, ProviderOwnersMax+1)}).Validate(), "owners"},
		{"OKCourse", course(func(*Course) {}).Validate(), ""},
		{"ErrPrice", course(func(c *Course) { c.Price = CoursePriceMax + 1 }).Validate(), "price"},
		{"ErrPriceZero", course(func(c *Course) { c.Price = 0 }).Validate(), "price"},
		{"ErrHours", course(func(c *Course) { c.Hours = 0 }).Validate(), "hours"},
		{"ErrTitle", course(func(c *Course) { c.Title = "  " }).Validate(), "title"},
		{"ErrDescription", course(func(c *Course) { c.Description = strings.Repeat("x", CourseDescriptionMax+1) }).Validate(), "description"},
		{"OKReview", (&CourseReview{Stars: 1, Text: strings.Repeat("é", ReviewTextMax)}).Validate(), ""},
		{"ErrStars", (&CourseReview{Stars: 6, Text: "ok"}).Validate(), "stars"},
		{"ErrReviewLong", (&CourseReview{Stars: 5, Text: strings.Repeat("é", ReviewTextMax+1)}).Validate(), "text"},
		{"ErrReviewBlank", (&CourseReview{Stars: 5, Text: " \n"}).Validate(), "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields := ErrorFields(tt.err)
			switch {
			case tt.field == "" && tt.err != nil:
				t.Fatalf("unexpected %v", tt.err)
			case tt.field != "" && (len(fields) != 1 || fields[0].Field != tt.field || ErrorCode(tt.err) != CodeInvalid):
				t.Fatalf("got %v (%+v), want field %q", tt.err, fields, tt.field)
			}
		})
	}
}

// TestRefundTransferID checks the refund id is stable, differs from the
// purchase, and never equals its own input even in the refund namespace.
func TestRefundTransferID(t *testing.T) {
	t.Parallel()
	p := NewTransferID(time.Date(2020, 4, 16, 3, 0, 0, 0, time.UTC))
	r := RefundTransferID(p)
	if r == p || RefundTransferID(p) != r || r[0] != idSpaceRefund {
		t.Fatalf("refund id %s of %s", r, p)
	}
	if RefundTransferID(r) == r {
		t.Fatal("a refund id in the refund space maps to itself")
	}
}
