package yamlconf_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/parser"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/internal/yamlconf"
)

var limits = yamlconf.Limits{
	FileSizeMax:           1 << 10,
	LineLengthMax:         10,
	FlowCollectionsMax:    2,
	FileSizeFormat:        "file is %d bytes, more than %d KiB",
	FlowCollectionsFormat: "more than %d '[' and '{'",
}

// TestPrecheck checks that each limit is reported at its line, and that a
// file within the limits passes.
func TestPrecheck(t *testing.T) {
	tests := []struct {
		name string
		data string
		want yamlconf.Problem
	}{
		{"ErrFileSize", strings.Repeat("a\n", 600),
			yamlconf.Problem{Code: prakerja.CodeTooLong, Message: "file is 1200 bytes, more than 1 KiB"}},
		{"ErrLineLength", "a: 1\nb: 12345678\n",
			yamlconf.Problem{Line: 2, Code: prakerja.CodeTooLong, Message: "line is longer than 10 bytes"}},
		{"ErrFlowCollections", "a: []\nb: {}\nc: []\n",
			yamlconf.Problem{Line: 3, Code: prakerja.CodeTooLong, Message: "more than 2 '[' and '{'"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, found := yamlconf.Precheck([]byte(tc.data), limits)
			if !found || got != tc.want {
				t.Fatalf("Precheck=%+v, %v, want %+v, true", got, found, tc.want)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		if p, found := yamlconf.Precheck([]byte("a: [1]\nb: 2\n"), limits); found {
			t.Fatalf("Precheck=%+v, want no problem", p)
		}
	})
}

// TestNewError checks the order of the problems (by line, unknown lines
// last), the cap on those shown, and the fields.
func TestNewError(t *testing.T) {
	if err := yamlconf.NewError(prakerja.CodeInvalid, "f.yaml", nil, 2); err != nil {
		t.Fatalf("NewError(no problems)=%v, want nil", err)
	}
	problems := []yamlconf.Problem{
		{Path: "b", Code: prakerja.CodeBadValue, Message: "no line"},
		{Path: "c", Line: 7, Code: prakerja.CodeBadValue, Message: "seven"},
		{Line: 3, Code: prakerja.CodeBadFormat, Message: "three"},
	}
	err := yamlconf.NewError(prakerja.CodeInvalid, "f.yaml", problems, 2)
	var e *prakerja.Error
	if !errors.As(err, &e) {
		t.Fatalf("NewError=%T, want *prakerja.Error", err)
	}
	if got, want := e.Message, "f.yaml:3: three\nf.yaml:7: c: seven\n… and 1 more problems"; got != want {
		t.Errorf("Message=%q, want %q", got, want)
	}
	if got, want := len(e.Fields), 2; got != want {
		t.Fatalf("len(Fields)=%d, want %d", got, want)
	}
	if got, want := e.Fields[1], (prakerja.FieldError{Field: "c", Code: prakerja.CodeBadValue,
		Message: "line 7: seven"}); got != want {
		t.Errorf("Fields[1]=%+v, want %+v", got, want)
	}
	if got, want := problems[0].Format(""), "line 3: three"; got != want {
		t.Errorf("Format(\"\")=%q, want %q", got, want)
	}
}

// TestNodeLine checks the lines of a mapping, of a value and of a second
// document.
func TestNodeLine(t *testing.T) {
	file, err := parser.ParseBytes([]byte("# note\na: 1\nb:\n  c: 2\n---\nd: 3\n"), 0)
	if err != nil {
		t.Fatal(err)
	}
	docs := yamlconf.Documents(file)
	if got, want := len(docs), 2; got != want {
		t.Fatalf("len(Documents)=%d, want %d", got, want)
	}
	if got, want := yamlconf.NodeLine(docs[0].Body), 2; got != want {
		t.Errorf("NodeLine(first body)=%d, want %d", got, want)
	}
	if got, want := yamlconf.NodeLine(docs[1].Body), 6; got != want {
		t.Errorf("NodeLine(second body)=%d, want %d", got, want)
	}
	if got, want := yamlconf.NodeLine(nil), 0; got != want {
		t.Errorf("NodeLine(nil)=%d, want %d", got, want)
	}
}

// TestErrorProblem checks that a syntax error keeps its line and column.
func TestErrorProblem(t *testing.T) {
	_, err := parser.ParseBytes([]byte("a: 1\nb: [\n"), 0)
	if err == nil {
		t.Fatal("ParseBytes: no error")
	}
	p := yamlconf.ErrorProblem("YAML syntax error", err)
	if p.Line == 0 || !strings.HasPrefix(p.Message, "YAML syntax error at column ") {
		t.Errorf("ErrorProblem=%+v, want a line and a column", p)
	}
	p = yamlconf.ErrorProblem("wrong field", errors.New("first\nsecond"))
	if got, want := p.Message, "wrong field: first"; got != want || p.Line != 0 {
		t.Errorf("ErrorProblem=%+v, want message %q and no line", p, want)
	}
}

// TestParentPath checks that each call drops one element of a path.
func TestParentPath(t *testing.T) {
	for path, want := range map[string]string{
		"a.b[2].c": "a.b[2]", "a.b[2]": "a.b", "a.b": "a", "a": "", "": "",
	} {
		if got := yamlconf.ParentPath(path); got != want {
			t.Errorf("ParentPath(%q)=%q, want %q", path, got, want)
		}
	}
}
