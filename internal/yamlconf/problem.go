package yamlconf

import (
	"fmt"
	"sort"
	"strings"

	"github.com/prakerja/prakerja"
)

// Problem is one thing wrong with a configuration file: the field as a path
// ("eligibility.rules[2].message", "questions[3].options[1].text.en"; "" for
// the file as a whole), its line (0 when unknown, as for a value built in
// code), a field code for prakerja.FieldError and a sentence for a person.
type Problem struct {
	Path string
	Line int
	// LineOffset places a problem inside a field that spans lines (a rule
	// written as a literal block): the reader adds it to the line of the
	// field's first line when it sets Line. Format and NewError ignore it.
	LineOffset int
	Code       prakerja.Code
	Message    string
}

// Format renders p as "file:line: path: message", leaving out what is
// unknown: the shape compilers use, so that editors can jump to the line.
func (p Problem) Format(file string) string {
	var b strings.Builder
	switch {
	case file != "" && p.Line > 0:
		fmt.Fprintf(&b, "%s:%d: ", file, p.Line)
	case file != "":
		b.WriteString(file + ": ")
	case p.Line > 0:
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// NewError returns nil when there are no problems, else a *prakerja.Error of
// the given code whose Message lists the problems one per line, in line order
// (problems without a line last), at most shownMax of them and then
// "… and N more problems"; Fields carries the problems shown, with the line
// in each message. It sorts problems in place.
func NewError(code prakerja.Code, file string, problems []Problem, shownMax int) error {
	if len(problems) == 0 {
		return nil
	}
	sort.SliceStable(problems, func(i, j int) bool { // unknown lines (0) last
		a, b := problems[i].Line, problems[j].Line
		return a != 0 && (b == 0 || a < b)
	})
	shown := problems[:min(len(problems), shownMax)]
	lines := make([]string, 0, len(shown)+1)
	fields := make([]prakerja.FieldError, 0, len(shown))
	for _, p := range shown {
		lines = append(lines, p.Format(file))
		msg := p.Message
		if p.Line > 0 {
			msg = fmt.Sprintf("line %d: %s", p.Line, p.Message)
		}
		fields = append(fields, prakerja.FieldError{Field: p.Path, Code: p.Code, Message: msg})
	}
	if rest := len(problems) - len(shown); rest > 0 {
		lines = append(lines, fmt.Sprintf("… and %d more problems", rest))
	}
	return &prakerja.Error{Code: code, Message: strings.Join(lines, "\n"), Fields: fields}
}
