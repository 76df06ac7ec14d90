package onlinetest

import (
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/yamlconf"
)

// plainVisitor finds the first anchor, alias, tag or merge key. They are
// refused because aliases let a small file expand into a huge one, and
// because a bank should read the same to a person as to the parser.
type plainVisitor struct {
	found ast.Node
}

func (v *plainVisitor) Visit(node ast.Node) ast.Visitor {
	if v.found != nil {
		return nil
	}
	switch node.(type) {
	case *ast.AnchorNode, *ast.AliasNode, *ast.TagNode, *ast.MergeKeyNode:
		v.found = node
		return nil
	}
	return v
}

// plainYAML reports the first anchor, alias, tag or merge key under body.
func plainYAML(body ast.Node) (problem, bool) {
	v := &plainVisitor{}
	ast.Walk(v, body)
	if v.found == nil {
		return problem{}, true
	}
	msg := "YAML anchors, aliases, tags and merge keys are not allowed; write the value out"
	line := yamlconf.NodeLine(v.found)
	return problem{Line: line, Code: prakerja.CodeBadFormat, Message: msg}, false
}

// lineOf returns the line of the field at path (dotted, with [i] indexes),
// or of its nearest ancestor present in the file when the field is missing,
// or 0.
func lineOf(body ast.Node, path string) int {
	for {
		if line := keyLine(body, path); line > 0 {
			return line
		}
		if line := yamlconf.NodeLine(lookup(body, path)); line > 0 || path == "" {
			return line
		}
		path = yamlconf.ParentPath(path)
	}
}

// keyLine returns the line of the key that ends path, or 0 when path ends in
// an index or the key is absent. A key's line is the one a person looks for:
// the value of a list or a mapping starts on a later line.
func keyLine(body ast.Node, path string) int {
	parent := yamlconf.ParentPath(path)
	key := strings.TrimPrefix(path[len(parent):], ".")
	if key == "" || strings.HasPrefix(key, "[") {
		return 0
	}
	m, ok := lookup(body, parent).(*ast.MappingNode)
	if !ok {
		return 0
	}
	for _, mv := range m.Values {
		if k, ok := mv.Key.(*ast.StringNode); ok && k.Value == key {
			return yamlconf.NodeLine(mv.Key)
		}
	}
	return 0
}

// lookup returns the node at path under body, or nil.
func lookup(body ast.Node, path string) ast.Node {
	if path == "" {
		return body
	}
	p, err := yaml.PathString("$." + path)
	if err != nil {
		return nil
	}
	node, err := p.FilterNode(body)
	if err != nil || node == nil || reflect.ValueOf(node).IsNil() {
		return nil // the library may return a typed nil for a missing key
	}
	return node
}
