package exclusion

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// CheckCategory refuses a category that is not one of
// scheme.CategoryNames, listing the known ones: a list stored under a
// misspelt name would exclude nobody.
func CheckCategory(category string) error {
	names := scheme.CategoryNames()
	if slices.Contains(names, category) {
		return nil
	}
	return &prakerja.Error{
		Code:    prakerja.CodeInvalid,
		Message: "Unknown exclusion category; known: " + strings.Join(names, ", ") + ".",
		Fields: []prakerja.FieldError{{Field: "category", Code: prakerja.CodeBadValue,
			Message: "Must be one of " + strings.Join(names, ", ") + "."}},
	}
}

// checkSource refuses a Source the store would not keep.
func checkSource(source string) error {
	if len(source) <= SourceMax && utf8.ValidString(source) {
		return nil
	}
	return &prakerja.Error{
		Code:    prakerja.CodeInvalid,
		Message: fmt.Sprintf("The source must be UTF-8 text of at most %d bytes.", SourceMax),
		Fields:  []prakerja.FieldError{{Field: "source", Code: prakerja.CodeTooLong, Message: "Too long or not UTF-8."}},
	}
}
