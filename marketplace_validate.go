package prakerja

import (
	"strings"
	"unicode/utf8"
)

// validSlug reports a slug of 1..MarketSlugMax lowercase ASCII letters,
// digits and inner dashes: slugs appear in URLs and must not need escaping.
func validSlug(s string) bool {
	if s == "" || len(s) > MarketSlugMax || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// validText reports a non-blank UTF-8 text of at most max bytes.
func validText(s string, max int) bool {
	return strings.TrimSpace(s) != "" && len(s) <= max && utf8.ValidString(s)
}

// marketFields collects field errors into one CodeInvalid error.
type marketFields []FieldError

func (f *marketFields) add(field string, code Code, msg string) {
	*f = append(*f, FieldError{Field: field, Code: code, Message: msg})
}

func (f marketFields) err(what string) error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Message: "The " + what + " is not valid.", Fields: f}
}

// validateParty checks what a platform and a provider share.
func validateParty(f *marketFields, slug, name string, keyHash []byte) {
	if !validSlug(slug) {
		f.add("slug", CodeBadFormat, "A slug is 1 to 40 lowercase letters, digits and inner dashes.")
	}
	if !validText(name, MarketNameMax) {
		f.add("name", CodeRequired, "A name is 1 to 100 bytes.")
	}
	if len(keyHash) != MarketKeyHashLen {
		f.add("key_hash", CodeBadFormat, "An API key hash is a 32-byte SHA-256.")
	}
}

// Validate checks a platform before it is stored.
func (p *Platform) Validate() error {
	var f marketFields
	validateParty(&f, p.Slug, p.Name, p.KeyHash)
	return f.err("platform")
}

// Validate checks a provider before it is stored.
func (p *Provider) Validate() error {
	var f marketFields
	validateParty(&f, p.Slug, p.Name, p.KeyHash)
	if len(p.Owners) > ProviderOwnersMax {
		f.add("owners", CodeBadValue, "A provider is linked to at most 16 platforms.")
	}
	return f.err("provider")
}

// Validate checks a course before it is stored.
func (c *Course) Validate() error {
	var f marketFields
	if c.ProviderID <= 0 {
		f.add("provider_id", CodeRequired, "A course needs its provider.")
	}
	if c.PlatformID <= 0 {
		f.add("platform_id", CodeRequired, "A course needs the platform that sells it.")
	}
	if !validText(c.Title, CourseTitleMax) {
		f.add("title", CodeRequired, "A title is 1 to 200 bytes.")
	}
	if len(c.Description) > CourseDescriptionMax || !utf8.ValidString(c.Description) {
		f.add("description", CodeTooLong, "A description is at most 4000 bytes.")
	}
	if c.Price <= 0 || c.Price > CoursePriceMax {
		f.add("price", CodeBadValue, "A price is 1 to 100,000,000 rupiah.")
	}
	if c.Hours <= 0 || c.Hours > CourseHoursMax {
		f.add("hours", CodeBadValue, "A course lasts 1 to 1000 hours.")
	}
	return f.err("course")
}

// Validate checks a review before it is stored. The text is counted in
// characters, as the participant typed it.
func (r *CourseReview) Validate() error {
	var f marketFields
	if r.Stars < ReviewStarsMin || r.Stars > ReviewStarsMax {
		f.add("stars", CodeBadValue, "A rating is 1 to 5 stars.")
	}
	switch n := utf8.RuneCountInString(r.Text); {
	case !utf8.ValidString(r.Text) || strings.TrimSpace(r.Text) == "":
		f.add("text", CodeRequired, "Write a few words about the training.")
	case n > ReviewTextMax:
		f.add("text", CodeTooLong, "A review is at most 2000 characters.")
	}
	return f.err("review")
}

// ValidVoucherCode reports whether s could be a voucher code: exactly
// VoucherCodeLen Crockford base32 characters (upper case), so a lookup is
// never made with arbitrary input.
func ValidVoucherCode(s string) bool {
	if len(s) != VoucherCodeLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(CrockfordAlphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

// CrockfordAlphabet is Crockford's base32: no I, L, O or U, so a code read
// aloud or copied by hand is not mistaken.
const CrockfordAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
