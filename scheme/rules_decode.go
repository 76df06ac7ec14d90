package scheme

import (
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/yamlconf"
)

// The keys of a rule and of its message, in file order.
var (
	ruleKeys    = []string{"code", "require", "message"}
	messageKeys = []string{"id", "en"}
)

// keyed is a value read from a mapping, with the line of its key.
type keyed struct {
	node ast.Node
	line int
}

// names reads a list of names (eligibility.excluded_categories), written in
// block or flow style. Which names are allowed is checked later.
func (d *decoder) names(f *field, node ast.Node, line int) []string {
	seq, ok := node.(*ast.SequenceNode)
	if !ok {
		d.add(f.path, line, prakerja.CodeBadFormat, "must be %s, got %s", f.want(), describe(node))
		return nil
	}
	names := make([]string, len(seq.Values))
	for i, item := range seq.Values {
		path := fmt.Sprintf("%s[%d]", f.path, i)
		itemLine := lineOr(item, line)
		d.lines[path] = itemLine
		if msg := decoration(item); msg != "" {
			d.add(path, itemLine, prakerja.CodeBadFormat, "%s", msg)
			continue
		}
		v, ok := stringValue(item)
		if !ok {
			d.add(path, itemLine, prakerja.CodeBadFormat, "must be the name of an exclusion category, got %s",
				describe(item))
			continue
		}
		names[i] = v
	}
	return names
}

// rules reads eligibility.rules: a list of rules, each a section with code,
// require and message. A rule that fails to decode keeps its place in the
// list, so that later rules keep the index the file gives them.
func (d *decoder) rules(f *field, node ast.Node, line int) []Rule {
	seq, ok := node.(*ast.SequenceNode)
	if !ok {
		d.add(f.path, line, prakerja.CodeBadFormat, "must be %s, got %s", f.want(), describe(node))
		return nil
	}
	rules := make([]Rule, len(seq.Values))
	for i, item := range seq.Values {
		d.rule(fmt.Sprintf("%s[%d]", f.path, i), item, lineOr(item, line), &rules[i])
	}
	return rules
}

// rule reads one rule at path into r.
func (d *decoder) rule(path string, node ast.Node, line int, r *Rule) {
	values, ok := d.record(path, node, line, ruleKeys, "rule")
	if !ok {
		return
	}
	if v, ok := values["code"]; ok {
		r.Code = d.text(path+".code", v)
	}
	if v, ok := values["require"]; ok {
		r.Require = d.ruleExpr(path+".require", v)
	}
	v, ok := values["message"]
	if !ok {
		return
	}
	msg, ok := d.record(path+".message", v.node, v.line, messageKeys, "message")
	if !ok {
		return
	}
	if v, ok := msg["id"]; ok {
		r.Message.ID = d.text(path+".message.id", v)
	}
	if v, ok := msg["en"]; ok {
		r.Message.EN = d.text(path+".message.en", v)
	}
}

// record reads a mapping at path that must have exactly keys (a rule, a
// message). Unknown keys are refused with a "did you mean", missing ones as
// required; what is refused is marked bad. It returns the values by key.
func (d *decoder) record(path string, node ast.Node, line int, keys []string, what string) (map[string]keyed, bool) {
	if msg := decoration(node); msg != "" {
		d.add(path, line, prakerja.CodeBadFormat, "%s", msg)
		return nil, false
	}
	m, ok := node.(ast.MapNode)
	if !ok {
		d.add(path, line, prakerja.CodeBadFormat, "must be a %s with the fields %s, got %s",
			what, strings.Join(keys, ", "), describe(node))
		return nil, false
	}
	d.lines[path] = line
	values := map[string]keyed{}
	suggested := map[string]bool{}
	it := m.MapRange()
	for it.Next() {
		kv := it.KeyValue()
		keyLine := yamlconf.NodeLine(kv.Key)
		if _, merge := kv.Key.(*ast.MergeKeyNode); merge {
			d.add(path, keyLine, prakerja.CodeBadFormat, "merge keys (<<) are not allowed in a scheme file")
			continue
		}
		name := kv.Key.GetToken().Value
		if !slices.Contains(keys, name) {
			if guess := nearestIn(keys, name); guess != "" {
				suggested[guess] = true
				d.add(path+"."+name, keyLine, prakerja.CodeBadFormat, "unknown field; did you mean %s.%s?", path, guess)
			} else {
				d.add(path+"."+name, keyLine, prakerja.CodeBadFormat, "unknown field; expected one of: %s",
					strings.Join(keys, ", "))
			}
			continue
		}
		d.lines[path+"."+name] = keyLine
		values[name] = keyed{node: kv.Value, line: keyLine}
	}
	for _, k := range keys {
		if _, ok := values[k]; ok {
			continue
		}
		if suggested[k] { // "did you mean" above already points here
			d.bad[path+"."+k] = true
			continue
		}
		d.add(path+"."+k, line, prakerja.CodeRequired, "required field is missing")
	}
	return values, true
}

// text reads a one-line text of a rule (its code, a message).
func (d *decoder) text(path string, v keyed) string {
	if msg := decoration(v.node); msg != "" {
		d.add(path, v.line, prakerja.CodeBadFormat, "%s", msg)
		return ""
	}
	switch n := v.node.(type) {
	case *ast.StringNode:
		return n.Value
	case *ast.NullNode:
		d.add(path, v.line, prakerja.CodeRequired, "value is missing; expected text on one line")
	default:
		d.add(path, v.line, prakerja.CodeBadFormat, "must be text on one line, got %s", describe(v.node))
	}
	return ""
}

// ruleExpr reads a rule's CEL expression: a scalar on one line, or a literal
// block (require: |) whose lines are kept as written. Both keep every line
// of the rule on its line of the file, so that a CEL error's line and column
// point into the file; a folded or wrapped expression would not.
func (d *decoder) ruleExpr(path string, v keyed) string {
	oneLine := func() {
		d.add(path, v.line, prakerja.CodeBadFormat,
			"write a rule on one line, or as a literal block (require: |) whose lines are kept as written")
	}
	switch n := v.node.(type) {
	case *ast.TagNode:
		d.add(path, v.line, prakerja.CodeBadFormat,
			`YAML reads a leading '!' as a tag; quote the rule, e.g. require: "!applicant.revoked"`)
	case *ast.AnchorNode, *ast.AliasNode:
		d.add(path, v.line, prakerja.CodeBadFormat, "%s", decoration(n))
	case *ast.StringNode:
		if strings.Contains(strings.TrimSpace(n.GetToken().Origin), "\n") || strings.Contains(n.Value, "\n") {
			oneLine()
			return ""
		}
		d.lines[path] = lineOr(n, v.line)
		return n.Value
	case *ast.LiteralNode:
		if strings.HasPrefix(n.Start.Value, ">") {
			oneLine()
			return ""
		}
		// The block's text starts on the line after its '|' header.
		d.lines[path] = n.Start.Position.Line + 1
		return strings.TrimRight(n.Value.Value, "\n")
	case *ast.BoolNode, *ast.IntegerNode, *ast.FloatNode:
		return n.GetToken().Value // CEL reads and type-checks it like any rule
	case *ast.NullNode:
		d.add(path, v.line, prakerja.CodeRequired, "value is missing; expected a CEL condition such as "+
			"applicant.age >= scheme.min_age")
	default:
		d.add(path, v.line, prakerja.CodeBadFormat, "must be a CEL condition, got %s", describe(n))
	}
	return ""
}

// lineOr returns the line of node, or line when the node has none.
func lineOr(node ast.Node, line int) int {
	if l := yamlconf.NodeLine(node); l > 0 {
		return l
	}
	return line
}
