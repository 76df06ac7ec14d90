package scheme

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/prakerja/prakerja"
)

// builtinFiles holds the schemes shipped in the binary, one file per scheme,
// named after the scheme: builtin/2020.yaml holds the scheme "2020".
//
//go:embed builtin/*.yaml
var builtinFiles embed.FS

type builtinScheme struct {
	scheme *Scheme
	err    error
}

// builtins parses every built-in file once.
var builtins = sync.OnceValue(func() map[string]builtinScheme {
	entries, err := fs.ReadDir(builtinFiles, "builtin")
	if err != nil {
		panic("scheme: embedded builtin directory is missing: " + err.Error())
	}
	all := make(map[string]builtinScheme, len(entries))
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".yaml")
		data, err := builtinFiles.ReadFile(path.Join("builtin", e.Name()))
		if err != nil {
			panic("scheme: embedded builtin file is unreadable: " + err.Error())
		}
		s, err := Parse(data, e.Name())
		if err == nil && s.Name != name {
			err = prakerja.Errorf(prakerja.CodeSchemeInvalid,
				"%s: name: is %q but a built-in file must be named after its scheme", e.Name(), s.Name)
		}
		all[name] = builtinScheme{scheme: s, err: err}
	}
	return all
})

// BuiltinNames returns the names of the built-in schemes, sorted.
func BuiltinNames() []string {
	names := make([]string, 0, len(builtins()))
	for name := range builtins() {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Builtin returns a copy of the built-in scheme called name ("2020", "2023").
// An unknown name yields a *prakerja.Error of code CodeSchemeUnknown that
// lists the known names.
func Builtin(name string) (*Scheme, error) {
	b, ok := builtins()[name]
	if !ok {
		return nil, prakerja.Errorf(prakerja.CodeSchemeUnknown,
			"unknown built-in scheme %q; the built-in schemes are %s",
			clip(name), strings.Join(BuiltinNames(), ", "))
	}
	if b.err != nil {
		return nil, b.err
	}
	return b.scheme.Clone(), nil
}

// BuiltinYAML returns the embedded file of the built-in scheme called name,
// comments included: a commented starting point for a new scheme file.
func BuiltinYAML(name string) ([]byte, error) {
	if _, err := Builtin(name); err != nil {
		return nil, err
	}
	return builtinFiles.ReadFile(path.Join("builtin", name+".yaml"))
}

// Load returns the built-in scheme called nameOrPath, or else parses the
// scheme file at that path, which must end in .yaml or .yml. It is the only
// function of the package that touches the disk.
//
// Errors are *prakerja.Error: CodeSchemeUnknown for a name that is neither a
// built-in scheme nor a .yaml/.yml path, or a file that does not exist;
// CodeSchemeInvalid for a file that cannot be read, is too large or is
// malformed (see Parse).
func Load(nameOrPath string) (*Scheme, error) {
	if _, ok := builtins()[nameOrPath]; ok {
		return Builtin(nameOrPath)
	}
	switch strings.ToLower(filepath.Ext(nameOrPath)) {
	case ".yaml", ".yml":
		return loadFile(nameOrPath)
	}
	return nil, prakerja.Errorf(prakerja.CodeSchemeUnknown,
		"unknown scheme %q; give a built-in scheme (%s) or the path of a .yaml or .yml file",
		clip(nameOrPath), strings.Join(BuiltinNames(), ", "))
}

func loadFile(name string) (*Scheme, error) {
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, prakerja.Errorf(prakerja.CodeSchemeUnknown, "%s: scheme file does not exist", name)
	}
	if err != nil {
		return nil, prakerja.Errorf(prakerja.CodeSchemeInvalid,
			"%s: cannot open the scheme file: %s", name, reason(err))
	}
	defer f.Close()
	// Read one byte past the limit so that Parse sees an oversized file as such.
	data, err := io.ReadAll(io.LimitReader(f, FileSizeMax+1))
	if err != nil {
		return nil, prakerja.Errorf(prakerja.CodeSchemeInvalid,
			"%s: cannot read the scheme file: %s", name, reason(err))
	}
	return Parse(data, name)
}

// reason returns the cause of a file error without repeating the path.
func reason(err error) string {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Err.Error()
	}
	return fmt.Sprint(err)
}
