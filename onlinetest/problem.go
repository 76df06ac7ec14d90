package onlinetest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/prakerja/prakerja"
)

// problem is one thing wrong with a bank file: the field as a dotted path
// ("questions[3].options[1].text.en"; "" for the file), its line (0 when
// unknown), a field code for prakerja.FieldError and a sentence for a person.
type problem struct {
	path string
	line int
	code prakerja.Code
	msg  string
}

// format renders p as "file:line: path: msg", leaving out what is unknown,
// the shape compilers use so that editors can jump to the line.
func (p problem) format(file string) string {
	var b strings.Builder
	switch {
	case file != "" && p.line > 0:
		fmt.Fprintf(&b, "%s:%d: ", file, p.line)
	case file != "":
		b.WriteString(file + ": ")
	case p.line > 0:
		fmt.Fprintf(&b, "line %d: ", p.line)
	}
	if p.path != "" {
		b.WriteString(p.path + ": ")
	}
	b.WriteString(p.msg)
	return b.String()
}

// newError returns nil when there are no problems, else a *prakerja.Error of
// code CodeInvalid whose Message lists the problems one per line in line
// order (problems without a line last), at most ProblemsMax of them; Fields carries the same problems with
// the line in each message.
func newError(file string, problems []problem) error {
	if len(problems) == 0 {
		return nil
	}
	sort.SliceStable(problems, func(i, j int) bool { // unknown lines (0) last
		a, b := problems[i].line, problems[j].line
		return a != 0 && (b == 0 || a < b)
	})
	shown := problems[:min(len(problems), ProblemsMax)]
	lines := make([]string, 0, len(shown)+1)
	fields := make([]prakerja.FieldError, 0, len(shown))
	for _, p := range shown {
		lines = append(lines, p.format(file))
		msg := p.msg
		if p.line > 0 {
			msg = fmt.Sprintf("line %d: %s", p.line, p.msg)
		}
		fields = append(fields, prakerja.FieldError{Field: p.path, Code: p.code, Message: msg})
	}
	if rest := len(problems) - len(shown); rest > 0 {
		lines = append(lines, fmt.Sprintf("… and %d more problems", rest))
	}
	return &prakerja.Error{Code: prakerja.CodeInvalid, Message: strings.Join(lines, "\n"), Fields: fields}
}
