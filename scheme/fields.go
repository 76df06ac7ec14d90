package scheme

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
)

// kind is how a field is written in a scheme file.
type kind int

const (
	kindText      kind = iota // a string on one line
	kindAmount                // whole rupiah, int64
	kindInt                   // a whole number (count, days, years, digits), int
	kindDate                  // YYYY-MM-DD
	kindTimeOfDay             // HH:MM, WIB
	kindDuration              // Go duration: 5m, 90s
	kindNames                 // a list of names, []string
	kindRules                 // the list of eligibility rules, []Rule
)

// field describes one scheme field once, for the decoder, the validator and
// the YAML writer alike, so that their paths, ranges and words never drift.
type field struct {
	path     string // dotted YAML path, e.g. "incentives.amount"
	kind     kind
	min, max int64  // allowed range: value for amounts and ints, nanoseconds for durations
	zero     string // for ints where 0 has a meaning: what it means ("no limit")
	doc      string // comment written above the field by YAML
	// ref returns a pointer to the field in s: *string, *int64, *int,
	// *Date, *TimeOfDay, *Duration, *[]string or *[]Rule, matching kind.
	ref func(s *Scheme) any
	// text checks a non-empty text field; it returns "" when the value is good.
	text func(v string) (prakerja.Code, string)
}

// fields lists every scheme field in file order. Sections (the part of a path
// before the dot) must be contiguous.
var fields = []field{
	{path: "name", kind: kindText, text: checkName,
		doc: "Short identifier used on the command line and stored with each participant.",
		ref: func(s *Scheme) any { return &s.Name }},
	{path: "title", kind: kindText, text: checkTitle,
		doc: "Human-readable title shown to operators.",
		ref: func(s *Scheme) any { return &s.Title }},
	{path: "currency", kind: kindText, text: checkCurrency,
		doc: "Currency of every amount; only IDR (whole rupiah) is accepted.",
		ref: func(s *Scheme) any { return &s.Currency }},
	{path: "training_balance", kind: kindAmount, min: 1, max: AmountMax,
		doc: "Non-cash training assistance on the card; spendable only on training at partner platforms.",
		ref: func(s *Scheme) any { return &s.TrainingBalance }},
	{path: "incentives.amount", kind: kindAmount, min: 1, max: AmountMax,
		doc: "Rupiah per payment.",
		ref: func(s *Scheme) any { return &s.Incentives.Amount }},
	{path: "incentives.count", kind: kindInt, min: 1, max: CountMax,
		doc: "Number of payments.",
		ref: func(s *Scheme) any { return &s.Incentives.Count }},
	{path: "incentives.interval_days", kind: kindInt, min: 0, max: IntervalDaysMax,
		doc: "Days between payments; 0 only when count is 1.",
		ref: func(s *Scheme) any { return &s.Incentives.IntervalDays }},
	{path: "surveys.amount", kind: kindAmount, min: 1, max: AmountMax,
		doc: "Rupiah per completed survey.",
		ref: func(s *Scheme) any { return &s.Surveys.Amount }},
	{path: "surveys.count", kind: kindInt, min: 1, max: CountMax,
		doc: "Number of surveys.",
		ref: func(s *Scheme) any { return &s.Surveys.Count }},
	{path: "total", kind: kindAmount, min: 1, max: TotalMax,
		doc: "Total per participant; a check, not a source: must equal the sum of the three parts above.",
		ref: func(s *Scheme) any { return &s.DeclaredTotal }},
	{path: "first_purchase_deadline_days", kind: kindInt, min: 1, max: DeadlineDaysMax,
		doc: "Days after the selection announcement to buy the first training, else the card is revoked.",
		ref: func(s *Scheme) any { return &s.FirstPurchaseDeadlineDays }},
	{path: "programme_end", kind: kindDate,
		doc: "Last day (WIB, inclusive) the training balance may be spent; unspent balance is forfeited after it.",
		ref: func(s *Scheme) any { return &s.ProgrammeEnd }},
	{path: "wave_close_time", kind: kindTimeOfDay,
		doc: "Default time of day (WIB, 24-hour HH:MM) at which a wave closes.",
		ref: func(s *Scheme) any { return &s.WaveCloseTime }},
	{path: "eligibility.min_age", kind: kindInt, min: AgeMin, max: AgeMax,
		doc: "Minimum age in whole years.",
		ref: func(s *Scheme) any { return &s.Eligibility.MinAge }},
	{path: "eligibility.max_age", kind: kindInt, min: 0, max: AgeMax, zero: "no upper limit",
		doc: "Maximum age in whole years; 0 = no upper limit.",
		ref: func(s *Scheme) any { return &s.Eligibility.MaxAge }},
	{path: "eligibility.max_participants_per_kk", kind: kindInt, min: 0, max: ParticipantsPerKKMax,
		zero: "no limit",
		doc:  "Participants selected per family card (KK); 0 = no limit.",
		ref:  func(s *Scheme) any { return &s.Eligibility.MaxParticipantsPerKK }},
	{path: "eligibility.excluded_categories", kind: kindNames,
		doc: "Exclusion lists whose members may not take part; rules read them as scheme.excluded_categories.",
		ref: func(s *Scheme) any { return &s.Eligibility.ExcludedCategories }},
	{path: "eligibility.rules", kind: kindRules,
		doc: "Rules in CEL; each require must hold to stay eligible, else its code and message are the reason.",
		ref: func(s *Scheme) any { return &s.Eligibility.Rules }},
	{path: "registration.otp_length", kind: kindInt, min: OTPLengthMin, max: OTPLengthMax,
		doc: "Digits in one code.",
		ref: func(s *Scheme) any { return &s.Registration.OTPLength }},
	{path: "registration.otp_ttl", kind: kindDuration, min: int64(OTPTTLMin), max: int64(OTPTTLMax),
		doc: "How long one code stays valid, e.g. 5m or 90s.",
		ref: func(s *Scheme) any { return &s.Registration.OTPTTL }},
	{path: "registration.otp_max_attempts", kind: kindInt, min: 1, max: OTPAttemptsMax,
		doc: "Wrong entries before a code is void.",
		ref: func(s *Scheme) any { return &s.Registration.OTPMaxAttempts }},
	{path: "registration.otp_per_phone_per_hour", kind: kindInt, min: 1, max: OTPPerPhonePerHourMax,
		doc: "Codes sent to one phone number per hour.",
		ref: func(s *Scheme) any { return &s.Registration.OTPPerPhonePerHour }},
	{path: "targeting.social_assistance_categories", kind: kindNames,
		doc: "Exclusion lists that are social assistance (bansos); targeting counts only registrants on none of them.",
		ref: func(s *Scheme) any { return &s.Targeting.SocialAssistanceCategories }},
}

// sectionDocs is the comment YAML writes above each section.
var sectionDocs = map[string]string{
	"incentives":   "Post-training incentive, paid in cash after the first training is completed and reviewed.",
	"surveys":      "Survey incentive, paid in cash per completed evaluation survey.",
	"eligibility":  "Who may be selected.",
	"registration": "One-time codes (OTP) sent during registration.",
	"targeting":    "Targeting exports of registrants hit by the pandemic for social assistance.",
}

// Indexes over fields, built once by init.
var (
	fieldByPath = map[string]*field{}
	sections    = map[string]bool{}
	// keysUnder lists, in file order, the keys expected in the mapping at a
	// path ("" for the top level), sections included.
	keysUnder = map[string][]string{}
)

func init() {
	for i := range fields {
		f := &fields[i]
		fieldByPath[f.path] = f
		section, key := splitPath(f.path)
		if section != "" && !sections[section] {
			sections[section] = true
			keysUnder[""] = append(keysUnder[""], section)
		}
		if section == "" {
			keysUnder[""] = append(keysUnder[""], key)
		} else {
			keysUnder[section] = append(keysUnder[section], key)
		}
	}
}

// splitPath splits "incentives.amount" into ("incentives", "amount") and
// "total" into ("", "total").
func splitPath(path string) (section, key string) {
	if i := strings.IndexByte(path, '.'); i >= 0 {
		return path[:i], path[i+1:]
	}
	return "", path
}

func joinPath(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// want says what a field must hold, for "must be …" messages.
func (f *field) want() string {
	switch f.kind {
	case kindAmount:
		return "a positive whole number of rupiah"
	case kindInt:
		return fmt.Sprintf("a whole number from %d to %d%s", f.min, f.max, f.zeroNote())
	case kindDate:
		return "a date written YYYY-MM-DD"
	case kindTimeOfDay:
		return "a time of day written HH:MM (WIB)"
	case kindDuration:
		return "a duration such as 5m, 90s or 1m30s"
	case kindNames:
		return "a list of exclusion categories such as [asn, tni, polri]"
	case kindRules:
		return "a list of rules, each with code, require and message"
	default:
		return "text on one line"
	}
}

func (f *field) zeroNote() string {
	if f.zero == "" {
		return ""
	}
	return " (0 = " + f.zero + ")"
}

// rangeMessage says why v (shown as shown) is outside the field's range.
func (f *field) rangeMessage(v int64, shown string) string {
	if f.kind == kindAmount {
		if v < f.min {
			return fmt.Sprintf("must be %s, got %s", f.want(), shown)
		}
		return fmt.Sprintf("must be at most %s, got %s", FormatRupiah(f.max), shown)
	}
	return fmt.Sprintf("must be %s, got %s", f.want(), shown)
}

// check returns the problem of the field's value in s, if any.
func (f *field) check(s *Scheme) *problem {
	bad := func(code prakerja.Code, format string, args ...any) *problem {
		return &problem{Path: f.path, Code: code, Message: fmt.Sprintf(format, args...)}
	}
	switch p := f.ref(s).(type) {
	case *string:
		if strings.TrimSpace(*p) == "" {
			return bad(prakerja.CodeRequired, "must not be empty")
		}
		if code, msg := f.text(*p); msg != "" {
			return bad(code, "%s", msg)
		}
	case *int64:
		if *p < f.min || *p > f.max {
			return bad(prakerja.CodeBadValue, "%s", f.rangeMessage(*p, fmt.Sprint(*p)))
		}
	case *int:
		if int64(*p) < f.min || int64(*p) > f.max {
			return bad(prakerja.CodeBadValue, "%s", f.rangeMessage(int64(*p), fmt.Sprint(*p)))
		}
	case *Date:
		switch {
		case p.IsZero():
			return bad(prakerja.CodeRequired, "is missing; expected %s", f.want())
		case !p.valid():
			return bad(prakerja.CodeBadValue, "%04d-%02d-%02d is not a real date", p.Year, int(p.Month), p.Day)
		case p.Before(DateMin) || DateMax.Before(*p):
			return bad(prakerja.CodeBadValue, "must be between %s and %s, got %s", DateMin, DateMax, p)
		}
	case *TimeOfDay:
		if !p.valid() {
			return bad(prakerja.CodeBadValue, "must be a time of day from 00:00 to 23:59, got %d:%d",
				p.Hour, p.Minute)
		}
	case *Duration:
		d := time.Duration(*p)
		if int64(d) < f.min || int64(d) > f.max {
			return bad(prakerja.CodeBadValue, "must be from %s to %s, got %s",
				Duration(f.min), Duration(f.max), *p)
		}
		if d%time.Second != 0 {
			return bad(prakerja.CodeBadValue, "must be a whole number of seconds, got %s", *p)
		}
	case *[]string, *[]Rule:
		// Lists are checked item by item, with the rest of the scheme at
		// hand, by checkCategories and checkRules.
	default:
		panic(fmt.Sprintf("scheme: field %s has a reference of type %T", f.path, p))
	}
	return nil
}

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

func checkName(v string) (prakerja.Code, string) {
	if len(v) > NameLengthMax {
		return prakerja.CodeTooLong, fmt.Sprintf("must be at most %d characters, got %d", NameLengthMax, len(v))
	}
	if !nameRE.MatchString(v) {
		return prakerja.CodeBadFormat, fmt.Sprintf(
			"must be lowercase letters, digits, '-' or '_', starting with a letter or digit, got %q", clip(v))
	}
	return "", ""
}

func checkTitle(v string) (prakerja.Code, string) {
	if !utf8.ValidString(v) {
		return prakerja.CodeBadFormat, "must be valid UTF-8 text"
	}
	if n := utf8.RuneCountInString(v); n > TitleLengthMax {
		return prakerja.CodeTooLong, fmt.Sprintf("must be at most %d characters, got %d", TitleLengthMax, n)
	}
	if strings.TrimSpace(v) != v {
		return prakerja.CodeBadFormat, "must not start or end with spaces"
	}
	for _, r := range v {
		if !unicode.IsPrint(r) {
			return prakerja.CodeBadFormat, fmt.Sprintf("must be printable text on one line, got %q", clip(v))
		}
	}
	return "", ""
}

func checkCurrency(v string) (prakerja.Code, string) {
	if v != "IDR" {
		return prakerja.CodeBadValue, fmt.Sprintf("must be IDR (amounts are whole rupiah), got %q", clip(v))
	}
	return "", ""
}

// clip shortens a value quoted in a message, so that a runaway line never
// floods the output.
func clip(s string) string {
	const runesMax = 40
	if utf8.RuneCountInString(s) <= runesMax {
		return s
	}
	r := []rune(s)
	return string(r[:runesMax]) + "…"
}
