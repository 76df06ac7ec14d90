// Package yamlconf holds what the readers of YAML configuration files share
// (programme schemes in package scheme, question banks in package
// onlinetest): bounds on the input before the parser runs, the one-document
// rule, the lines of syntax tree nodes, and problems reported with the file,
// line and field path. It wraps github.com/goccy/go-yaml, the one YAML library
// of the project.
//
// Each reader keeps what is its own: its limits and wording, how it decodes
// the tree into its types, and the checks of its fields.
package yamlconf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"github.com/prakerja/prakerja"
)

// Limits bounds the input of a reader, and words the problems of a file that
// goes past them.
type Limits struct {
	FileSizeMax        int // bytes
	LineLengthMax      int // bytes
	FlowCollectionsMax int // '[' and '{' in a file: the YAML parser is quadratic on them

	// FileSizeFormat is the message of a file over FileSizeMax; it is given
	// the file's size in bytes and FileSizeMax in KiB.
	FileSizeFormat string
	// FlowCollectionsFormat is the message of a file with more than
	// FlowCollectionsMax flow collections; it is given FlowCollectionsMax.
	FlowCollectionsFormat string
}

// Precheck bounds the work the YAML parser may do on data: its size, its
// line lengths and its number of flow collections. It returns the problem of
// the first limit passed and true, or false when data is within them all.
func Precheck(data []byte, limits Limits) (Problem, bool) {
	if len(data) > limits.FileSizeMax {
		msg := fmt.Sprintf(limits.FileSizeFormat, len(data), limits.FileSizeMax>>10)
		return Problem{Code: prakerja.CodeTooLong, Message: msg}, true
	}
	flows := 0
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(line) > limits.LineLengthMax {
			return Problem{Line: i + 1, Code: prakerja.CodeTooLong,
				Message: fmt.Sprintf("line is longer than %d bytes", limits.LineLengthMax)}, true
		}
		flows += bytes.Count(line, []byte("[")) + bytes.Count(line, []byte("{"))
		if flows > limits.FlowCollectionsMax {
			msg := fmt.Sprintf(limits.FlowCollectionsFormat, limits.FlowCollectionsMax)
			return Problem{Line: i + 1, Code: prakerja.CodeTooLong, Message: msg}, true
		}
	}
	return Problem{}, false
}

// ErrorProblem turns an error of the YAML parser or decoder into a problem
// at its line, the message starting with what ("YAML syntax error"). It keeps
// only the first line of the library's message: the rest is a source excerpt
// meant for terminals.
func ErrorProblem(what string, err error) Problem {
	var yerr yaml.Error
	if !errors.As(err, &yerr) || yerr.GetToken() == nil || yerr.GetToken().Position == nil {
		msg, _, _ := strings.Cut(err.Error(), "\n")
		return Problem{Code: prakerja.CodeBadFormat, Message: what + ": " + msg}
	}
	pos := yerr.GetToken().Position
	return Problem{Line: pos.Line, Code: prakerja.CodeBadFormat,
		Message: fmt.Sprintf("%s at column %d: %s", what, pos.Column, yerr.GetMessage())}
}

// Documents returns the documents of file that have a body. A configuration
// file holds one; the reader words the problem of none or of more.
func Documents(file *ast.File) []*ast.DocumentNode {
	var docs []*ast.DocumentNode
	for _, doc := range file.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc)
		}
	}
	return docs
}

// NodeLine returns the line of node's first token, or 0. The line of a
// mapping is the line of its first key.
func NodeLine(node ast.Node) int {
	if node == nil {
		return 0
	}
	if m, ok := node.(*ast.MappingNode); ok && len(m.Values) > 0 {
		return NodeLine(m.Values[0].Key)
	}
	if mv, ok := node.(*ast.MappingValueNode); ok {
		return NodeLine(mv.Key)
	}
	tk := node.GetToken()
	if tk == nil || tk.Position == nil {
		return 0
	}
	return tk.Position.Line
}

// ParentPath drops the last element of a field path (dotted, with [i]
// indexes): "a.b[2].c" → "a.b[2]" → "a.b" → "a" → "".
func ParentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}
