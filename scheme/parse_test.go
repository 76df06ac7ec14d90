package scheme_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// validLines is a valid scheme, one line per entry, so that a test can break
// line n and know the line number the message must carry. Line numbers are
// 1-based: validLines[0] is line 1.
var validLines = []string{
	`name: "test"`,                      // 1
	`title: "Test scheme"`,              // 2
	`currency: IDR`,                     // 3
	`training_balance: 1000000`,         // 4
	`incentives:`,                       // 5
	`  amount: 600000`,                  // 6
	`  count: 4`,                        // 7
	`  interval_days: 30`,               // 8
	`surveys:`,                          // 9
	`  amount: 50000`,                   // 10
	`  count: 3`,                        // 11
	`total: 3550000`,                    // 12
	`first_purchase_deadline_days: 30`,  // 13
	`programme_end: 2020-12-15`,         // 14
	`wave_close_time: "16:00"`,          // 15
	`eligibility:`,                      // 16
	`  min_age: 18`,                     // 17
	`  max_age: 0`,                      // 18
	`  max_participants_per_kk: 0`,      // 19
	`  excluded_categories: [asn, tni]`, // 20
	`  rules:`,                          // 21
	`    - code: age_below_minimum`,     // 22
	`      require: applicant.age >= scheme.min_age`, // 23
	`      message:`, // 24
	`        id: "Usia Anda di bawah {min_age} tahun."`,                              // 25
	`        en: "You are under {min_age}."`,                                         // 26
	`    - code: excluded_group`,                                                     // 27
	`      require: applicant.exclusions.all(c, !(c in scheme.excluded_categories))`, // 28
	`      message:`, // 29
	`        id: "NIK Anda terdaftar dalam kelompok yang dikecualikan."`, // 30
	`        en: "Your NIK is on an exclusion list."`,                    // 31
	`registration:`,               // 32
	`  otp_length: 6`,             // 33
	`  otp_ttl: 5m`,               // 34
	`  otp_max_attempts: 5`,       // 35
	`  otp_per_phone_per_hour: 5`, // 36
	`targeting:`,                  // 37
	`  social_assistance_categories: [pkh, bpnt]`, // 38
}

// edited returns the valid scheme with line n replaced by text; an empty
// text removes the line, and a text with newlines becomes several lines.
func edited(n int, text string) string {
	lines := append([]string(nil), validLines...)
	if text == "" {
		lines = append(lines[:n-1], lines[n:]...)
	} else {
		lines[n-1] = text
	}
	return strings.Join(lines, "\n") + "\n"
}

func validText() string { return strings.Join(validLines, "\n") + "\n" }

func TestParseValid(t *testing.T) {
	t.Parallel()
	s, err := scheme.Parse([]byte(validText()), "test.yaml")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got, want := s.Total(), int64(3_550_000); got != want {
		t.Errorf("Total() = %d, want %d", got, want)
	}
}

// TestParseAccepts checks spellings an operator may reasonably use.
func TestParseAccepts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
	}{
		{"GroupedDigits", edited(4, "training_balance: 1_000_000")},
		{"UnquotedNumericName", edited(1, "name: 2020")},
		{"FlowSection", strings.Replace(validText(),
			"incentives:\n  amount: 600000\n  count: 4\n  interval_days: 30\n",
			"incentives: { amount: 600000, count: 4, interval_days: 30 }\n", 1)},
		{"Comments", "# a scheme\n" + strings.Replace(validText(), "total: 3550000", "total: 3550000 # Rp 3.550.000", 1)},
		{"DocumentStart", "---\n" + validText()},
		{"QuotedDate", edited(14, `programme_end: "2020-12-15"`)},
		{"UnquotedTime", edited(15, `wave_close_time: 16:00`)},
		{"SingleIncentiveNoInterval", strings.Replace(strings.Replace(validText(),
			"  count: 4\n  interval_days: 30", "  count: 1\n  interval_days: 0", 1),
			"total: 3550000", "total: 1750000", 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := scheme.Parse([]byte(tc.src), "test.yaml"); err != nil {
				t.Fatalf("Parse: %v\n%s", err, tc.src)
			}
		})
	}
}

// TestParseErrors breaks the valid scheme one way per case and checks that
// the message names the file, the line and the field, and says why.
func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		src   string
		line  int    // 0: the message carries no line
		field string // "": the message names no field
		want  string // in the message line that starts with file:line: field:
		more  bool   // other problems may be reported too
	}{
		// YAML syntax.
		{name: "ErrSyntaxUnclosedQuote", src: edited(2, `title: 'Test scheme`), line: 2, field: "title",
			want: "YAML syntax error at column 8: could not find end character of single-quoted text"},
		{name: "ErrSyntaxColon", src: edited(2, `title: Test: scheme`), line: 2, field: "title",
			want: "YAML syntax error at column"},
		{name: "ErrSyntaxBadIndent", src: edited(7, ` count: 4`), line: 7, field: "incentives.count",
			want: "YAML syntax error at column 2"},
		{name: "ErrSyntaxDuplicateKey", src: edited(13, "total: 3550000"), line: 13, field: "total",
			want: `mapping key "total" already defined`},
		{name: "ErrTabIndent", src: edited(6, "\tamount: 600000"), line: 6, want: "YAML syntax error"},

		// Unknown fields, strictly.
		{name: "ErrUnknownTopField", src: edited(13, "first_purchase_days: 30"), line: 13,
			field: "first_purchase_days", want: "unknown field; did you mean first_purchase_deadline_days?"},
		{name: "ErrUnknownNestedField", src: edited(8, "  interval_days: 30\n  bonus: 1"), line: 9,
			field: "incentives.bonus", want: "unknown field; expected one of: amount, count, interval_days"},
		{name: "ErrShortenedField", src: edited(8, "  interval: 30"), line: 8,
			field: "incentives.interval", want: "unknown field; did you mean incentives.interval_days?"},
		{name: "ErrMisspeltField", src: edited(8, "  intervall_days: 30"), line: 8,
			field: "incentives.intervall_days", want: "did you mean incentives.interval_days?"},
		{name: "ErrUnknownSection", src: validText() + "bonus:\n  amount: 1\n", line: 39,
			field: "bonus", want: "unknown field"},

		// Wrong types.
		{name: "ErrFloatAmount", src: edited(6, "  amount: 600000.5"), line: 6, field: "incentives.amount",
			want: "must be a positive whole number of rupiah, got 600000.5 (rupiah amounts are whole numbers, without decimals)"},
		{name: "ErrFloatZeroDecimals", src: edited(4, "training_balance: 1000000.0"), line: 4, field: "training_balance",
			want: "without decimals"},
		{name: "ErrQuotedAmount", src: edited(6, `  amount: "600000"`), line: 6, field: "incentives.amount",
			want: `got the quoted text "600000" (remove the quotes)`},
		{name: "ErrDottedAmount", src: edited(4, "training_balance: 1.000.000"), line: 4, field: "training_balance",
			want: `got "1.000.000" (write digits only, without dots or commas`},
		{name: "ErrRupiahText", src: edited(4, "training_balance: Rp 1.000.000"), line: 4, field: "training_balance",
			want: `got "Rp 1.000.000" (write digits only`},
		{name: "ErrLeadingZero", src: edited(13, "first_purchase_deadline_days: 030"), line: 13,
			field: "first_purchase_deadline_days", want: "got 030 (no leading zeros"},
		{name: "ErrHexCount", src: edited(7, "  count: 0x4"), line: 7, field: "incentives.count",
			want: "got 0x4 (write decimal digits only)"},
		{name: "ErrBoolCount", src: edited(11, "  count: yes"), line: 11, field: "surveys.count",
			want: "must be a whole number from 1 to 24"},
		{name: "ErrSectionAsValue", src: edited(12, "total: { a: 1 }"), line: 12, field: "total",
			want: "got a section"},
		{name: "ErrListAsSection", src: strings.Replace(validText(),
			strings.Join(validLines[15:31], "\n")+"\n", "eligibility: [18, 0, 0]\n", 1),
			line: 16, field: "eligibility",
			want: "must be a section with the fields min_age, max_age, max_participants_per_kk, excluded_categories, rules, got a list"},
		{name: "ErrTitleNotText", src: edited(2, "title: [a]"), line: 2, field: "title", want: "must be text on one line"},
		{name: "ErrOverflow", src: edited(4, "training_balance: 99999999999999999999"), line: 4, field: "training_balance",
			want: "must be at most Rp 100.000.000, got 99999999999999999999"},
		{name: "ErrIntOverflow", src: edited(7, "  count: 9223372036854775807"), line: 7, field: "incentives.count",
			want: "must be a whole number from 1 to 24, got 9223372036854775807"},

		// Missing fields and values.
		{name: "ErrMissingField", src: edited(12, ""), line: 1, field: "total", want: "required field is missing"},
		{name: "ErrMissingNestedField", src: edited(7, ""), line: 5, field: "incentives.count",
			want: "required field is missing"},
		{name: "ErrMissingSection", src: strings.Replace(validText(), "surveys:\n  amount: 50000\n  count: 3\n", "", 1),
			line: 1, field: "surveys", want: "required section is missing (with amount, count)"},
		{name: "ErrEmptySection", src: strings.Replace(validText(), "surveys:\n  amount: 50000\n  count: 3\n", "surveys:\n", 1),
			line: 9, field: "surveys", want: "section is empty; it needs amount, count"},
		{name: "ErrNullValue", src: edited(19, "  max_participants_per_kk:"), line: 19,
			field: "eligibility.max_participants_per_kk",
			want:  "value is missing; expected a whole number from 0 to 20 (0 = no limit)"},
		{name: "ErrEmptyName", src: edited(1, `name: ""`), line: 1, field: "name", want: "must not be empty"},

		// Amounts and counts out of range.
		{name: "ErrNegativeAmount", src: edited(6, "  amount: -600000"), line: 6, field: "incentives.amount",
			want: "must be a positive whole number of rupiah, got -600000"},
		{name: "ErrZeroAmount", src: edited(10, "  amount: 0"), line: 10, field: "surveys.amount",
			want: "must be a positive whole number of rupiah, got 0"},
		{name: "ErrAmountOverCap", src: edited(4, "training_balance: 100000001"), line: 4, field: "training_balance",
			want: "must be at most Rp 100.000.000, got 100000001"},
		{name: "ErrCountZero", src: edited(11, "  count: 0"), line: 11, field: "surveys.count",
			want: "must be a whole number from 1 to 24, got 0"},
		{name: "ErrCountOver", src: edited(7, "  count: 25"), line: 7, field: "incentives.count",
			want: "must be a whole number from 1 to 24, got 25"},
		{name: "ErrIntervalNeeded", src: edited(8, "  interval_days: 0"), line: 8, field: "incentives.interval_days",
			want: "must be at least 1 when incentives.count is more than 1, got 0"},

		// The total is a check.
		{name: "ErrTotalNotSum", src: edited(12, "total: 3500000"), line: 12, field: "total",
			want: "is Rp 3.500.000 but training_balance + incentives + surveys = " +
				"Rp 1.000.000 + 4 × Rp 600.000 + 3 × Rp 50.000 = Rp 3.550.000"},

		// Durations, dates, times.
		{name: "ErrDurationText", src: edited(34, "  otp_ttl: five minutes"), line: 34, field: "registration.otp_ttl",
			want: `must be a duration such as 5m, 90s or 1m30s, got "five minutes"`},
		{name: "ErrDurationNoUnit", src: edited(34, "  otp_ttl: 300"), line: 34, field: "registration.otp_ttl",
			want: "got 300 (add a unit, e.g. 300s)"},
		{name: "ErrDurationTooLong", src: edited(34, "  otp_ttl: 2h"), line: 34, field: "registration.otp_ttl",
			want: "must be from 30s to 30m, got 2h"},
		{name: "ErrDurationTooShort", src: edited(34, "  otp_ttl: 10s"), line: 34, field: "registration.otp_ttl",
			want: "must be from 30s to 30m, got 10s"},
		{name: "ErrDateFormat", src: edited(14, "programme_end: 15-12-2020"), line: 14, field: "programme_end",
			want: `must be a date written YYYY-MM-DD, got "15-12-2020"`},
		{name: "ErrDateImpossible", src: edited(14, "programme_end: 2021-02-29"), line: 14, field: "programme_end",
			want: `got "2021-02-29"`},
		{name: "ErrDateOutOfRange", src: edited(14, "programme_end: 2019-12-31"), line: 14, field: "programme_end",
			want: "must be between 2020-01-01 and 2100-12-31, got 2019-12-31"},
		{name: "ErrTimeOfDay", src: edited(15, `wave_close_time: "24:00"`), line: 15, field: "wave_close_time",
			want: `must be a time of day written HH:MM (WIB), got the quoted text "24:00"`},
		{name: "ErrTimeOfDayNumber", src: edited(15, `wave_close_time: 1600`), line: 15, field: "wave_close_time",
			want: "got 1600"},

		// Limits out of range.
		{name: "ErrMinAgeLow", src: edited(17, "  min_age: 10"), line: 17, field: "eligibility.min_age",
			want: "must be a whole number from 15 to 100, got 10"},
		{name: "ErrMaxAgeBelowMin", src: edited(18, "  max_age: 17"), line: 18, field: "eligibility.max_age",
			want: "must be 0 (no upper limit) or at least eligibility.min_age (18), got 17"},
		{name: "ErrPerKKOver", src: edited(19, "  max_participants_per_kk: 21"), line: 19,
			field: "eligibility.max_participants_per_kk", want: "must be a whole number from 0 to 20 (0 = no limit), got 21"},
		{name: "ErrOTPLength", src: edited(33, "  otp_length: 3"), line: 33, field: "registration.otp_length",
			want: "must be a whole number from 4 to 8, got 3"},
		{name: "ErrOTPAttempts", src: edited(35, "  otp_max_attempts: 0"), line: 35, field: "registration.otp_max_attempts",
			want: "must be a whole number from 1 to 10, got 0"},
		{name: "ErrDeadline", src: edited(13, "first_purchase_deadline_days: 365"), line: 13,
			field: "first_purchase_deadline_days", want: "must be a whole number from 1 to 180, got 365"},

		// Text fields.
		{name: "ErrCurrency", src: edited(3, "currency: USD"), line: 3, field: "currency",
			want: `must be IDR (amounts are whole rupiah), got "USD"`},
		{name: "ErrName", src: edited(1, `name: "Skema 2020"`), line: 1, field: "name",
			want: "must be lowercase letters, digits, '-' or '_'"},
		{name: "ErrTitleSpaces", src: edited(2, `title: " x"`), line: 2, field: "title",
			want: "must not start or end with spaces"},

		// YAML features a scheme file does without.
		{name: "ErrAnchor", src: edited(35, "  otp_max_attempts: &n 5"), line: 35, field: "registration.otp_max_attempts",
			want: "anchors (&), aliases (*) and tags (!) are not allowed"},
		{name: "ErrTag", src: edited(7, "  count: !!int 4"), line: 7, field: "incentives.count",
			want: "anchors (&), aliases (*) and tags (!) are not allowed"},
		{name: "ErrMergeKey", src: edited(8, "  <<: { interval_days: 30 }"), line: 8, field: "incentives",
			want: "merge keys (<<) are not allowed", more: true},
		{name: "ErrTwoDocuments", src: validText() + "---\nname: \"other\"\n", line: 39,
			want: "a scheme file holds one scheme"},
		{name: "ErrEmpty", src: "# nothing here\n", line: 1, want: "file is empty"},
		{name: "ErrNotAMapping", src: "- name: x\n", line: 1, want: "a scheme file must be a list of fields"},

		// Limits on the file itself.
		{name: "ErrTooLarge", src: validText() + "#" + strings.Repeat("x", scheme.FileSizeMax),
			want: "more than the 64 KiB a scheme file may have"},
		{name: "ErrLongLine", src: validText() + "# " + strings.Repeat("x", scheme.LineLengthMax), line: 39,
			want: "line is longer than 1000 bytes"},
		{name: "ErrFlowNesting", src: "name: " + strings.Repeat("[", scheme.FlowCollectionsMax+1), line: 1,
			want: "more than 100 '[' and '{'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := scheme.Parse([]byte(tc.src), "bad.yaml")
			if s != nil {
				t.Errorf("Parse returned a scheme along with the error")
			}
			e := schemeError(t, err, prakerja.CodeSchemeInvalid)
			prefix := "bad.yaml"
			if tc.line > 0 {
				prefix += fmt.Sprintf(":%d", tc.line)
			}
			prefix += ": "
			if tc.field != "" {
				prefix += tc.field + ": "
			}
			found := false
			for _, line := range strings.Split(e.Message, "\n") {
				if strings.HasPrefix(line, prefix) && strings.Contains(line, tc.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("message:\n%s\nwant a line that starts with %q and contains %q", e.Message, prefix, tc.want)
			}
			if n := strings.Count(e.Message, "\n") + 1; n != 1 && !tc.more {
				t.Errorf("message has %d lines, want the one problem alone:\n%s", n, e.Message)
			}
		})
	}
}

// TestParseCollectsProblems breaks several lines at once: each gets its own
// line of the message, in line order; a broken part does not also raise a
// "total" problem, nor a misspelt field a "missing" one, that would only
// repeat it.
func TestParseCollectsProblems(t *testing.T) {
	t.Parallel()
	lines := append([]string(nil), validLines...)
	lines[5] = "  amount: 600000.5"       // line 6
	lines[10] = "  count: 30"             // line 11
	lines[12] = "first_purchase_days: 30" // line 13
	lines[33] = "  otp_ttl: 5 minutes"    // line 34
	src := strings.Join(lines, "\n") + "\n"
	_, err := scheme.Parse([]byte(src), "2020.yaml")
	e := schemeError(t, err, prakerja.CodeSchemeInvalid)
	want := []string{
		"2020.yaml:6: incentives.amount: must be a positive whole number of rupiah, got 600000.5",
		"2020.yaml:11: surveys.count: must be a whole number from 1 to 24, got 30",
		"2020.yaml:13: first_purchase_days: unknown field; did you mean first_purchase_deadline_days?",
		"2020.yaml:34: registration.otp_ttl: must be a duration",
	}
	got := strings.Split(e.Message, "\n")
	if len(got) != len(want) {
		t.Fatalf("message has %d lines, want %d:\n%s", len(got), len(want), e.Message)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("line %d = %q, want prefix %q", i+1, got[i], want[i])
		}
	}
	if len(e.Fields) != len(want) {
		t.Errorf("len(Fields) = %d, want %d", len(e.Fields), len(want))
	}
	if got, want := e.Fields[0], (prakerja.FieldError{Field: "incentives.amount", Code: prakerja.CodeBadFormat,
		Message: "line 6: must be a positive whole number of rupiah, got 600000.5 " +
			"(rupiah amounts are whole numbers, without decimals)"}); got != want {
		t.Errorf("Fields[0] = %+v, want %+v", got, want)
	}
}

// TestParseProblemsMax checks that a file of nonsense yields a bounded
// message.
func TestParseProblemsMax(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(validText())
	for i := range 30 {
		fmt.Fprintf(&b, "extra_%d: 1\n", i)
	}
	_, err := scheme.Parse([]byte(b.String()), "bad.yaml")
	e := schemeError(t, err, prakerja.CodeSchemeInvalid)
	lines := strings.Split(e.Message, "\n")
	if got, want := len(lines), scheme.ProblemsMax+1; got != want {
		t.Fatalf("message has %d lines, want %d", got, want)
	}
	if got, want := lines[len(lines)-1], "… and 10 more problems"; got != want {
		t.Errorf("last line = %q, want %q", got, want)
	}
}

// TestLoad reads built-in names and files, and refuses what is neither.
func TestLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", validText())
	goodYML := write("good.yml", validText())
	bad := write("bad.yaml", edited(6, "  amount: 600000.5"))
	large := write("large.yaml", strings.Repeat("#", scheme.FileSizeMax+10))
	noExt := write("scheme", validText())
	if err := os.Mkdir(filepath.Join(dir, "dir.yaml"), 0o700); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		arg  string
		code prakerja.Code // "" = success
		want string        // in the message, or the loaded scheme's name
	}{
		{name: "OKBuiltin", arg: "2023", want: "2023"},
		{name: "OKFile", arg: good, want: "test"},
		{name: "OKYml", arg: goodYML, want: "test"},
		{name: "ErrMalformedFile", arg: bad, code: prakerja.CodeSchemeInvalid,
			want: bad + ":6: incentives.amount: must be a positive whole number of rupiah"},
		{name: "ErrTooLarge", arg: large, code: prakerja.CodeSchemeInvalid, want: "more than the 64 KiB"},
		{name: "ErrMissingFile", arg: filepath.Join(dir, "missing.yaml"), code: prakerja.CodeSchemeUnknown,
			want: "scheme file does not exist"},
		{name: "ErrDirectory", arg: filepath.Join(dir, "dir.yaml"), code: prakerja.CodeSchemeInvalid,
			want: "cannot read the scheme file"},
		{name: "ErrUnknownName", arg: "2019", code: prakerja.CodeSchemeUnknown,
			want: `unknown scheme "2019"; give a built-in scheme (2020, 2023) or the path of a .yaml or .yml file`},
		{name: "ErrNoExtension", arg: noExt, code: prakerja.CodeSchemeUnknown, want: "unknown scheme"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := scheme.Load(tc.arg)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("Load(%q): %v", tc.arg, err)
				}
				if s.Name != tc.want {
					t.Errorf("Name = %q, want %q", s.Name, tc.want)
				}
				return
			}
			e := schemeError(t, err, tc.code)
			if !strings.Contains(e.Message, tc.want) {
				t.Errorf("message:\n%s\nwant it to contain:\n%s", e.Message, tc.want)
			}
		})
	}
}

// FuzzParse feeds arbitrary bytes to Parse: it must never panic, must answer
// with a *prakerja.Error when it refuses, and whatever it accepts must
// validate and survive a YAML round trip.
func FuzzParse(f *testing.F) {
	f.Add([]byte(validText()))
	for _, name := range scheme.BuiltinNames() {
		raw, err := scheme.BuiltinYAML(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte("incentives: { amount: 1, count: [2] }\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := scheme.Parse(data, "fuzz.yaml")
		if err != nil {
			schemeError(t, err, prakerja.CodeSchemeInvalid)
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("Parse accepted what Validate refuses: %v", err)
		}
		back, err := scheme.Parse(s.YAML(), "fuzz.out.yaml")
		if err != nil {
			t.Fatalf("Parse(YAML()): %v", err)
		}
		if diff := cmp.Diff(s, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}
