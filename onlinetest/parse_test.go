package onlinetest

import (
	"strconv"
	"strings"
	"testing"

	"github.com/prakerja/prakerja"
)

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		old, new  string // replace the first old with new in smallBank; old "" appends new
		line      int
		field     string
		code      prakerja.Code
		msgSubstr string
	}{
		{"ErrVersion", "version: 1", "version: 0", 2, "version", prakerja.CodeBadValue, "1 to"},
		{"ErrPassPercent", "pass_percent: 50", "pass_percent: 150", 7, "rules.pass_percent", prakerja.CodeBadValue, "got 150"},
		{"ErrTimeLimitFraction", "time_limit: 10m", "time_limit: 90500ms", 6, "rules.time_limit", prakerja.CodeBadValue, "whole seconds"},
		{"ErrTimeLimitLong", "time_limit: 10m", "time_limit: 4h", 6, "rules.time_limit", prakerja.CodeBadValue, "got 4h"},
		{"ErrPerAttempt", "questions_per_attempt: 3", "questions_per_attempt: 4", 5, "rules.questions_per_attempt", prakerja.CodeBadValue, "draw 3"},
		{"ErrDrawOverPool", "draw: 1", "draw: 2", 17, "sections[1].draw", prakerja.CodeBadValue, "1 questions"},
		{"ErrNoScoredSection", "scored: true", "scored: false", 10, "sections", prakerja.CodeBadValue, "scored"},
		{"ErrUnknownField", "    kind: likert", "    kind: likert\n    colour: red", 48, "", prakerja.CodeBadFormat, "colour"},
		{"ErrTypeDraw", "draw: 2", "draw: two", 13, "", prakerja.CodeBadFormat, "column"},
		{"ErrSyntax", `title: {id: "Tes kecil", en: "Small test"}`, `title: {id: "Tes kecil", en: "Small test"`, 4, "", prakerja.CodeBadFormat, "syntax"},
		{"ErrUnknownSection", "section: hitung\n    kind: choice\n    text: {id: \"10", "section: hitungan\n    kind: choice\n    text: {id: \"10", 38, "questions[2].section", prakerja.CodeBadValue, "hitungan"},
		{"ErrDuplicateID", "id: h2", "id: h1", 28, "questions[1].id", prakerja.CodeBadValue, "twice"},
		{"ErrBadID", "id: h2", "id: H 2", 28, "questions[1].id", prakerja.CodeBadFormat, "lowercase"},
		{"ErrNoCorrect", "{id: \"6\", en: \"6\"}\n        correct: true\n      - text: {id: \"4\"", "{id: \"6\", en: \"6\"}\n      - text: {id: \"4\"", 41, "questions[2].options", prakerja.CodeBadValue, "exactly one"},
		{"ErrMissingEN", `{id: "4", en: "4"}`, `{id: "4"}`, 44, "questions[2].options[1].text.en", prakerja.CodeRequired, "required"},
		{"ErrLikertPoints", "        points: 0\n", "", 50, "questions[3].options[0]", prakerja.CodeRequired, "points"},
		{"ErrLikertCorrect", "        points: 0\n", "        points: 0\n        correct: true\n", 52, "questions[3].options[0].correct", prakerja.CodeBadValue, "never correct"},
		{"ErrChoicePoints", "        correct: true\n      - text: {id: \"3\"", "        correct: true\n        points: 1\n      - text: {id: \"3\"", 27, "questions[0].options[0].points", prakerja.CodeBadValue, "no points"},
		{"ErrOneOption", "        correct: true\n      - text: {id: \"3\", en: \"3\"}\n", "        correct: true\n", 24, "questions[0].options", prakerja.CodeBadValue, "2 to 6"},
		{"ErrKind", "kind: likert", "kind: scale", 47, "questions[3].kind", prakerja.CodeBadValue, "scale"},
		{"ErrControlChar", `en: "Small test"`, `en: "Small\ttest"`, 3, "title.en", prakerja.CodeBadFormat, "control"},
		{"ErrTitleLong", `en: "Small test"`, `en: "` + strings.Repeat("x", TitleLengthMax+1) + `"`, 3, "title.en", prakerja.CodeTooLong, "100"},
		{"ErrAnchor", `title: {id:`, `title: &t {id:`, 3, "", prakerja.CodeBadFormat, "anchors"},
		{"ErrSecondDocument", "", "---\nname: lagi\n", 55, "", prakerja.CodeBadFormat, "second YAML document"},
		{"ErrNotMapping", smallBank, "- a\n- b\n", 1, "", prakerja.CodeBadFormat, "mapping"},
		{"ErrEmpty", smallBank, "# nothing\n", 1, "", prakerja.CodeRequired, "empty"},
		{"ErrLineLong", "", "# " + strings.Repeat("x", LineLengthMax) + "\n", 54, "", prakerja.CodeTooLong, "longer"},
		{"ErrFileLarge", "", strings.Repeat("# padding line\n", FileSizeMax/15+1), 0, "", prakerja.CodeTooLong, "KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := smallBank + tt.new
			if tt.old != "" {
				if !strings.Contains(smallBank, tt.old) {
					t.Fatalf("fixture lacks %q", tt.old)
				}
				data = strings.Replace(smallBank, tt.old, tt.new, 1)
			}
			_, err := Parse([]byte(data), "test.yaml")
			checkProblem(t, err, tt.line, tt.field, tt.code, tt.msgSubstr)
		})
	}
}

// checkProblem checks that err is a CodeInvalid error with a problem at
// line on field with code, whose message holds msgSubstr.
func checkProblem(t *testing.T, err error, line int, field string, code prakerja.Code, msgSubstr string) {
	t.Helper()
	if got := prakerja.ErrorCode(err); got != prakerja.CodeInvalid {
		t.Fatalf("code = %q (%v), want %q", got, err, prakerja.CodeInvalid)
	}
	prefix := ""
	if line > 0 {
		prefix = "line " + strconv.Itoa(line) + ": "
	}
	for _, f := range prakerja.ErrorFields(err) {
		if f.Field == field && f.Code == code && strings.HasPrefix(f.Message, prefix) &&
			strings.Contains(f.Message, msgSubstr) {
			return
		}
	}
	t.Errorf("no problem %q at line %d code %q with %q in:\n%v", field, line, code, msgSubstr, err)
}

func TestParseMessageFormat(t *testing.T) {
	t.Parallel()
	_, err := Parse([]byte(strings.Replace(smallBank, "version: 1", "version: 0", 1)), "bank.yaml")
	want := "bank.yaml:2: version: must be 1 to 1000000, got 0"
	if got := prakerja.ErrorMessage(err); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

func TestParseOK(t *testing.T) {
	t.Parallel()
	b := MustParse(t, smallBank)
	if b.Name != "kecil" || len(b.Sections) != 2 || len(b.Questions) != 4 || b.Rules.TimeLimit.Minutes() != 10 {
		t.Errorf("bank = %+v", b)
	}
	if _, err := Parse(BuiltinYAML(), "dasar.yaml"); err != nil {
		t.Errorf("built-in: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(smallBank))
	f.Add([]byte("name: x\n"))
	f.Add([]byte("a: &a [1]\nb: *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(data, "fuzz.yaml")
		if err != nil {
			if prakerja.ErrorCode(err) != prakerja.CodeInvalid {
				t.Fatalf("code = %q: %v", prakerja.ErrorCode(err), err)
			}
			if len(prakerja.ErrorFields(err)) > ProblemsMax {
				t.Fatalf("%d fields, over ProblemsMax", len(prakerja.ErrorFields(err)))
			}
			return
		}
		// A bank that parses must draw and score without panicking.
		a := Start(b, "reg", 1, t0, testSeed(1))
		if len(a.Items) != b.Rules.QuestionsPerAttempt {
			t.Fatalf("%d items, want %d", len(a.Items), b.Rules.QuestionsPerAttempt)
		}
		if _, err := Score(a, nil, t0); err != nil {
			t.Fatalf("Score: %v", err)
		}
	})
}
