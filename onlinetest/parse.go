package onlinetest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/prakerja/prakerja"
)

// Parse reads and validates a question bank file. filename is used only in
// messages.
//
// Parse is strict: unknown fields, values of the wrong type, values out of
// range, more than one YAML document, and YAML anchors, aliases, tags and
// merge keys are refused. The error is a *prakerja.Error of code CodeInvalid
// whose Message lists the problems found (at most ProblemsMax), one per line
// in line order, as "file:line: field: reason"; Fields carries the same
// problems. A YAML syntax or type error stops parsing and is reported alone.
func Parse(data []byte, filename string) (*Bank, error) {
	if p, ok := precheck(data); !ok {
		return nil, newError(filename, []problem{p})
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, newError(filename, []problem{yamlProblem("YAML syntax error", err)})
	}
	body, p, ok := documentBody(file)
	if !ok {
		return nil, newError(filename, []problem{p})
	}
	if p, ok := plainYAML(body); !ok {
		return nil, newError(filename, []problem{p})
	}
	if _, isMap := body.(*ast.MappingNode); !isMap {
		return nil, newError(filename, []problem{{line: nodeLine(body), code: prakerja.CodeBadFormat,
			msg: "a question bank file must be a mapping of fields such as `name: \"dasar\"`"}})
	}
	var b Bank
	if err := yaml.NodeToValue(body, &b, yaml.DisallowUnknownField()); err != nil {
		return nil, newError(filename, []problem{yamlProblem("wrong field", err)})
	}
	problems := b.check()
	for i := range problems {
		problems[i].line = lineOf(body, problems[i].path)
	}
	if err := newError(filename, problems); err != nil {
		return nil, err
	}
	return &b, nil
}

// precheck bounds the work the YAML parser may do: the file size, the line
// lengths and the number of flow collections, on which it is quadratic.
func precheck(data []byte) (problem, bool) {
	if len(data) > FileSizeMax {
		return problem{code: prakerja.CodeTooLong,
			msg: fmt.Sprintf("file is %d bytes, more than %d KiB", len(data), FileSizeMax>>10)}, false
	}
	flows := 0
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(line) > LineLengthMax {
			return problem{line: i + 1, code: prakerja.CodeTooLong,
				msg: fmt.Sprintf("line is longer than %d bytes", LineLengthMax)}, false
		}
		flows += bytes.Count(line, []byte("[")) + bytes.Count(line, []byte("{"))
		if flows > FlowCollectionsMax {
			return problem{line: i + 1, code: prakerja.CodeTooLong,
				msg: fmt.Sprintf("more than %d '[' and '{' in the file; use block style", FlowCollectionsMax)}, false
		}
	}
	return problem{}, true
}

// yamlProblem turns an error of the YAML parser or decoder into a problem at
// its line, keeping only the first line of the message (the rest is a
// source excerpt meant for terminals).
func yamlProblem(what string, err error) problem {
	var yerr yaml.Error
	if !errors.As(err, &yerr) || yerr.GetToken() == nil || yerr.GetToken().Position == nil {
		msg, _, _ := strings.Cut(err.Error(), "\n")
		return problem{code: prakerja.CodeBadFormat, msg: what + ": " + msg}
	}
	pos := yerr.GetToken().Position
	return problem{line: pos.Line, code: prakerja.CodeBadFormat,
		msg: fmt.Sprintf("%s at column %d: %s", what, pos.Column, yerr.GetMessage())}
}

// documentBody returns the one non-empty document of file.
func documentBody(file *ast.File) (ast.Node, problem, bool) {
	var bodies []ast.Node
	for _, doc := range file.Docs {
		if doc != nil && doc.Body != nil {
			bodies = append(bodies, doc.Body)
		}
	}
	switch {
	case len(bodies) == 0:
		return nil, problem{line: 1, code: prakerja.CodeRequired, msg: "file is empty"}, false
	case len(bodies) > 1:
		return nil, problem{line: nodeLine(bodies[1]), code: prakerja.CodeBadFormat,
			msg: "a file holds one question bank; remove the second YAML document (after ---)"}, false
	}
	return bodies[0], problem{}, true
}
