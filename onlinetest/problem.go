package onlinetest

import (
	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/yamlconf"
)

// problem is one thing wrong with a bank file: the field as a dotted path
// ("questions[3].options[1].text.en"; "" for the file), its line (0 when
// unknown), a field code for prakerja.FieldError and a sentence for a person.
type problem = yamlconf.Problem

// newError returns nil when there are no problems, else a *prakerja.Error of
// code CodeInvalid whose Message lists the problems one per line in line
// order (problems without a line last), each as "file:line: path: msg", at
// most ProblemsMax of them; Fields carries the same problems with the line in
// each message.
func newError(file string, problems []problem) error {
	return yamlconf.NewError(prakerja.CodeInvalid, file, problems, ProblemsMax)
}
