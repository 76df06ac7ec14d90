package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/exclusion"
	"github.com/prakerja/prakerja/population"
	"github.com/prakerja/prakerja/scheme"
)

func init() {
	register(&command{
		name:    "exclusions",
		summary: "import and list exclusion lists (ASN, TNI, Polri, bansos …); write a sample list",
		run:     runExclusions,
	})
}

const exclusionsUsage = `usage: prakerja exclusions import --category C [--source TEXT] FILE.csv [--json] [--data DIR | --db URL] [--keys FILE]
       prakerja exclusions list [--json] [--data DIR | --db URL]
       prakerja exclusions sample --category C [--seed S] [--population N] [--per-mille P] FILE.csv
import checks the whole file first (a header with a nik column, one NIK per
line, ',' or ';') and stores nothing when a line is bad; a clean file
replaces the category's current list. sample writes a made-up list of the
demo's population, so an import can be tried.
Categories: `

// exclusionsSamplePopulationMax bounds sample's --population: the people
// are held in memory while the list is drawn.
const exclusionsSamplePopulationMax = 2_000_000

// runExclusions lets an operator load the excluded groups of a scheme from
// the agencies' files, and see which versions are current.
func runExclusions(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, exclusionsUsageText())
		return errUsage
	}
	switch args[0] {
	case "import":
		return runExclusionsImport(ctx, env, args[1:])
	case "list":
		return runExclusionsList(ctx, env, args[1:])
	case "sample":
		return runExclusionsSample(env, args[1:])
	case "help", "-h", "--help":
		fmt.Fprintln(env.Stdout, exclusionsUsageText())
		return nil
	}
	fmt.Fprintf(env.Stderr, "prakerja exclusions: unknown subcommand %q\n%s\n", args[0], exclusionsUsageText())
	return errUsage
}

func exclusionsUsageText() string {
	return exclusionsUsage + strings.Join(scheme.CategoryNames(), ", ")
}

// exclusionImportLine is the JSON line of a successful import.
type exclusionImportLine struct {
	ID         int64  `json:"id"`
	Category   string `json:"category"`
	Source     string `json:"source"`
	Rows       int64  `json:"rows"`
	Entries    int64  `json:"entries"`
	SHA256     string `json:"sha256"`
	ImportedAt string `json:"imported_at"`
}

// exclusionRefusedLine is the JSON line of a refused list file.
type exclusionRefusedLine struct {
	Error    prakerja.Code         `json:"error"`
	Message  string                `json:"message"`
	BadLines []exclusion.LineError `json:"bad_lines"`
	Total    int64                 `json:"total"`
}

// exclusionsImportFlags is the command line of `exclusions import`.
type exclusionsImportFlags struct {
	sf               *storeFlags
	category, source string
	keys             string
	asJSON           bool
	file             string
}

func parseExclusionsImport(env *Env, args []string) (*exclusionsImportFlags, error) {
	fs := newFlagSet("exclusions import", env.Stderr)
	f := &exclusionsImportFlags{sf: addStoreFlags(fs, env)}
	fs.StringVar(&f.category, "category", "", "exclusion category (see `prakerja exclusions help`)")
	fs.StringVar(&f.source, "source", "", "who sent the list, for audit (default the file name); no personal data")
	fs.StringVar(&f.keys, "keys", env.Getenv("PRAKERJA_KEY_FILE"), "personal-data key file, the one serve uses (env PRAKERJA_KEY_FILE, or the key itself in PRAKERJA_KEYS)")
	fs.BoolVar(&f.asJSON, "json", false, "end the output with one JSON object")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, exclusionsUsageText())
		return nil, errUsage
	}
	if err := exclusion.CheckCategory(f.category); err != nil {
		fmt.Fprintf(env.Stderr, "prakerja exclusions import: --category %q: %s\n", f.category, prakerja.ErrorMessage(err))
		return nil, errUsage
	}
	f.file = pos[0]
	if f.source == "" {
		f.source = filepath.Base(f.file)
	}
	return f, nil
}

// runExclusionsImport checks and stores one list file. The keyring is
// found as serve finds it, so the stored blind indexes are the ones the
// registrations of this data folder carry.
func runExclusionsImport(ctx context.Context, env *Env, args []string) error {
	f, err := parseExclusionsImport(env, args)
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
	imp := &prakerja.ExclusionImport{Category: f.category, Source: f.source}
	var bar *progress
	hooks := exclusion.Hooks{
		Checked: func(s exclusion.Summary) {
			fmt.Fprintf(env.Stdout, "%s: ok: %d rows\n", f.file, s.Rows)
			bar = startProgress(env.Stderr, "importing "+f.category, int(s.Rows))
		},
		Stored: func(rows int) { bar.Add(rows) },
	}
	open := func() (io.ReadCloser, error) { return os.Open(f.file) }
	sum, err := exclusion.Import(ctx, store, keys, open, imp, time.Now(), hooks)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return exclusionsImportFailure(env, f, err)
	}
	fmt.Fprintf(env.Stdout, "imported %s as %s import %d: %d rows, %d entries, sha256 %s\n",
		f.file, imp.Category, imp.ID, sum.Rows, imp.Entries, imp.SHA256)
	if f.asJSON {
		return json.NewEncoder(env.Stdout).Encode(exclusionImportLine{ID: imp.ID, Category: imp.Category,
			Source: imp.Source, Rows: sum.Rows, Entries: imp.Entries, SHA256: imp.SHA256,
			ImportedAt: imp.ImportedAt.UTC().Format(time.RFC3339)})
	}
	return nil
}

// exclusionsImportFailure prints a refused file as FILE:LINE: CODE:
// MESSAGE lines on stderr (and one JSON object with --json) and exits 1;
// other errors go back to Run.
func exclusionsImportFailure(env *Env, f *exclusionsImportFlags, err error) error {
	var fe *exclusion.FileError
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
		line := exclusionRefusedLine{Error: prakerja.ErrorCode(err), Message: prakerja.ErrorMessage(err), BadLines: fe.Lines, Total: fe.Total}
		if err := json.NewEncoder(env.Stdout).Encode(line); err != nil {
			return err
		}
	}
	return exitCode(1)
}

// exclusionListLine is one import in `exclusions list --json`.
type exclusionListLine struct {
	ID         int64  `json:"id"`
	Category   string `json:"category"`
	Source     string `json:"source"`
	Entries    int64  `json:"entries"`
	SHA256     string `json:"sha256"`
	ImportedAt string `json:"imported_at"`
	Current    bool   `json:"current"`
}

// runExclusionsList prints the imports, newest first, the current version
// of each category marked with '*'.
func runExclusionsList(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("exclusions list", env.Stderr)
	sf := addStoreFlags(fs, env)
	asJSON := fs.Bool("json", false, "end the output with one JSON object")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 {
		fmt.Fprintln(env.Stderr, exclusionsUsageText())
		return errUsage
	}
	store, err := sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	imports, err := store.ExclusionImports(ctx)
	if err != nil {
		return fmt.Errorf("list exclusion imports: %w", err)
	}
	lines := make([]exclusionListLine, 0, len(imports))
	for _, imp := range imports {
		lines = append(lines, exclusionListLine{ID: imp.ID, Category: imp.Category, Source: imp.Source,
			Entries: imp.Entries, SHA256: imp.SHA256, ImportedAt: imp.ImportedAt.UTC().Format(time.RFC3339), Current: imp.Current})
		mark := " "
		if imp.Current {
			mark = "*"
		}
		fmt.Fprintf(env.Stdout, "%s %6d  %-16s %11d  %s  %.12s  %s\n", mark, imp.ID, imp.Category, imp.Entries,
			imp.ImportedAt.UTC().Format(time.RFC3339), imp.SHA256, imp.Source)
	}
	if len(imports) == 0 {
		fmt.Fprintln(env.Stdout, "no exclusion lists imported")
	}
	if *asJSON {
		return json.NewEncoder(env.Stdout).Encode(struct {
			Imports []exclusionListLine `json:"imports"`
		}{lines})
	}
	return nil
}

// runExclusionsSample writes a synthetic list drawn from the demo's
// population (same seed, same reference date as a demo run today), so the
// people on it are people the demo registers.
func runExclusionsSample(env *Env, args []string) error {
	fs := newFlagSet("exclusions sample", env.Stderr)
	category := fs.String("category", "", "exclusion category")
	seed := fs.Uint64("seed", 2020, "population seed; use the demo's")
	size := fs.Int("population", 100_000, "draw from the first N people of the population")
	perMille := fs.Int("per-mille", 0, "adults per thousand on the list (default: a realistic share for the category)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *size < 1 || *size > exclusionsSamplePopulationMax || *perMille < 0 || *perMille > 1000 {
		fmt.Fprintf(env.Stderr, "%s\n--population must be 1..%d and --per-mille 0..1000\n", exclusionsUsageText(), exclusionsSamplePopulationMax)
		return errUsage
	}
	if err := exclusion.CheckCategory(*category); err != nil {
		fmt.Fprintf(env.Stderr, "prakerja exclusions sample: --category %q: %s\n", *category, prakerja.ErrorMessage(err))
		return errUsage
	}
	if *perMille == 0 {
		*perMille = exclusion.DefaultPerMille(*category)
	}
	people := population.Generate(*seed, *size, population.Options{Ref: time.Now()})
	list := exclusion.Synthetic(*seed, people, *category, *perMille)
	if err := writeExclusionSample(pos[0], list); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %d people on a %s list (%d‰ of the adults among %d people, seed %d)\n",
		pos[0], len(list), *category, *perMille, *size, *seed)
	return nil
}

func writeExclusionSample(path string, list []population.Person) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create sample: %w", err)
	}
	if err := exclusion.WriteCSV(f, list); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close sample: %w", err)
	}
	return nil
}
