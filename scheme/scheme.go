// Package scheme loads and checks programme schemes: the money, deadlines and
// limits of one Kartu Prakerja scheme (2020 semi-bansos, 2023 skema normal, …)
// kept as configuration a ministry operator edits, not as code.
//
// A scheme is written as a small YAML file; the built-in ones live in
// builtin/*.yaml and are embedded in the binary. Parse refuses a malformed file
// with a *prakerja.Error of code CodeSchemeInvalid whose message names the file,
// the line and the field at fault, one problem per line:
//
//	2020.yaml:7: incentives.amount: must be a positive whole number of rupiah, got -600000
//	2020.yaml:13: total: is Rp 3.500.000 but training_balance + incentives + surveys = Rp 3.550.000
//
// Who may be selected is decided by eligibility rules written in CEL in the
// same file (see Rule): Parse and Validate compile and type-check them, so a
// mistaken rule is refused with its line and column when the scheme loads,
// never found while a wave is being evaluated. The eligibility package
// evaluates them.
//
// Amounts are int64 whole rupiah, never floats. Every field is required; fields
// where 0 has a meaning ("0 = no limit") must still be written out, so that a
// forgotten line can never silently lift a limit.
//
// The package does no I/O except Load, which reads a scheme file named on the
// command line; Parse, Validate and the helpers are pure.
package scheme

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
)

// Limits on a scheme. They keep a typo (an extra zero, a wrong unit) from
// becoming a programme rule, and bound the work of parsing an untrusted file.
const (
	// FileSizeMax bounds a scheme file before it is parsed. Real files are
	// about 4 KiB; the YAML parser is quadratic on some nestings, so the bound
	// is kept far below the 1 MiB that would still be "small".
	FileSizeMax = 64 << 10
	// LineLengthMax bounds one line of a scheme file, in bytes.
	LineLengthMax = 1000
	// FlowCollectionsMax bounds the number of '[' and '{' in a file (flow
	// collections such as `incentives: { amount: 600000, … }`). Deep flow
	// nesting makes the YAML parser slow, and a scheme needs only a handful.
	FlowCollectionsMax = 100
	// ProblemsMax bounds the problems reported for one file; the rest are
	// summarised as "… and N more problems".
	ProblemsMax = 20

	AmountMax int64 = 100_000_000 // any single amount: Rp 100.000.000
	TotalMax  int64 = 100_000_000 // the whole package per participant: Rp 100.000.000

	NameLengthMax  = 32  // bytes; names are ASCII
	TitleLengthMax = 100 // characters (runes)

	CountMax              = 24  // incentive payments or surveys per participant
	IntervalDaysMax       = 366 // days between two incentive payments
	DeadlineDaysMax       = 180 // days to make the first training purchase
	AgeMin                = 15  // lowest allowed min_age (Indonesian working age)
	AgeMax                = 100 // highest allowed min_age / max_age
	ParticipantsPerKKMax  = 20  // highest non-zero cap per family card
	OTPLengthMin          = 4
	OTPLengthMax          = 8
	OTPTTLMin             = 30 * time.Second
	OTPTTLMax             = 30 * time.Minute
	OTPAttemptsMax        = 10
	OTPPerPhonePerHourMax = 20
)

// Limits on eligibility rules (see Rule). They bound the work of checking a
// scheme file and, above all, of evaluating it: a wave's rules run once for
// each of millions of joiners, so no rule may be slow.
const (
	// RulesMax bounds the rules of one scheme; real schemes have about ten.
	RulesMax = 64
	// RuleCodeLengthMax bounds a rule's reason code, in bytes (ASCII).
	RuleCodeLengthMax = 64
	// RuleLengthMax bounds a rule's CEL expression (require), in bytes.
	RuleLengthMax = 1000
	// RuleNestingMax bounds the nesting of a rule's expression (brackets,
	// calls), which the CEL parser handles recursively.
	RuleNestingMax = 32
	// RuleCostMax bounds the cost of one rule, in CEL cost units (about one
	// per variable read, comparison or list element visited). It is checked
	// twice: the estimated worst case when the scheme loads, and the actual
	// cost of each evaluation, which is stopped when it goes over.
	RuleCostMax = 10_000
	// MessageLengthMax bounds a rule's message in one language, in
	// characters (runes); it is shown to the registrant on one line.
	MessageLengthMax = 300
	// ExcludedCategoriesMax bounds eligibility.excluded_categories.
	ExcludedCategoriesMax = 32
	// ApplicantExclusionsMax and ApplicantTextMax are the sizes the cost
	// estimate assumes for applicant.exclusions (entries) and for the
	// applicant's strings (bytes). Larger inputs still evaluate, but the
	// per-evaluation cost limit may stop a rule that loops over them.
	ApplicantExclusionsMax = 32
	ApplicantTextMax       = 64
)

// Programme dates must fall in this range; anything else is a typo.
var (
	DateMin = Date{Year: 2020, Month: time.January, Day: 1}
	DateMax = Date{Year: 2100, Month: time.December, Day: 31}
)

// Scheme is one programme scheme. Field comments say what each field means;
// the YAML key is in the yaml-style json tag. Build one with Parse, Load or
// Builtin; a Scheme built in code must pass Validate before use.
type Scheme struct {
	// Name is the short identifier used on the command line and stored with
	// each participant, e.g. "2020": lowercase letters, digits, '-' and '_'.
	Name string `json:"name"`
	// Title is the human-readable title shown to operators.
	Title string `json:"title"`
	// Currency of every amount; only "IDR" (whole rupiah) is accepted.
	Currency string `json:"currency"`
	// TrainingBalance is the non-cash training assistance credited to the
	// card, spendable only on training at partner platforms, never cashed.
	TrainingBalance int64 `json:"training_balance"`
	// Incentives is the post-training incentive schedule, paid in cash.
	Incentives Incentives `json:"incentives"`
	// Surveys is the survey incentive, paid in cash per completed survey.
	Surveys Surveys `json:"surveys"`
	// DeclaredTotal is the total per participant as written in the file
	// (key "total"). It is a check, not a source: Validate requires it to
	// equal Total(), which is computed from the parts.
	DeclaredTotal int64 `json:"total"`
	// FirstPurchaseDeadlineDays is how many days after the selection
	// announcement the first training must be bought; missing it revokes
	// the card and blacklists the NIK.
	FirstPurchaseDeadlineDays int `json:"first_purchase_deadline_days"`
	// ProgrammeEnd is the last day (WIB, inclusive) on which the training
	// balance may be spent; see ProgrammeEndsAt.
	ProgrammeEnd Date `json:"programme_end"`
	// WaveCloseTime is the default time of day (WIB) at which a wave closes.
	WaveCloseTime TimeOfDay `json:"wave_close_time"`
	// Eligibility holds the age bounds and the per-family-card cap.
	Eligibility Eligibility `json:"eligibility"`
	// Registration holds the one-time-code (OTP) rules of registration.
	Registration RegistrationRules `json:"registration"`
	// Targeting holds what the social-assistance targeting exports read.
	Targeting Targeting `json:"targeting"`
}

// Targeting configures the targeting aggregates and exports (issue 7):
// SocialAssistanceCategories are the exclusion categories that are
// social-assistance (bansos) lists; a registrant on a current import of
// any of them is already helped and is not counted as a new target.
type Targeting struct {
	SocialAssistanceCategories []string `json:"social_assistance_categories"`
}

// Incentives is the post-training incentive ("insentif biaya mencari kerja"):
// Count payments of Amount rupiah, IntervalDays apart, the first after the
// first training is completed and reviewed.
type Incentives struct {
	Amount       int64 `json:"amount"`        // rupiah per payment, 1..AmountMax
	Count        int   `json:"count"`         // payments, 1..CountMax
	IntervalDays int   `json:"interval_days"` // days between payments; 0 allowed only when Count is 1
}

// Surveys is the survey incentive: Amount rupiah for each of Count surveys.
type Surveys struct {
	Amount int64 `json:"amount"` // rupiah per survey, 1..AmountMax
	Count  int   `json:"count"`  // surveys, 1..CountMax
}

// Eligibility holds who may be selected. Zero in MaxAge and
// MaxParticipantsPerKK means "no limit"; use AgeAllowed and KKHasRoom rather
// than comparing the fields directly so the zero is never misread.
//
// The numbers and the excluded categories are configuration that Rules read
// (as scheme.min_age, scheme.excluded_categories, …); the Rules decide. A
// number that no rule reads is refused, so that a deleted rule cannot silently
// lift a limit that the file still states.
type Eligibility struct {
	MinAge               int `json:"min_age"`                 // whole years, AgeMin..AgeMax
	MaxAge               int `json:"max_age"`                 // whole years, 0 = no upper limit, else MinAge..AgeMax
	MaxParticipantsPerKK int `json:"max_participants_per_kk"` // selected per family card, 0 = no limit
	// ExcludedCategories lists the exclusion lists (see
	// CategoryNames) whose members this scheme refuses: the 2020 and
	// 2023 schemes name the seven groups of Perpres 36/2020 Pasal 5(3) and
	// past participants; a 2021–22 scheme adds dtks, bsu and bpum.
	ExcludedCategories []string `json:"excluded_categories"`
	// Rules are the eligibility rules, in the order their reasons are
	// shown. An applicant is eligible when every rule holds.
	Rules []Rule `json:"rules"`
}

// AgeAllowed reports whether a person of age whole years meets the bounds.
func (e Eligibility) AgeAllowed(age int) bool {
	if age < e.MinAge {
		return false
	}
	return e.MaxAge == 0 || age <= e.MaxAge
}

// KKHasRoom reports whether another participant may be selected from a family
// card (KK) that already has selected participants.
func (e Eligibility) KKHasRoom(selected int) bool {
	return e.MaxParticipantsPerKK == 0 || selected < e.MaxParticipantsPerKK
}

// Clone returns a deep copy of s: editing the copy's lists never changes s.
func (s *Scheme) Clone() *Scheme {
	c := *s
	c.Eligibility.ExcludedCategories = slices.Clone(s.Eligibility.ExcludedCategories)
	c.Eligibility.Rules = slices.Clone(s.Eligibility.Rules) // Rule holds only strings
	c.Targeting.SocialAssistanceCategories = slices.Clone(s.Targeting.SocialAssistanceCategories)
	return &c
}

// RegistrationRules holds the one-time-code (OTP) rules of registration.
type RegistrationRules struct {
	OTPLength          int      `json:"otp_length"`             // digits, OTPLengthMin..OTPLengthMax
	OTPTTL             Duration `json:"otp_ttl"`                // validity of one code, OTPTTLMin..OTPTTLMax
	OTPMaxAttempts     int      `json:"otp_max_attempts"`       // wrong entries before a code is void
	OTPPerPhonePerHour int      `json:"otp_per_phone_per_hour"` // codes sent to one phone per hour
}

// Total returns the package per participant computed from its parts:
// training balance + incentives + surveys. A scheme that passed Validate never
// overflows; for one that did not, any int64 overflow yields math.MaxInt64, so
// a wrapped (negative or small) total can never come out of it.
func (s *Scheme) Total() int64 {
	total, ok := addInt64(s.TrainingBalance, s.IncentivesTotal())
	if !ok {
		return math.MaxInt64
	}
	total, ok = addInt64(total, s.SurveysTotal())
	if !ok {
		return math.MaxInt64
	}
	return total
}

// IncentivesTotal returns Incentives.Amount × Incentives.Count, or
// math.MaxInt64 on overflow.
func (s *Scheme) IncentivesTotal() int64 {
	return mulOrMax(s.Incentives.Amount, int64(s.Incentives.Count))
}

// SurveysTotal returns Surveys.Amount × Surveys.Count, or math.MaxInt64 on
// overflow.
func (s *Scheme) SurveysTotal() int64 {
	return mulOrMax(s.Surveys.Amount, int64(s.Surveys.Count))
}

// CashTotal returns what can reach the participant's bank account or e-wallet:
// incentives + surveys (the training balance is never cashed). It is
// math.MaxInt64 on overflow.
func (s *Scheme) CashTotal() int64 {
	total, ok := addInt64(s.IncentivesTotal(), s.SurveysTotal())
	if !ok {
		return math.MaxInt64
	}
	return total
}

// ProgrammeEndsAt returns the instant the training balance is forfeited: the
// start (00:00 WIB) of the day after ProgrammeEnd.
func (s *Scheme) ProgrammeEndsAt() time.Time {
	return s.ProgrammeEnd.Start().AddDate(0, 0, 1)
}

func mulOrMax(a, b int64) int64 {
	if p, ok := mulInt64(a, b); ok {
		return p
	}
	return math.MaxInt64
}

// addInt64 returns a+b and whether it did not overflow.
func addInt64(a, b int64) (int64, bool) {
	sum := a + b
	if (b > 0 && sum < a) || (b < 0 && sum > a) {
		return 0, false
	}
	return sum, true
}

// mulInt64 returns a×b and whether it did not overflow.
func mulInt64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	p := a * b
	if p/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return 0, false
	}
	return p, true
}

// Date is a civil date (no time, no zone), written YYYY-MM-DD. Programme
// dates are read in WIB.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a YYYY-MM-DD date, refusing impossible ones (2021-02-29).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("not a date written YYYY-MM-DD: %q", s)
	}
	return Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, nil
}

// IsZero reports whether d is the zero Date (not set).
func (d Date) IsZero() bool { return d == Date{} }

// valid reports whether d names a real calendar day.
func (d Date) valid() bool {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return t.Year() == d.Year && t.Month() == d.Month && t.Day() == d.Day
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// Start returns 00:00 WIB on d.
func (d Date) Start() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, prakerja.WIB)
}

// String returns d as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes d as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a YYYY-MM-DD date.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// TimeOfDay is a wall-clock time in WIB, written HH:MM (24-hour).
type TimeOfDay struct {
	Hour   int
	Minute int
}

var timeOfDayRE = regexp.MustCompile(`^([01][0-9]|2[0-3]):([0-5][0-9])$`)

// ParseTimeOfDay parses HH:MM, 00:00 to 23:59.
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	m := timeOfDayRE.FindStringSubmatch(s)
	if m == nil {
		return TimeOfDay{}, fmt.Errorf("not a time of day written HH:MM: %q", s)
	}
	hour, _ := strconv.Atoi(m[1])
	minute, _ := strconv.Atoi(m[2])
	return TimeOfDay{Hour: hour, Minute: minute}, nil
}

// On returns the instant t happens on day d, in WIB.
func (t TimeOfDay) On(d Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, t.Hour, t.Minute, 0, 0, prakerja.WIB)
}

func (t TimeOfDay) valid() bool {
	return t.Hour >= 0 && t.Hour < 24 && t.Minute >= 0 && t.Minute < 60
}

// String returns t as HH:MM.
func (t TimeOfDay) String() string { return fmt.Sprintf("%02d:%02d", t.Hour, t.Minute) }

// MarshalText writes t as HH:MM.
func (t TimeOfDay) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads HH:MM.
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, err := ParseTimeOfDay(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Duration is a time.Duration written the Go way ("5m", "90s", "1m30s").
type Duration time.Duration

// Std returns d as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// String returns d in its shortest Go form: "5m" rather than "5m0s".
func (d Duration) String() string {
	s := time.Duration(d).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// MarshalText writes d as String does.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a Go duration ("5m", "90s").
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("not a duration such as 5m or 90s: %q", string(b))
	}
	*d = Duration(v)
	return nil
}

// ValidateOTP checks one-time-code settings against the bounds every
// service holds them to: codes long enough not to be guessed, short-lived,
// with few tries.
func ValidateOTP(length int, ttl time.Duration, attempts int) error {
	switch {
	case length < OTPLengthMin || length > OTPLengthMax:
		return fmt.Errorf("otp length %d out of %d..%d", length, OTPLengthMin, OTPLengthMax)
	case ttl < OTPTTLMin || ttl > OTPTTLMax:
		return fmt.Errorf("otp ttl %s out of %s..%s", ttl, OTPTTLMin, OTPTTLMax)
	case attempts < 1 || attempts > OTPAttemptsMax:
		return fmt.Errorf("otp attempts %d out of 1..%d", attempts, OTPAttemptsMax)
	}
	return nil
}
