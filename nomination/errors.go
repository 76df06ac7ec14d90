package nomination

import (
	"fmt"
	"strconv"

	"github.com/prakerja/prakerja"
)

// LineError is one bad line of a list file. Message says what is wrong
// without quoting the line: it may hold a NIK.
type LineError struct {
	// Line is the 1-based line number, or 0 for the file as a whole.
	Line    int64         `json:"line"`
	Code    prakerja.Code `json:"code"`
	Message string        `json:"message"`
}

// FileError is why a list file was refused: its first bad lines and how
// many there were in all. It unwraps to a *prakerja.Error with code
// invalid (or body_too_large for an oversized file).
type FileError struct {
	Lines    []LineError // at most LineErrorsMax, in line order
	Total    int64       // bad lines in the whole file
	TooLarge bool        // reading stopped at FileSizeMax or RowsMax
}

func (e *FileError) Error() string {
	if len(e.Lines) == 0 {
		return "nomination list refused"
	}
	first := e.Lines[0]
	where := "file"
	if first.Line > 0 {
		where = "line " + strconv.FormatInt(first.Line, 10)
	}
	return fmt.Sprintf("nomination list refused: %d bad lines; first at %s: %s: %s", e.Total, where, first.Code, first.Message)
}

// Unwrap returns the coded form of e, one field error per listed line.
func (e *FileError) Unwrap() error {
	code := prakerja.CodeInvalid
	if e.TooLarge {
		code = prakerja.CodeTooLarge
	}
	pe := &prakerja.Error{Code: code, Message: fmt.Sprintf("The list file has %d bad lines.", e.Total)}
	for _, l := range e.Lines {
		field := "file"
		if l.Line > 0 {
			field = "line " + strconv.FormatInt(l.Line, 10)
		}
		pe.Fields = append(pe.Fields, prakerja.FieldError{Field: field, Code: l.Code, Message: l.Message})
	}
	return pe
}

// add records one bad line, keeping the first LineErrorsMax.
func (e *FileError) add(line int64, code prakerja.Code, msg string) {
	e.Total++
	if len(e.Lines) < LineErrorsMax {
		e.Lines = append(e.Lines, LineError{Line: line, Code: code, Message: msg})
	}
}
