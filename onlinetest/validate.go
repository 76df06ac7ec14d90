package onlinetest

import (
	"fmt"
	"regexp"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
)

// idRE is the shape of bank names and section and question ids: short ASCII
// words that are safe in URLs, logs and database keys.
var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// checker collects the problems of a bank.
type checker struct {
	problems []problem
}

func (c *checker) add(path string, code prakerja.Code, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	c.problems = append(c.problems, problem{Path: path, Code: code, Message: msg})
}

// check returns every problem of b, each with its path and no line.
func (b *Bank) check() []problem {
	c := &checker{}
	c.id("name", b.Name)
	if b.Version < 1 || b.Version > VersionMax {
		c.add("version", prakerja.CodeBadValue, "must be 1 to %d, got %d", VersionMax, b.Version)
	}
	c.text("title", b.Title, TitleLengthMax)
	c.sections(b)
	c.questions(b)
	c.rules(b)
	return c.problems
}

// id checks an identifier.
func (c *checker) id(path, s string) {
	switch {
	case s == "":
		c.add(path, prakerja.CodeRequired, "is required")
	case len(s) > NameLengthMax:
		c.add(path, prakerja.CodeTooLong, "is longer than %d bytes", NameLengthMax)
	case !idRE.MatchString(s):
		c.add(path, prakerja.CodeBadFormat, "must be lowercase letters, digits, '-' and '_', got %q", s)
	}
}

// text checks both languages of a Text.
func (c *checker) text(path string, t Text, max int) {
	c.sentence(path+".id", t.ID, max)
	c.sentence(path+".en", t.EN, max)
}

// sentence checks one text: present, valid UTF-8, within max runes, and free
// of control characters other than newline, which could break the page.
func (c *checker) sentence(path, s string, max int) {
	switch {
	case s == "":
		c.add(path, prakerja.CodeRequired, "is required")
	case !utf8.ValidString(s):
		c.add(path, prakerja.CodeBadFormat, "is not valid UTF-8")
	case utf8.RuneCountInString(s) > max:
		c.add(path, prakerja.CodeTooLong, "is longer than %d characters", max)
	default:
		for _, r := range s {
			if unicode.IsControl(r) && r != '\n' {
				c.add(path, prakerja.CodeBadFormat, "holds the control character %U", r)
				return
			}
		}
	}
}

// rules checks the test rules against their limits and the sections.
func (c *checker) rules(b *Bank) {
	r := b.Rules
	c.intRange("rules.questions_per_attempt", r.QuestionsPerAttempt, 1, QuestionsPerAttemptMax)
	draws := 0
	for _, s := range b.Sections {
		draws += s.Draw
	}
	if r.QuestionsPerAttempt >= 1 && r.QuestionsPerAttempt != draws {
		c.add("rules.questions_per_attempt", prakerja.CodeBadValue,
			"is %d but the sections draw %d questions in all", r.QuestionsPerAttempt, draws)
	}
	c.duration("rules.time_limit", r.TimeLimit, TimeLimitMin, TimeLimitMax)
	c.intRange("rules.pass_percent", r.PassPercent, 1, 100)
	c.intRange("rules.attempts_max", r.AttemptsMax, 1, AttemptsMaxMax)
	c.duration("rules.retake_wait", r.RetakeWait, 0, RetakeWaitMax)
}

func (c *checker) intRange(path string, v, lo, hi int) {
	if v < lo || v > hi {
		c.add(path, prakerja.CodeBadValue, "must be %d to %d, got %d", lo, hi, v)
	}
}

// duration checks a duration's range, and that it is whole seconds because
// deadlines are kept to the second.
func (c *checker) duration(path string, d, lo, hi time.Duration) {
	switch {
	case d < lo || d > hi:
		c.add(path, prakerja.CodeBadValue, "must be %s to %s, got %s", lo, hi, d)
	case d%time.Second != 0:
		c.add(path, prakerja.CodeBadValue, "must be whole seconds, got %s", d)
	}
}
