package onlinetest

import (
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/yamlconf"
)

// limits bounds the work the YAML parser may do on a bank file.
var limits = yamlconf.Limits{
	FileSizeMax:           FileSizeMax,
	LineLengthMax:         LineLengthMax,
	FlowCollectionsMax:    FlowCollectionsMax,
	FileSizeFormat:        "file is %d bytes, more than %d KiB",
	FlowCollectionsFormat: "more than %d '[' and '{' in the file; use block style",
}

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
	if p, found := yamlconf.Precheck(data, limits); found {
		return nil, newError(filename, []problem{p})
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, newError(filename, []problem{yamlconf.ErrorProblem("YAML syntax error", err)})
	}
	body, p, ok := documentBody(file)
	if !ok {
		return nil, newError(filename, []problem{p})
	}
	if p, ok := plainYAML(body); !ok {
		return nil, newError(filename, []problem{p})
	}
	if _, isMap := body.(*ast.MappingNode); !isMap {
		return nil, newError(filename, []problem{{Line: yamlconf.NodeLine(body),
			Code:    prakerja.CodeBadFormat,
			Message: "a question bank file must be a mapping of fields such as `name: \"dasar\"`"}})
	}
	var b Bank
	if err := yaml.NodeToValue(body, &b, yaml.DisallowUnknownField()); err != nil {
		return nil, newError(filename, []problem{yamlconf.ErrorProblem("wrong field", err)})
	}
	problems := b.check()
	for i := range problems {
		problems[i].Line = lineOf(body, problems[i].Path)
	}
	if err := newError(filename, problems); err != nil {
		return nil, err
	}
	return &b, nil
}

// documentBody returns the one non-empty document of file.
func documentBody(file *ast.File) (ast.Node, problem, bool) {
	bodies := yamlconf.Documents(file)
	switch {
	case len(bodies) == 0:
		return nil, problem{Line: 1, Code: prakerja.CodeRequired, Message: "file is empty"}, false
	case len(bodies) > 1:
		msg := "a file holds one question bank; remove the second YAML document (after ---)"
		return nil, problem{Line: yamlconf.NodeLine(bodies[1].Body), Code: prakerja.CodeBadFormat,
			Message: msg}, false
	}
	return bodies[0].Body, problem{}, true
}
