package exclusion

import (
	"bytes"
	"strings"

	"github.com/prakerja/prakerja"
)

// nikColumn is the header name of the NIK column, compared without case.
const nikColumn = "nik"

// utf8BOM is the byte order mark some spreadsheet exports put first.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// header is what the header line tells the row parser.
type header struct {
	delim byte
	col   int // index of the nik column
}

// parseHeader reads the header line (BOM and line ending already removed).
// The delimiter is whichever of ';' and ',' occurs more outside quotes, so
// a spreadsheet's regional CSV (';' in Indonesian locales) works as is.
func parseHeader(line []byte) (header, *LineError) {
	h := header{delim: detectDelimiter(line), col: -1}
	for i := 0; ; i++ {
		f, quoted, rest, more, ok := nextField(line, h.delim)
		if !ok {
			return h, &LineError{Code: prakerja.CodeBadFormat, Message: "The header has a quoted field that is not closed on its line."}
		}
		if strings.EqualFold(strings.TrimSpace(unquote(f, quoted)), nikColumn) {
			if h.col >= 0 {
				return h, &LineError{Code: prakerja.CodeBadValue, Message: "The header names the nik column twice."}
			}
			h.col = i
		}
		if !more {
			break
		}
		line = rest
	}
	if h.col < 0 {
		return h, &LineError{Code: prakerja.CodeRequired, Message: "The first line must be a header with a nik column."}
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

// fieldAt returns field col of a row (line ending removed), unquoted and
// trimmed, and whether the row is well formed and has that field. Every
// field is walked so that a broken quote anywhere refuses the row.
func fieldAt(line []byte, delim byte, col int) (value string, found, ok bool) {
	for i := 0; ; i++ {
		f, quoted, rest, more, fok := nextField(line, delim)
		if !fok {
			return "", false, false
		}
		if i == col {
			value, found = strings.TrimSpace(unquote(f, quoted)), true
		}
		if !more {
			return value, found, true
		}
		line = rest
	}
}

// nextField splits the first field off line. A field is quoted when its
// first non-blank byte is '"'; it then ends at the closing quote ('""'
// inside stands for one '"'), after which only blanks may come before the
// delimiter or the end. ok is false when a quote is not closed or text
// follows a closing quote. field is raw: see unquote.
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
