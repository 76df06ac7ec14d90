package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nomination"
)

func init() {
	register(&command{
		name:    "nominations",
		summary: "import and list institutions' nomination lists (the special track's priority tier)",
		run:     runNominations,
	})
}

const nominationsUsage = `usage: prakerja nominations import --institution CODE --name TEXT FILE.csv [--json] [--data DIR | --db URL] [--keys FILE]
       prakerja nominations list [--json] [--data DIR | --db URL]
import checks the whole file first (a header with nik and category columns,
one NIK per line, ',' or ';') and stores nothing when a line is bad; a clean
file replaces the institution's current list. A nominee still registers and
passes every check; the nomination only puts them in priority tier 0.
Categories: `

// runNominations lets an operator load the institutions' nomination lists
// and see which versions are current.
func runNominations(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, nominationsUsageText())
		return errUsage
	}
	switch args[0] {
	case "import":
		return runNominationsImport(ctx, env, args[1:])
	case "list":
		return runNominationsList(ctx, env, args[1:])
	case "help", "-h", "--help":
		fmt.Fprintln(env.Stdout, nominationsUsageText())
		return nil
	}
	fmt.Fprintf(env.Stderr, "prakerja nominations: unknown subcommand %q\n%s\n", args[0], nominationsUsageText())
	return errUsage
}

func nominationsUsageText() string {
	names := make([]string, 0, len(prakerja.NominationCategories()))
	for _, c := range prakerja.NominationCategories() {
		names = append(names, string(c))
	}
	return nominationsUsage + strings.Join(names, ", ")
}

// nominationImportLine is the JSON line of a successful import.
type nominationImportLine struct {
	ID          int64  `json:"id"`
	Institution string `json:"institution"`
	Name        string `json:"name"`
	Rows        int64  `json:"rows"`
	Entries     int64  `json:"entries"`
	SHA256      string `json:"sha256"`
	ImportedAt  string `json:"imported_at"`
}

// nominationRefusedLine is the JSON line of a refused list file.
type nominationRefusedLine struct {
	Error    prakerja.Code          `json:"error"`
	Message  string                 `json:"message"`
	BadLines []nomination.LineError `json:"bad_lines"`
	Total    int64                  `json:"total"`
}

// institutionCode is the store's rule for an institution code, checked
// here too so a bad code is refused before the file is read.
var institutionCode = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// nominationsImportFlags is the command line of `nominations import`.
type nominationsImportFlags struct {
	sf                *storeFlags
	institution, name string
	keys              string
	asJSON            bool
	file              string
}

func parseNominationsImport(env *Env, args []string) (*nominationsImportFlags, error) {
	fs := newFlagSet("nominations import", env.Stderr)
	f := &nominationsImportFlags{sf: addStoreFlags(fs, env)}
	fs.StringVar(&f.institution, "institution", "", "the institution's stable code, snake_case (e.g. bpjs_tk, ditjenpas)")
	fs.StringVar(&f.name, "name", "", "the institution's name, for people; no personal data")
	fs.StringVar(&f.keys, "keys", env.Getenv("PRAKERJA_KEY_FILE"), "personal-data key file, the one serve uses (env PRAKERJA_KEY_FILE, or the key itself in PRAKERJA_KEYS)")
	fs.BoolVar(&f.asJSON, "json", false, "end the output with one JSON object")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != 1 || f.institution == "" || f.name == "" {
		fmt.Fprintln(env.Stderr, nominationsUsageText())
		return nil, errUsage
	}
	if len(f.name) > prakerja.NominationNameMax || len(f.institution) > prakerja.NominationInstitutionMax ||
		!institutionCode.MatchString(f.institution) {
		fmt.Fprintf(env.Stderr, "prakerja nominations import: --institution is snake_case, at most %d bytes, and --name at most %d\n",
			prakerja.NominationInstitutionMax, prakerja.NominationNameMax)
		return nil, errUsage
	}
	f.file = pos[0]
	return f, nil
}

// runNominationsImport checks and stores one list file. The keyring is
// found as serve finds it, so the stored blind indexes are the ones the
// registrations of this data folder carry.
func runNominationsImport(ctx context.Context, env *Env, args []string) error {
	f, err := parseNominationsImport(env, args)
	if err != nil {
		return err
	}
	store, err := f.sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	keys, err := loadKeys(appConfig{KeysFile: f.keys, KeysEnv: env.Getenv("PRAKERJA_KEYS"), DataDir: f.sf.Data}, newLogger(env.Stderr, "warn"))
	if err != nil {
		return err
	}
	imp := &prakerja.NominationImport{Institution: f.institution, Name: f.name}
	hooks := nomination.Hooks{
		Checked: func(s nomination.Summary) { fmt.Fprintf(env.Stdout, "%s: ok: %d rows\n", f.file, s.Rows) },
	}
	open := func() (io.ReadCloser, error) { return os.Open(f.file) }
	sum, err := nomination.Import(ctx, store, keys, open, imp, time.Now(), hooks)
	if err != nil {
		return nominationsImportFailure(env, f, err)
	}
	fmt.Fprintf(env.Stdout, "imported %s as %s import %d: %d rows, %d entries, sha256 %s\n",
		f.file, imp.Institution, imp.ID, sum.Rows, imp.Entries, imp.SHA256)
	if f.asJSON {
		return json.NewEncoder(env.Stdout).Encode(nominationImportLine{ID: imp.ID, Institution: imp.Institution,
			Name: imp.Name, Rows: sum.Rows, Entries: imp.Entries, SHA256: imp.SHA256,
			ImportedAt: imp.ImportedAt.UTC().Format(time.RFC3339)})
	}
	return nil
}

// nominationsImportFailure prints a refused file as FILE:LINE: CODE:
// MESSAGE lines on stderr (and one JSON object with --json) and exits 1;
// other errors go back to Run.
func nominationsImportFailure(env *Env, f *nominationsImportFlags, err error) error {
	var fe *nomination.FileError
	if !errors.As(err, &fe) {
		return fmt.Errorf("import %s: %w", f.file, err)
	}
	for _, l := range fe.Lines {
		fmt.Fprintf(env.Stderr, "%s:%d: %s: %s\n", f.file, l.Line, l.Code, l.Message)
	}
	if more := fe.Total - int64(len(fe.Lines)); more > 0 {
		fmt.Fprintf(env.Stderr, "%s: and %d more bad lines\n", f.file, more)
	}
	fmt.Fprintf(env.Stderr, "%s: refused, nothing stored\n", f.file)
	if f.asJSON {
		line := nominationRefusedLine{Error: prakerja.ErrorCode(err), Message: prakerja.ErrorMessage(err), BadLines: fe.Lines, Total: fe.Total}
		if err := json.NewEncoder(env.Stdout).Encode(line); err != nil {
			return err
		}
	}
	return exitCode(1)
}

// nominationListLine is one import in `nominations list --json`.
type nominationListLine struct {
	ID          int64  `json:"id"`
	Institution string `json:"institution"`
	Name        string `json:"name"`
	Entries     int64  `json:"entries"`
	SHA256      string `json:"sha256"`
	ImportedAt  string `json:"imported_at"`
	Current     bool   `json:"current"`
}

// runNominationsList prints the imports, newest first, the current version
// of each institution marked with '*'.
func runNominationsList(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("nominations list", env.Stderr)
	sf := addStoreFlags(fs, env)
	asJSON := fs.Bool("json", false, "end the output with one JSON object")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 {
		fmt.Fprintln(env.Stderr, nominationsUsageText())
		return errUsage
	}
	store, err := sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	imports, err := store.NominationImports(ctx)
	if err != nil {
		return fmt.Errorf("list nomination imports: %w", err)
	}
	lines := make([]nominationListLine, 0, len(imports))
	for _, imp := range imports {
		at := imp.ImportedAt.UTC().Format(time.RFC3339)
		lines = append(lines, nominationListLine{ID: imp.ID, Institution: imp.Institution, Name: imp.Name,
			Entries: imp.Entries, SHA256: imp.SHA256, ImportedAt: at, Current: imp.Current})
		mark := " "
		if imp.Current {
			mark = "*"
		}
		fmt.Fprintf(env.Stdout, "%s %6d  %-16s %11d  %s  %.12s  %s\n", mark, imp.ID, imp.Institution, imp.Entries, at, imp.SHA256, imp.Name)
	}
	if len(imports) == 0 {
		fmt.Fprintln(env.Stdout, "no nomination lists imported")
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(struct {
			Imports []nominationListLine `json:"imports"`
		}{lines})
	}
	return nil
}
