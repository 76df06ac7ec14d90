package iso20022

import (
	"bytes"
	"unicode/utf8"
)

// fastXML is a fast path in front of encoding/xml for the documents the
// readers take. It scans the file once, without reflection, and fills the
// same document structs encoding/xml would, with the same rules: fields
// match elements by local name, unknown elements are skipped, a string
// field takes the element's own character data (child elements skipped),
// a repeated string field keeps the last value, a repeated struct or
// pointer field is filled again, a slice field gets one item per element.
//
// It understands only a strict subset of XML: ASCII element and attribute
// names, no prefixed elements, the exact UTF-8 declaration xml.Header
// writes or none, no comments, processing instructions, CDATA or DOCTYPE,
// no carriage returns, only the predefined and plain numeric character
// references. On anything outside that subset or not well-formed it gives
// up (bail), and the reader decodes the file again with encoding/xml, so
// whatever a file's content, the reader's result and error are those of
// encoding/xml. Within the subset every check encoding/xml makes is made
// here too, so the fast path never accepts a file encoding/xml refuses.
type fastXML struct {
	b     []byte
	i     int
	depth int

	// The start tag last read.
	name     []byte // element name, a sub-slice of b
	empty    bool   // <name/>
	ccy      string // value of a Ccy attribute, if hasCcy
	hasCcy   bool
	xmlns    string // value of an xmlns attribute, if hasXmlns
	hasXmlns bool

	scratch []byte // text with character references, decoded

	// intern holds recent short strings by a hash of their bytes, so the
	// values every item repeats (IDR, BOOK, a date) are allocated once.
	intern [256]string
}

// fastBail is the panic value by which the fast path gives up.
type fastBail struct{}

// fastMaxDepth bounds nesting; deeper files go to encoding/xml.
const fastMaxDepth = 64

func (x *fastXML) bail() { panic(fastBail{}) }

// runFast runs decode over b and reports whether the fast path succeeded;
// on false, whatever decode filled must be discarded.
func runFast(b []byte, decode func(x *fastXML)) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(fastBail); !is {
				panic(r)
			}
			ok = false
		}
	}()
	decode(&fastXML{b: b})
	return true
}

// xmlDecl is the declaration xml.Header writes, without its newline.
const xmlDecl = `<?xml version="1.0" encoding="UTF-8"?>`

// root reads up to and including the start tag of the root element, which
// must be Document in namespace ns, and returns its name for child (nil if
// it is empty).
func (x *fastXML) root(ns string) []byte {
	if bytes.HasPrefix(x.b, []byte(xmlDecl)) {
		x.i = len(xmlDecl)
	}
	for x.i < len(x.b) && (x.b[x.i] == ' ' || x.b[x.i] == '\t' || x.b[x.i] == '\n') {
		x.i++
	}
	if x.i+1 >= len(x.b) || x.b[x.i] != '<' {
		x.bail()
	}
	if c := x.b[x.i+1]; c == '/' || c == '!' || c == '?' {
		x.bail()
	}
	x.startTag()
	if string(x.name) != "Document" || !x.hasXmlns || x.xmlns != ns {
		x.bail()
	}
	return x.enter()
}

// enter returns the name of the element just opened, for child, or nil if
// it is empty (<name/>).
func (x *fastXML) enter() []byte {
	if x.empty {
		return nil
	}
	return x.name
}

// child moves to the next child element of parent (a name from enter),
// skipping character data. It returns false once parent's end tag has been
// read, or at once for a nil parent.
func (x *fastXML) child(parent []byte) bool {
	if parent == nil {
		return false
	}
	for x.i < len(x.b) && (x.b[x.i] == ' ' || x.b[x.i] == '\n') {
		x.i++
	}
	x.scan('<', false)
	if x.i+1 >= len(x.b) {
		x.bail()
	}
	switch x.b[x.i+1] {
	case '/':
		x.endTag(parent)
		return false
	case '!', '?':
		x.bail()
	}
	x.startTag()
	return true
}

// itemHint guesses how many items the file holds from the count of their
// start tags as the writers spell them; only a slice capacity hangs on it.
func (x *fastXML) itemHint(tag string) int {
	return min(bytes.Count(x.b, []byte(tag)), MaxPaymentsPerFile) + 1
}

// skip skips the element just opened and everything in it.
func (x *fastXML) skip() {
	for name := x.enter(); x.child(name); {
		x.skip()
	}
}

// str returns the character data directly inside the element just opened,
// skipping child elements, as encoding/xml does for a string field.
func (x *fastXML) str() string {
	name := x.enter()
	if name == nil {
		return ""
	}
	s := x.scan('<', true)
	for x.child(name) {
		x.skip()
		s += x.scan('<', true)
	}
	return s
}

// amount fills a from the element just opened: Ccy attribute and
// character data. As in encoding/xml, Ccy keeps its old value when the
// attribute is absent, and Value is always replaced.
func (x *fastXML) amount(a *xAmount) {
	if x.hasCcy {
		a.Ccy = x.ccy
	}
	a.Value = x.str()
}

// isNameStart and isNameByte are the ASCII subset of XML name characters.
func isNameStart(c byte) bool { return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' }

func isNameByte(c byte) bool { return isNameStart(c) || '0' <= c && c <= '9' || c == '-' || c == '.' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// readName reads an ASCII name at x.i; with colon, one ':' between two
// non-empty parts is allowed, and prefixed reports it was there.
func (x *fastXML) readName(colon bool) (name []byte, prefixed bool) {
	b, start := x.b, x.i
	if x.i >= len(b) || !isNameStart(b[x.i]) {
		x.bail()
	}
	x.i++
	for x.i < len(b) {
		c := b[x.i]
		if isNameByte(c) {
			x.i++
			continue
		}
		if c == ':' && colon && !prefixed && x.i+1 < len(b) && isNameStart(b[x.i+1]) {
			prefixed = true
			x.i++
			continue
		}
		break
	}
	return b[start:x.i], prefixed
}

func (x *fastXML) spaces() bool {
	start := x.i
	for x.i < len(x.b) && isSpace(x.b[x.i]) {
		x.i++
	}
	return x.i > start
}

// startTag reads a start tag at x.i ('<'). Only Ccy and xmlns attributes
// are kept; prefixed attributes are ignored unless their local name is
// Ccy (encoding/xml would match it), which gives up.
func (x *fastXML) startTag() {
	x.i++ // '<'
	name, prefixed := x.readName(false)
	if prefixed {
		x.bail()
	}
	x.name, x.empty, x.hasCcy, x.hasXmlns = name, false, false, false
	for {
		sp := x.spaces()
		if x.i >= len(x.b) {
			x.bail()
		}
		switch x.b[x.i] {
		case '>':
			x.i++
			x.push()
			return
		case '/':
			if x.i+1 >= len(x.b) || x.b[x.i+1] != '>' {
				x.bail()
			}
			x.i += 2
			x.empty = true
			return
		}
		if !sp {
			x.bail()
		}
		attr, prefixed := x.readName(true)
		x.spaces()
		if x.i >= len(x.b) || x.b[x.i] != '=' {
			x.bail()
		}
		x.i++
		x.spaces()
		if x.i >= len(x.b) || (x.b[x.i] != '"' && x.b[x.i] != '\'') {
			x.bail()
		}
		q := x.b[x.i]
		x.i++
		switch {
		case prefixed:
			if bytes.HasSuffix(attr, []byte(":Ccy")) {
				x.bail()
			}
			x.scan(q, false)
		case string(attr) == "Ccy":
			if x.hasCcy {
				x.bail()
			}
			x.ccy, x.hasCcy = x.scan(q, true), true
		case string(attr) == "xmlns":
			if x.hasXmlns {
				x.bail()
			}
			x.xmlns, x.hasXmlns = x.scan(q, true), true
		default:
			x.scan(q, false)
		}
		x.i++ // closing quote
	}
}

func (x *fastXML) push() {
	if x.depth++; x.depth > fastMaxDepth {
		x.bail()
	}
}

// endTag reads the end tag at x.i ("</"), which must close name.
func (x *fastXML) endTag(name []byte) {
	x.i += 2
	got, _ := x.readName(false)
	if !bytes.Equal(got, name) {
		x.bail()
	}
	x.spaces()
	if x.i >= len(x.b) || x.b[x.i] != '>' {
		x.bail()
	}
	x.i++
	x.depth--
}

// scan reads character data up to stop ('<' for text, the quote for an
// attribute value), leaving x.i on stop, and returns it decoded if keep.
// It gives up on what encoding/xml would refuse or rewrite (carriage
// returns) and on character references other than the predefined ones
// and plain numeric ones.
func (x *fastXML) scan(stop byte, keep bool) string {
	b := x.b
	start, from := x.i, x.i
	dec := x.scratch[:0]
	entities := false
	i := x.i
	for {
		for i < len(b) && plainByte[b[i]] {
			i++
		}
		if i >= len(b) {
			x.bail()
		}
		c := b[i]
		switch {
		case c == stop:
			x.i = i
			if !keep {
				return ""
			}
			if !entities {
				return x.str0(b[start:i])
			}
			dec = append(dec, b[from:i]...)
			x.scratch = dec
			return string(dec)
		case c == '<':
			x.bail() // only in attribute values: unescaped <
		case c == ']':
			if stop == '<' && i+2 < len(b) && b[i+1] == ']' && b[i+2] == '>' {
				x.bail()
			}
			i++
		case c == '&':
			dec = append(dec, b[from:i]...)
			var n int
			dec, n = x.entity(dec, b[i:])
			i += n
			from, entities = i, true
		case c >= 0x20 && c < 0x80 || c == '\t' || c == '\n':
			i++
		case c >= 0x80:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 || !isXMLChar(r) {
				x.bail()
			}
			i += size
		default:
			x.bail() // \r and other control characters
		}
	}
}

// str0 returns raw as a string, interned if short.
func (x *fastXML) str0(raw []byte) string {
	if len(raw) == 0 || len(raw) > 24 {
		return string(raw)
	}
	h := uint(len(raw))
	for _, c := range raw {
		h = h*31 + uint(c)
	}
	slot := &x.intern[h%uint(len(x.intern))]
	if *slot != string(raw) {
		*slot = string(raw)
	}
	return *slot
}

// entity decodes the character reference at the start of b onto dec and
// returns how many bytes it took.
func (x *fastXML) entity(dec, b []byte) ([]byte, int) {
	end := bytes.IndexByte(b, ';')
	if end < 0 || end > 12 {
		x.bail()
	}
	ref := b[1:end]
	switch string(ref) {
	case "lt":
		return append(dec, '<'), end + 1
	case "gt":
		return append(dec, '>'), end + 1
	case "amp":
		return append(dec, '&'), end + 1
	case "apos":
		return append(dec, '\''), end + 1
	case "quot":
		return append(dec, '"'), end + 1
	}
	if len(ref) < 2 || ref[0] != '#' {
		x.bail()
	}
	digits, base := ref[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 7 {
		x.bail()
	}
	var r rune
	for _, c := range digits {
		var d rune
		switch {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = rune(c-'A') + 10
		default:
			x.bail()
		}
		r = r*base + d
	}
	// Surrogates become U+FFFD in encoding/xml; leave them to it.
	if !isXMLChar(r) || 0xD800 <= r && r <= 0xDFFF {
		x.bail()
	}
	return utf8.AppendRune(dec, r), end + 1
}

// plainByte marks the bytes scan passes over without a second look:
// printable ASCII but for < & ] and the quotes, plus tab and newline.
var plainByte [256]bool

func init() {
	for c := 0x20; c < 0x80; c++ {
		plainByte[c] = c != '<' && c != '&' && c != ']' && c != '"' && c != '\''
	}
	plainByte['\t'], plainByte['\n'] = true, true
}

// isXMLChar is encoding/xml's isInCharacterRange.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
