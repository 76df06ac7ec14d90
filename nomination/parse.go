package nomination

import (
	"bytes"
	"strings"

	"github.com/prakerja/prakerja"
)

// The field splitting below is the exclusion package's (exclusion/parse.go),
// which keeps it unexported; the two lists share one CSV dialect.

// Header names of the columns read, compared without case.
const (
	nikColumn      = "nik"
	categoryColumn = "category"
)

// utf8BOM is the byte order mark some spreadsheet exports put first.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// header is what the header line tells the row parser.
type header struct {
	delim         byte
	nik, category int // column indexes
}

// parseHeader reads the header line (BOM and line ending removed).
func parseHeader(line []byte) (header, *LineError) {
	h := header{delim: detectDelimiter(line), nik: -1, category: -1}
	for i := 0; ; i++ {
		f, quoted, rest, more, ok := nextField(line, h.delim)
		if !ok {
			return h, &LineError{Code: prakerja.CodeBadFormat, Message: "The header has a quoted field that is not closed on its line."}
		}
		name := strings.ToLower(strings.TrimSpace(unquote(f, quoted)))
		for _, c := range []struct {
			name string
			col  *int
		}{{nikColumn, &h.nik}, {categoryColumn, &h.category}} {
			if name != c.name {
				continue
			}
			if *c.col >= 0 {
				return h, &LineError{Code: prakerja.CodeBadValue, Message: "The header names the " + c.name + " column twice."}
			}
			*c.col = i
		}
		if !more {
			break
		}
		line = rest
	}
	if h.nik < 0 || h.category < 0 {
		return h, &LineError{Code: prakerja.CodeRequired, Message: "The first line must be a header with a nik and a category column."}
	}
	return h, nil
}

// detectDelimiter counts ';' and ',' outside double quotes.
func detectDelimiter(line []byte) byte {
	var commas, semicolons int
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			commas++
		case c == ';':
			semicolons++
		}
	}
	if semicolons > commas {
		return ';'
	}
	return ','
}

// fields returns the trimmed, unquoted fields at columns a and b of a row,
// and whether the row is well formed. A missing column is "".
func fields(line []byte, delim byte, a, b int) (va, vb string, ok bool) {
	for i := 0; ; i++ {
		f, quoted, rest, more, fok := nextField(line, delim)
		if !fok {
			return "", "", false
		}
		switch i {
		case a:
			va = strings.TrimSpace(unquote(f, quoted))
		case b:
			vb = strings.TrimSpace(unquote(f, quoted))
		}
		if !more {
			return va, vb, true
		}
		line = rest
	}
}

// nextField splits the first field off line; see exclusion's nextField.
func nextField(line []byte, delim byte) (field []byte, quoted bool, rest []byte, more, ok bool) {
	t := bytes.TrimLeft(line, " \t")
	if len(t) == 0 || t[0] != '"' {
		j := bytes.IndexByte(line, delim)
		if j < 0 {
			return line, false, nil, false, true
		}
		return line[:j], false, line[j+1:], true, true
	}
	end, closed := closingQuote(t)
	if !closed {
		return nil, false, nil, false, false
	}
	field, after := t[1:end], bytes.TrimLeft(t[end+1:], " \t")
	switch {
	case len(after) == 0:
		return field, true, nil, false, true
	case after[0] == delim:
		return field, true, after[1:], true, true
	}
	return nil, false, nil, false, false
}

// closingQuote returns the index of the quote closing the field t opens.
func closingQuote(t []byte) (int, bool) {
	for i := 1; i < len(t); i++ {
		if t[i] != '"' {
			continue
		}
		if i+1 < len(t) && t[i+1] == '"' {
			i++ // an escaped quote
			continue
		}
		return i, true
	}
	return 0, false
}

// unquote returns a field's text, with '""' collapsed in a quoted one.
func unquote(f []byte, quoted bool) string {
	if quoted && bytes.Contains(f, []byte(`""`)) {
		return strings.ReplaceAll(string(f), `""`, `"`)
	}
	return string(f)
}
