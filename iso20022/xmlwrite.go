package iso20022

import (
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlWriter writes a document as encoding/xml's Encoder with
// Indent("", "  ") would write the package's document structs, byte for
// byte: one element a line, two spaces an indent level, text escaped as
// encoding/xml escapes it.
type xmlWriter struct {
	buf   []byte
	depth int
}

// newXMLWriter starts a document: the declaration and the root element.
func newXMLWriter(namespace string, sizeHint int) *xmlWriter {
	w := &xmlWriter{buf: make([]byte, 0, sizeHint)}
	w.buf = append(w.buf, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<Document xmlns="`...)
	w.buf = append(w.buf, namespace...) // the package's constants need no escaping
	w.buf = append(w.buf, `">`...)
	w.depth = 1
	return w
}

// indents holds "\n" and up to 15 indent levels.
const indents = "\n                              "

func (w *xmlWriter) newline() {
	if n := 1 + 2*w.depth; n <= len(indents) {
		w.buf = append(w.buf, indents[:n]...)
		return
	}
	w.buf = append(w.buf, '\n')
	for range w.depth {
		w.buf = append(w.buf, "  "...)
	}
}

// open writes <name> on a new line and goes one level in.
func (w *xmlWriter) open(name string) {
	w.newline()
	w.buf = append(w.buf, '<')
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '>')
	w.depth++
}

// close writes </name> on a new line one level out.
func (w *xmlWriter) close(name string) {
	w.depth--
	w.newline()
	w.buf = append(w.buf, "</"...)
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '>')
}

// text writes <name>value</name> on a new line.
func (w *xmlWriter) text(name, value string) {
	w.newline()
	w.buf = append(w.buf, '<')
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '>')
	w.escape(value)
	w.buf = append(w.buf, "</"...)
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '>')
}

// raw appends s, markup the caller has laid out (the item loops write an
// item's fixed lines as one string each).
func (w *xmlWriter) raw(s string) { w.buf = append(w.buf, s...) }

// int appends n.
func (w *xmlWriter) int(n int64) { w.buf = strconv.AppendInt(w.buf, n, 10) }

// textIf writes <name>value</name> unless value is empty (omitempty).
func (w *xmlWriter) textIf(name, value string) {
	if value != "" {
		w.text(name, value)
	}
}

// number writes <name>n</name>.
func (w *xmlWriter) number(name string, n int64) {
	w.newline()
	w.buf = append(w.buf, '<')
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '>')
	w.buf = strconv.AppendInt(w.buf, n, 10)
	w.buf = append(w.buf, "</"...)
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '>')
}

// amount writes <name Ccy="IDR">a</name>.
func (w *xmlWriter) amount(name string, a int64) {
	w.newline()
	w.buf = append(w.buf, '<')
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, ` Ccy="`+Currency+`">`...)
	w.buf = strconv.AppendInt(w.buf, a, 10)
	w.buf = append(w.buf, "</"...)
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '>')
}

// finish closes the root element and writes the document to out in one
// Write, so a failure before leaves out untouched.
func (w *xmlWriter) finish(out io.Writer) error {
	w.buf = append(w.buf, "\n</Document>\n"...)
	_, err := out.Write(w.buf)
	return err
}

// escape appends s escaped as encoding/xml's printer.EscapeString does:
// the five markup characters, tab, newline and carriage return as
// character references, and anything outside XML's character range as
// U+FFFD.
func (w *xmlWriter) escape(s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && plainByte[c] && c != '\t' && c != '\n' && c != '>' {
			i++
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !isXMLChar(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			continue
		}
		w.buf = append(w.buf, s[last:i-width]...)
		w.buf = append(w.buf, esc...)
		last = i
	}
	w.buf = append(w.buf, s[last:]...)
}
