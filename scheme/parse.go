package scheme

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/yamlconf"
)

// limits bounds the work the YAML parser may do on a scheme file.
var limits = yamlconf.Limits{
	FileSizeMax:           FileSizeMax,
	LineLengthMax:         LineLengthMax,
	FlowCollectionsMax:    FlowCollectionsMax,
	FileSizeFormat:        "file is %d bytes, more than the %d KiB a scheme file may have",
	FlowCollectionsFormat: "more than %d '[' and '{' in the file; write sections in block style",
}

// Parse reads a scheme file. filename is used only in messages (give the path
// the operator typed, or a base name such as "2020.yaml").
//
// Parse is strict: unknown fields, missing fields, values of the wrong type
// (a float or a quoted string where a whole number of rupiah belongs), values
// out of range, a total that is not the sum of its parts, more than one YAML
// document, and YAML anchors, aliases, tags and merge keys are all refused.
// The error is a *prakerja.Error of code CodeSchemeInvalid whose Message lists
// every problem found (at most ProblemsMax), one per line, in line order, each
// as "file:line: field: reason"; Fields carries the same problems. A YAML
// syntax error stops parsing, so it is reported alone.
func Parse(data []byte, filename string) (*Scheme, error) {
	if p, found := yamlconf.Precheck(data, limits); found {
		return nil, newError(filename, []problem{p})
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		p := yamlconf.ErrorProblem("YAML syntax error", err)
		p.Path = pathAtLine(data, p.Line) // the field on that line, if any; "" for line 0
		return nil, newError(filename, []problem{p})
	}
	body, p, ok := documentBody(file)
	if !ok {
		return nil, newError(filename, []problem{p})
	}
	d := &decoder{lines: map[string]int{}, bad: map[string]bool{}}
	d.lines[""] = yamlconf.NodeLine(body)
	if _, isMap := body.(ast.MapNode); !isMap {
		d.add("", yamlconf.NodeLine(body), prakerja.CodeBadFormat,
			"a scheme file must be a list of fields such as `name: \"2020\"`, got %s", describe(body))
		return nil, newError(filename, d.problems)
	}
	d.mapping("", body, yamlconf.NodeLine(body))
	problems := d.problems
	for _, p := range d.scheme.check(d.skip) {
		p.Line = d.lineOf(p.Path) + p.LineOffset
		problems = append(problems, p)
	}
	if err := newError(filename, problems); err != nil {
		return nil, err
	}
	s := d.scheme
	return &s, nil
}

var blockKeyRE = regexp.MustCompile(`^( *)(- +)?([A-Za-z_][A-Za-z0-9_]*) *:`)

// pathAtLine guesses the dotted path of the key written on line (1-based) of
// a block-style file from the indentation of the keys above it, counting the
// items of block lists ("eligibility.rules[2].message"); it returns "" when
// the line holds no key. It serves only to name the field near a syntax
// error, when no syntax tree exists.
func pathAtLine(data []byte, line int) string {
	type level struct {
		indent int
		key    string // "name", or "[i]" for a list item
		items  int    // list items seen under this key
	}
	var stack []level
	pop := func(indent int) {
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
	}
	for i, text := range bytes.Split(data, []byte("\n")) {
		if i >= line {
			break
		}
		m := blockKeyRE.FindSubmatch(text)
		if m == nil {
			continue
		}
		indent := len(m[1])
		if dash := len(m[2]); dash > 0 { // "- key:" opens an item of the list above
			pop(indent)
			item := 0
			if len(stack) > 0 {
				item = stack[len(stack)-1].items
				stack[len(stack)-1].items++
			}
			stack = append(stack, level{indent: indent, key: fmt.Sprintf("[%d]", item)})
			indent += dash
		}
		pop(indent)
		stack = append(stack, level{indent: indent, key: string(m[3])})
		if i == line-1 {
			var b strings.Builder
			for j, l := range stack {
				if j > 0 && !strings.HasPrefix(l.key, "[") {
					b.WriteByte('.')
				}
				b.WriteString(l.key)
			}
			return b.String()
		}
	}
	return ""
}

// documentBody returns the one non-empty document of file.
func documentBody(file *ast.File) (ast.Node, problem, bool) {
	bodies := yamlconf.Documents(file)
	switch {
	case len(bodies) == 0:
		msg := "file is empty; a scheme needs the fields " + strings.Join(keysUnder[""], ", ")
		return nil, problem{Line: 1, Code: prakerja.CodeRequired, Message: msg}, false
	case len(bodies) > 1:
		line := yamlconf.NodeLine(bodies[1].Body)
		if bodies[1].Start != nil && bodies[1].Start.Position != nil {
			line = bodies[1].Start.Position.Line
		}
		msg := "a scheme file holds one scheme; remove the second YAML document (after ---)"
		return nil, problem{Line: line, Code: prakerja.CodeBadFormat, Message: msg}, false
	}
	return bodies[0].Body, problem{}, true
}

// decoder reads the syntax tree of a scheme file into a Scheme, recording the
// line of every key so that later problems can name it.
type decoder struct {
	scheme   Scheme
	lines    map[string]int  // line of each key read, by path; "" = the first key of the file
	bad      map[string]bool // paths (fields or sections) that failed to decode
	problems []problem
}

func (d *decoder) add(path string, line int, code prakerja.Code, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	d.problems = append(d.problems, problem{Path: path, Line: line, Code: code, Message: msg})
	d.bad[path] = true
}

// skip reports whether path, or a section or list holding it, failed to
// decode.
func (d *decoder) skip(path string) bool {
	for p := path; p != ""; p = yamlconf.ParentPath(p) {
		if d.bad[p] {
			return true
		}
	}
	return false
}

// lineOf returns the line of path's key, else of the nearest section or list
// item holding it, else of the first key of the file.
func (d *decoder) lineOf(path string) int {
	for p := path; p != ""; p = yamlconf.ParentPath(p) {
		if l, ok := d.lines[p]; ok {
			return l
		}
	}
	return d.lines[""]
}

// mapping reads the fields of the mapping node at prefix ("" for the top
// level); line is where the mapping's own key is, for "missing" problems.
func (d *decoder) mapping(prefix string, node ast.Node, line int) {
	seen := map[string]bool{}
	suggested := map[string]bool{} // known keys an unknown key was taken for
	it := node.(ast.MapNode).MapRange()
	for it.Next() {
		kv := it.KeyValue()
		keyLine := yamlconf.NodeLine(kv.Key)
		if _, merge := kv.Key.(*ast.MergeKeyNode); merge {
			d.add(prefix, keyLine, prakerja.CodeBadFormat, "merge keys (<<) are not allowed in a scheme file")
			continue
		}
		name := kv.Key.GetToken().Value
		path := joinPath(prefix, name)
		if fieldByPath[path] == nil && (prefix != "" || !sections[name]) {
			guess := nearestKey(prefix, name)
			if guess != "" {
				suggested[guess] = true
				d.add(path, keyLine, prakerja.CodeBadFormat, "unknown field; did you mean %s?",
					joinPath(prefix, guess))
			} else {
				d.add(path, keyLine, prakerja.CodeBadFormat, "unknown field; expected one of: %s",
					strings.Join(keysUnder[prefix], ", "))
			}
			continue
		}
		seen[name] = true
		d.lines[path] = keyLine
		if prefix == "" && sections[name] {
			d.section(path, kv.Value, keyLine)
		} else {
			d.value(fieldByPath[path], kv.Value, keyLine)
		}
	}
	for _, key := range keysUnder[prefix] {
		if seen[key] {
			continue
		}
		path := joinPath(prefix, key)
		if suggested[key] {
			// "did you mean" above already points here; say it once.
			d.bad[path] = true
			continue
		}
		if prefix == "" && sections[key] {
			d.add(path, line, prakerja.CodeRequired, "required section is missing (with %s)",
				strings.Join(keysUnder[key], ", "))
		} else {
			d.add(path, line, prakerja.CodeRequired, "required field is missing")
		}
	}
}

// nearestKey returns the known key at prefix that name is most likely a
// misspelling of, or "": the nearest within two edits, else the only one whose
// words include all of name's words or the other way round
// ("first_purchase_days" for "first_purchase_deadline_days").
func nearestKey(prefix, name string) string {
	return nearestIn(keysUnder[prefix], name)
}

// nearestIn returns the key of keys that name is most likely a misspelling
// of, or "", as nearestKey does.
func nearestIn(keys []string, name string) string {
	lower := strings.ToLower(name)
	best, bestDistance := "", 3
	for _, k := range keys {
		if dist := editDistance(lower, k); dist < bestDistance {
			best, bestDistance = k, dist
		}
	}
	if best != "" {
		return best
	}
	var matches []string
	for _, k := range keys {
		if wordsWithin(lower, k) || wordsWithin(k, lower) {
			matches = append(matches, k)
		}
	}
	if len(matches) == 1 {
		return matches[0]
	}
	return ""
}

// wordsWithin reports whether every '_'-separated word of a is a word of b.
func wordsWithin(a, b string) bool {
	words := strings.Split(b, "_")
	for _, w := range strings.Split(a, "_") {
		if !slices.Contains(words, w) {
			return false
		}
	}
	return true
}

// section reads a section (a mapping of fields) at path.
func (d *decoder) section(path string, node ast.Node, line int) {
	if msg := decoration(node); msg != "" {
		d.add(path, line, prakerja.CodeBadFormat, "%s", msg)
		return
	}
	switch node.(type) {
	case *ast.NullNode:
		d.add(path, line, prakerja.CodeRequired, "section is empty; it needs %s",
			strings.Join(keysUnder[path], ", "))
	case ast.MapNode:
		d.mapping(path, node, line)
	default:
		d.add(path, line, prakerja.CodeBadFormat, "must be a section with the fields %s, got %s",
			strings.Join(keysUnder[path], ", "), describe(node))
	}
}

// value reads the scalar of field f and stores it in d.scheme.
func (d *decoder) value(f *field, node ast.Node, line int) {
	if msg := decoration(node); msg != "" {
		d.add(f.path, line, prakerja.CodeBadFormat, "%s", msg)
		return
	}
	if _, null := node.(*ast.NullNode); null {
		d.add(f.path, line, prakerja.CodeRequired, "value is missing; expected %s", f.want())
		return
	}
	var (
		msg  string
		code = prakerja.CodeBadFormat
	)
	switch ref := f.ref(&d.scheme).(type) {
	case *string:
		*ref, msg = textValue(node, f)
	case *int64:
		var v int64
		v, msg, code = intValue(node, f)
		*ref = v
	case *int:
		var v int64
		v, msg, code = intValue(node, f)
		*ref = int(v)
	case *Date:
		s, ok := stringValue(node)
		if v, err := ParseDate(s); ok && err == nil {
			*ref = v
		} else {
			msg = fmt.Sprintf("must be %s, got %s", f.want(), describe(node))
		}
	case *TimeOfDay:
		s, ok := stringValue(node)
		if v, err := ParseTimeOfDay(s); ok && err == nil {
			*ref = v
		} else {
			msg = fmt.Sprintf("must be %s, got %s", f.want(), describe(node))
		}
	case *Duration:
		*ref, msg = durationValue(node, f)
	case *[]string:
		*ref = d.names(f, node, line)
	case *[]Rule:
		*ref = d.rules(f, node, line)
	default:
		panic(fmt.Sprintf("scheme: field %s has a reference of type %T", f.path, ref))
	}
	if msg != "" {
		d.add(f.path, line, code, "%s", msg)
	}
}

// decoration refuses anchors, aliases and tags: a scheme file is read by
// people, and every value should be plainly where it is used.
func decoration(node ast.Node) string {
	switch node.(type) {
	case *ast.AnchorNode, *ast.AliasNode, *ast.TagNode:
		return "anchors (&), aliases (*) and tags (!) are not allowed in a scheme file"
	}
	return ""
}

// Whole numbers are written as decimal digits, optionally grouped by
// thousands with underscores (3_500_000). Leading zeros are refused because
// YAML reads 0600000 as an octal number.
var (
	plainIntRE   = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)
	groupedIntRE = regexp.MustCompile(`^-?[1-9][0-9]{0,2}(_[0-9]{3})+$`)
)

// intValue reads a whole number. It returns the message and code of a
// problem, or "" when the value was read; the range is checked only when the
// value does not fit an int32, the rest is left to field.check.
func intValue(node ast.Node, f *field) (int64, string, prakerja.Code) {
	bad := func(hint string) (int64, string, prakerja.Code) {
		return 0, fmt.Sprintf("must be %s, got %s%s", f.want(), describe(node), hint), prakerja.CodeBadFormat
	}
	var raw string
	switch n := node.(type) {
	case *ast.IntegerNode:
		raw = n.GetToken().Value
	case *ast.StringNode:
		if quoted(n) {
			if plainIntRE.MatchString(n.Value) || groupedIntRE.MatchString(n.Value) {
				return bad(" (remove the quotes)")
			}
			return bad("")
		}
		raw = n.Value
	case *ast.FloatNode:
		if f.kind == kindAmount {
			return bad(" (rupiah amounts are whole numbers, without decimals)")
		}
		return bad(" (without decimals)")
	default:
		return bad("")
	}
	switch {
	case groupedIntRE.MatchString(raw):
		raw = strings.ReplaceAll(raw, "_", "")
	case plainIntRE.MatchString(raw):
	case strings.HasPrefix(strings.TrimPrefix(raw, "-"), "0") && isDigits(strings.TrimPrefix(raw, "-")):
		return bad(" (no leading zeros: YAML reads them as an octal number)")
	case strings.ContainsAny(raw, ".,") || strings.HasPrefix(raw, "Rp"):
		return bad(" (write digits only, without dots or commas, e.g. 3500000 or 3_500_000)")
	default:
		return bad(" (write decimal digits only)")
	}
	v, err := strconv.ParseInt(raw, 10, 64)
	if err != nil { // only a range error is possible after the patterns above
		v = math.MaxInt64
		if strings.HasPrefix(raw, "-") {
			v = math.MinInt64
		}
		return 0, f.rangeMessage(v, raw), prakerja.CodeBadValue
	}
	if f.kind == kindInt && (v < math.MinInt32 || v > math.MaxInt32) {
		return 0, f.rangeMessage(v, raw), prakerja.CodeBadValue
	}
	return v, "", ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// textValue reads a one-line text. An unquoted number is taken as written,
// so `name: 2020` means the name "2020".
func textValue(node ast.Node, f *field) (string, string) {
	switch n := node.(type) {
	case *ast.StringNode:
		return n.Value, ""
	case *ast.IntegerNode:
		return n.GetToken().Value, ""
	}
	return "", fmt.Sprintf("must be %s, got %s", f.want(), describe(node))
}

// stringValue returns the text of a string node, quoted or not.
func stringValue(node ast.Node) (string, bool) {
	if n, ok := node.(*ast.StringNode); ok {
		return n.Value, true
	}
	return "", false
}

func durationValue(node ast.Node, f *field) (Duration, string) {
	switch n := node.(type) {
	case *ast.StringNode:
		if v, err := time.ParseDuration(n.Value); err == nil {
			return Duration(v), ""
		}
	case *ast.IntegerNode:
		raw := n.GetToken().Value
		return 0, fmt.Sprintf("must be %s, got %s (add a unit, e.g. %ss)", f.want(), raw, raw)
	}
	return 0, fmt.Sprintf("must be %s, got %s", f.want(), describe(node))
}

func quoted(n *ast.StringNode) bool {
	tk := n.GetToken()
	return tk != nil && (tk.Type == token.DoubleQuoteType || tk.Type == token.SingleQuoteType)
}

// describe names what a node holds, for "got …" in messages.
func describe(node ast.Node) string {
	switch n := node.(type) {
	case *ast.StringNode:
		if quoted(n) {
			return fmt.Sprintf("the quoted text %q", clip(n.Value))
		}
		return fmt.Sprintf("%q", clip(n.Value))
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return clip(n.GetToken().Value)
	case *ast.NullNode:
		return "nothing"
	case ast.MapNode:
		return "a section"
	case *ast.SequenceNode:
		return "a list"
	case *ast.LiteralNode:
		return "a block of text"
	}
	return "a " + node.Type().String()
}

// editDistance is the Levenshtein distance of a and b, for "did you mean".
// Keys are short; the caller bounds line length, so the cost is bounded.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
