package scheme_test

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// mustBuiltin returns the built-in scheme name. Fatal on error.
func mustBuiltin(tb testing.TB, name string) *scheme.Scheme {
	tb.Helper()
	s, err := scheme.Builtin(name)
	if err != nil {
		tb.Fatalf("Builtin(%q): %v", name, err)
	}
	return s
}

// schemeError returns err as a *prakerja.Error. Fatal if it is not one or has
// another code.
func schemeError(tb testing.TB, err error, code prakerja.Code) *prakerja.Error {
	tb.Helper()
	var e *prakerja.Error
	if !errors.As(err, &e) {
		tb.Fatalf("err = %v (%T), want *prakerja.Error", err, err)
	}
	if e.Code != code {
		tb.Fatalf("code = %q, want %q; message:\n%s", e.Code, code, e.Message)
	}
	return e
}

// TestBuiltins checks the shipped schemes against the amounts, deadlines and
// limits of DOMAIN.md §2.5, §3.3 and §4.4, so that an edit to a built-in file
// that changes the programme's money is caught.
func TestBuiltins(t *testing.T) {
	t.Parallel()
	if got, want := scheme.BuiltinNames(), []string{"2020", "2023"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("BuiltinNames() = %v, want %v", got, want)
	}
	tests := []struct {
		name                       string
		total, cash                int64
		training                   int64
		incentive                  int64
		incentives                 int
		survey                     int64
		surveys                    int
		deadlineDays               int
		end                        scheme.Date
		minAge, maxAge, perKK      int
		endsAt                     string
		waveClose                  string
		ageOK, ageTooYoung, ageOld int
		oldAllowed                 bool
	}{
		{name: "2020", total: 3_550_000, cash: 2_550_000, training: 1_000_000,
			incentive: 600_000, incentives: 4, survey: 50_000, surveys: 3, deadlineDays: 30,
			end: scheme.Date{Year: 2020, Month: time.December, Day: 15}, minAge: 18, maxAge: 0, perKK: 0,
			endsAt: "2020-12-15T17:00:00Z", waveClose: "16:00",
			ageOK: 18, ageTooYoung: 17, ageOld: 90, oldAllowed: true},
		{name: "2023", total: 4_200_000, cash: 700_000, training: 3_500_000,
			incentive: 600_000, incentives: 1, survey: 50_000, surveys: 2, deadlineDays: 15,
			end: scheme.Date{Year: 2023, Month: time.December, Day: 31}, minAge: 18, maxAge: 64, perKK: 2,
			endsAt: "2023-12-31T17:00:00Z", waveClose: "23:59",
			ageOK: 64, ageTooYoung: 17, ageOld: 65, oldAllowed: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := mustBuiltin(t, tc.name)
			if err := s.Validate(); err != nil {
				t.Fatalf("Validate() = %v", err)
			}
			if got, want := s.Name, tc.name; got != want {
				t.Errorf("Name = %q, want %q", got, want)
			}
			if got, want := s.Total(), tc.total; got != want {
				t.Errorf("Total() = %d, want %d", got, want)
			}
			if got, want := s.DeclaredTotal, tc.total; got != want {
				t.Errorf("DeclaredTotal = %d, want %d", got, want)
			}
			if got, want := s.CashTotal(), tc.cash; got != want {
				t.Errorf("CashTotal() = %d, want %d", got, want)
			}
			if got, want := s.TrainingBalance, tc.training; got != want {
				t.Errorf("TrainingBalance = %d, want %d", got, want)
			}
			if got, want := s.Incentives, (scheme.Incentives{Amount: tc.incentive, Count: tc.incentives,
				IntervalDays: s.Incentives.IntervalDays}); got != want {
				t.Errorf("Incentives = %+v, want %+v", got, want)
			}
			if got, want := s.Surveys, (scheme.Surveys{Amount: tc.survey, Count: tc.surveys}); got != want {
				t.Errorf("Surveys = %+v, want %+v", got, want)
			}
			if got, want := s.FirstPurchaseDeadlineDays, tc.deadlineDays; got != want {
				t.Errorf("FirstPurchaseDeadlineDays = %d, want %d", got, want)
			}
			if got, want := s.ProgrammeEnd, tc.end; got != want {
				t.Errorf("ProgrammeEnd = %v, want %v", got, want)
			}
			if got, want := s.ProgrammeEndsAt().UTC().Format(time.RFC3339), tc.endsAt; got != want {
				t.Errorf("ProgrammeEndsAt() = %s, want %s", got, want)
			}
			if got, want := s.WaveCloseTime.String(), tc.waveClose; got != want {
				t.Errorf("WaveCloseTime = %s, want %s", got, want)
			}
			e := s.Eligibility
			if e.MinAge != tc.minAge || e.MaxAge != tc.maxAge || e.MaxParticipantsPerKK != tc.perKK {
				t.Errorf("Eligibility = %+v, want min %d max %d per KK %d", e, tc.minAge, tc.maxAge, tc.perKK)
			}
			if !e.AgeAllowed(tc.ageOK) || e.AgeAllowed(tc.ageTooYoung) || e.AgeAllowed(tc.ageOld) != tc.oldAllowed {
				t.Errorf("AgeAllowed wrong for %+v", e)
			}
			if got, want := s.Registration.OTPTTL.Std(), 5*time.Minute; got != want {
				t.Errorf("OTPTTL = %v, want %v", got, want)
			}
		})
	}
}

// TestBuiltinIsACopy checks that a caller editing its scheme cannot change
// what the next caller gets.
func TestBuiltinIsACopy(t *testing.T) {
	t.Parallel()
	a := mustBuiltin(t, "2020")
	a.TrainingBalance = 1
	a.Eligibility.Rules[0].Require = "true"
	a.Eligibility.ExcludedCategories[0] = "pkh"
	b := mustBuiltin(t, "2020")
	if b.TrainingBalance != 1_000_000 {
		t.Fatalf("TrainingBalance = %d after a caller edited its copy", b.TrainingBalance)
	}
	if b.Eligibility.Rules[0].Require == "true" || b.Eligibility.ExcludedCategories[0] == "pkh" {
		t.Fatalf("Eligibility = %+v after a caller edited its copy", b.Eligibility)
	}
}

func TestBuiltinUnknown(t *testing.T) {
	t.Parallel()
	_, err := scheme.Builtin("2019")
	e := schemeError(t, err, prakerja.CodeSchemeUnknown)
	for _, want := range []string{`"2019"`, "2020, 2023"} {
		if !strings.Contains(e.Message, want) {
			t.Errorf("message %q lacks %q", e.Message, want)
		}
	}
}

// TestRoundTrip writes each built-in scheme with YAML and as JSON and reads
// it back: the result must be equal, field for field.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, name := range scheme.BuiltinNames() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := mustBuiltin(t, name)
			back, err := scheme.Parse(s.YAML(), name+".out.yaml")
			if err != nil {
				t.Fatalf("Parse(YAML()): %v\n%s", err, s.YAML())
			}
			if diff := cmp.Diff(s, back); diff != "" {
				t.Errorf("YAML round trip (-want +got):\n%s", diff)
			}

			data, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			var fromJSON scheme.Scheme
			if err := json.Unmarshal(data, &fromJSON); err != nil {
				t.Fatalf("json.Unmarshal(%s): %v", data, err)
			}
			if diff := cmp.Diff(*s, fromJSON); diff != "" {
				t.Errorf("JSON round trip (-want +got):\n%s", diff)
			}

			raw, err := scheme.BuiltinYAML(name)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(raw), "name: \""+name+"\"") {
				t.Errorf("BuiltinYAML(%q) does not hold its name", name)
			}
		})
	}
}

// TestJSONKeys pins the JSON shape the CLI prints: the same keys as the file.
func TestJSONKeys(t *testing.T) {
	t.Parallel()
	data, err := json.Marshal(mustBuiltin(t, "2020"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"training_balance":1000000`, `"total":3550000`,
		`"incentives":{"amount":600000,"count":4,"interval_days":30}`, `"programme_end":"2020-12-15"`,
		`"wave_close_time":"16:00"`, `"otp_ttl":"5m"`, `"max_participants_per_kk":0`,
		`"excluded_categories":["pejabat_negara",`,
		`"rules":[{"code":"not_citizen","require":"applicant.citizen","message":{"id":"Peserta harus`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON %s lacks %s", data, want)
		}
	}
}

// TestValidate checks a Scheme built in code: problems name the field but,
// having no file, no line.
func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		edit  func(s *scheme.Scheme)
		field string
		want  string
	}{
		{name: "ErrZeroAmount", edit: func(s *scheme.Scheme) { s.Incentives.Amount = 0 },
			field: "incentives.amount", want: "must be a positive whole number of rupiah, got 0"},
		{name: "ErrAmountOverCap", edit: func(s *scheme.Scheme) { s.TrainingBalance = scheme.AmountMax + 1 },
			field: "training_balance", want: "must be at most Rp 100.000.000"},
		{name: "ErrTotal", edit: func(s *scheme.Scheme) { s.DeclaredTotal = 3_500_000 },
			field: "total", want: "is Rp 3.500.000 but training_balance + incentives + surveys = " +
				"Rp 1.000.000 + 4 × Rp 600.000 + 3 × Rp 50.000 = Rp 3.550.000"},
		{name: "ErrNoName", edit: func(s *scheme.Scheme) { s.Name = "" },
			field: "name", want: "must not be empty"},
		{name: "ErrNoDate", edit: func(s *scheme.Scheme) { s.ProgrammeEnd = scheme.Date{} },
			field: "programme_end", want: "is missing"},
		{name: "ErrImpossibleDate", edit: func(s *scheme.Scheme) { s.ProgrammeEnd = scheme.Date{Year: 2021, Month: 2, Day: 29} },
			field: "programme_end", want: "2021-02-29 is not a real date"},
		{name: "ErrTimeOfDay", edit: func(s *scheme.Scheme) { s.WaveCloseTime = scheme.TimeOfDay{Hour: 24} },
			field: "wave_close_time", want: "must be a time of day from 00:00 to 23:59"},
		{name: "ErrFractionalSeconds", edit: func(s *scheme.Scheme) {
			s.Registration.OTPTTL = scheme.Duration(90*time.Second + time.Millisecond)
		}, field: "registration.otp_ttl", want: "must be a whole number of seconds"},
		{name: "ErrTitleTooLong", edit: func(s *scheme.Scheme) { s.Title = strings.Repeat("é", scheme.TitleLengthMax+1) },
			field: "title", want: "must be at most 100 characters, got 101"},
		{name: "ErrTitleControl", edit: func(s *scheme.Scheme) { s.Title = "a\tb" },
			field: "title", want: "must be printable text on one line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := mustBuiltin(t, "2020")
			tc.edit(s)
			e := schemeError(t, s.Validate(), prakerja.CodeSchemeInvalid)
			if want := tc.field + ": " + tc.want; !strings.Contains(e.Message, want) {
				t.Errorf("message:\n%s\nwant it to contain:\n%s", e.Message, want)
			}
			if len(e.Fields) != 1 || e.Fields[0].Field != tc.field {
				t.Errorf("Fields = %+v, want one for %s", e.Fields, tc.field)
			}
		})
	}
}

// TestTotalOverflow feeds parts whose sum overflows int64: Total must
// saturate rather than wrap, and Validate must refuse the scheme.
func TestTotalOverflow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(s *scheme.Scheme)
	}{
		{name: "Product", edit: func(s *scheme.Scheme) { s.Incentives.Amount = math.MaxInt64 / 2 }},
		{name: "Sum", edit: func(s *scheme.Scheme) { s.TrainingBalance = math.MaxInt64 - 1 }},
		{name: "NegativeProduct", edit: func(s *scheme.Scheme) {
			s.Incentives.Amount = math.MinInt64
			s.Incentives.Count = 2
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := mustBuiltin(t, "2020")
			tc.edit(s)
			if got := s.Total(); got != math.MaxInt64 {
				t.Errorf("Total() = %d, want math.MaxInt64", got)
			}
			schemeError(t, s.Validate(), prakerja.CodeSchemeInvalid)
		})
	}
}

func TestFormatRupiah(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n    int64
		want string
	}{
		{0, "Rp 0"},
		{999, "Rp 999"},
		{1000, "Rp 1.000"},
		{50_000, "Rp 50.000"},
		{600_000, "Rp 600.000"},
		{3_550_000, "Rp 3.550.000"},
		{4_200_000, "Rp 4.200.000"},
		{-5000, "-Rp 5.000"},
		{math.MaxInt64, "Rp 9.223.372.036.854.775.807"},
		{math.MinInt64, "-Rp 9.223.372.036.854.775.808"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			t.Parallel()
			if got := scheme.FormatRupiah(tc.n); got != tc.want {
				t.Errorf("FormatRupiah(%d) = %q, want %q", tc.n, got, tc.want)
			}
		})
	}
}

func TestEligibility(t *testing.T) {
	t.Parallel()
	capped := scheme.Eligibility{MinAge: 18, MaxAge: 64, MaxParticipantsPerKK: 2}
	open := scheme.Eligibility{MinAge: 18}
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"CappedAge17", capped.AgeAllowed(17), false},
		{"CappedAge18", capped.AgeAllowed(18), true},
		{"CappedAge64", capped.AgeAllowed(64), true},
		{"CappedAge65", capped.AgeAllowed(65), false},
		{"OpenAge99", open.AgeAllowed(99), true},
		{"CappedKK1", capped.KKHasRoom(1), true},
		{"CappedKK2", capped.KKHasRoom(2), false},
		{"OpenKK50", open.KKHasRoom(50), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

func TestTimeOfDayOn(t *testing.T) {
	t.Parallel()
	// Wave 2 closed Thursday 23 April 2020 at 16:00 WIB, 09:00 UTC.
	closesAt := scheme.TimeOfDay{Hour: 16}.On(scheme.Date{Year: 2020, Month: time.April, Day: 23})
	if got, want := closesAt.UTC().Format(time.RFC3339), "2020-04-23T09:00:00Z"; got != want {
		t.Fatalf("On() = %s, want %s", got, want)
	}
}

func TestDurationString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    time.Duration
		want string
	}{
		{5 * time.Minute, "5m"},
		{90 * time.Second, "1m30s"},
		{30 * time.Second, "30s"},
		{time.Hour, "1h"},
		{time.Hour + time.Minute, "1h1m"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			t.Parallel()
			if got := scheme.Duration(tc.d).String(); got != tc.want {
				t.Errorf("Duration(%v).String() = %q, want %q", tc.d, got, tc.want)
			}
		})
	}
}
