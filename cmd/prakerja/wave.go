package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/nik"
	"github.com/prakerja/prakerja/scheme"
)

func init() {
	register(&command{name: "wave", summary: "waves (gelombang): create one with its quotas, list them, close one early", run: runWave})
}

// waveInputLayouts are the forms --opens and --closes accept, always read
// as WIB: an operator types the time printed in the announcement, and the
// machine's own time zone must not shift it.
var waveInputLayouts = []string{"2006-01-02 15:04", "2006-01-02 15:04:05"}

// waveShownLayout prints an instant back in WIB.
const waveShownLayout = "2006-01-02 15:04:05 WIB"

// waveCSVMax bounds a --region-quotas file: a row per region at most, plus
// a header, and no row longer than a code and a number.
const waveCSVMax = 64 << 10

// waveFlags are the flags of `wave create` and `wave list`.
type waveFlags struct {
	sf           *storeFlags
	asJSON       *bool
	name, scheme *string
	opens        *string
	closes       *string
	quota        *int
	regions      *string
	quotasFile   *string
	quotas       regionQuotaFlag
	waveID       *int64
	by           *string
}

// regionQuotaFlag collects repeated --region-quota CODE=SEATS.
type regionQuotaFlag []string

func (f *regionQuotaFlag) String() string     { return strings.Join(*f, " ") }
func (f *regionQuotaFlag) Set(v string) error { *f = append(*f, v); return nil }

// runWave is `prakerja wave create|list`.
func runWave(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("wave", env.Stderr)
	wf := &waveFlags{
		sf:         addStoreFlags(fs, env),
		asJSON:     fs.Bool("json", false, "end the output with one JSON object"),
		name:       fs.String("name", "", "wave name, e.g. \"Gelombang 1\""),
		scheme:     fs.String("scheme", "2020", "programme scheme the selection applies: "+strings.Join(scheme.BuiltinNames(), ", ")),
		opens:      fs.String("opens", "", "opening instant in WIB: \"2020-04-11 09:00\""),
		closes:     fs.String("closes", "", "closing instant in WIB: \"2020-04-16 16:00\"; joins are refused from it on"),
		quota:      fs.Int("quota", 0, "seats in the whole wave"),
		regions:    fs.String("regions", "", "province or regency codes allowed to join, comma-separated (empty = all)"),
		quotasFile: fs.String("region-quotas", "", "CSV file of region,seats rows"),
		waveID:     fs.Int64("wave", 0, "the wave to close early (wave close)"),
		by:         fs.String("by", "", "the operator closing the wave early, named in the audit log (wave close)"),
	}
	fs.Var(&wf.quotas, "region-quota", "CODE=SEATS, seats reserved for a province or regency (repeatable)")
	positional, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(positional) == 1 && positional[0] == "create":
		return waveCreate(ctx, env.Stdout, wf)
	case len(positional) == 1 && positional[0] == "list":
		return waveList(ctx, env.Stdout, wf)
	case len(positional) == 1 && positional[0] == "close":
		return waveClose(ctx, env.Stdout, wf)
	}
	fmt.Fprintf(env.Stderr, "prakerja wave: a subcommand is required\n\nUsage:\n"+
		"  prakerja wave create --name N --opens \"2020-04-11 09:00\" --closes \"2020-04-16 16:00\" --quota 168111\n"+
		"      [--scheme 2020] [--region-quotas FILE.csv | --region-quota 31=20000 …] [--regions 31,32] [--json]\n"+
		"  prakerja wave list [--json]\n"+
		"  prakerja wave close --wave N --by NAME [--json]   (close an open wave now; its selection seed must be committed)\n\nFlags:\n")
	fs.PrintDefaults()
	return errUsage
}

// waveCreate checks the flags, stores the wave and prints it back in WIB.
func waveCreate(ctx context.Context, w io.Writer, wf *waveFlags) error {
	wave, err := wf.wave()
	if err != nil {
		return err
	}
	store, err := wf.sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.CreateWave(ctx, wave, time.Now().UTC()); err != nil {
		return readableError(err)
	}
	fmt.Fprintf(w, "wave %d %q created: opens %s, closes %s, quota %d, scheme %s\n", wave.ID, wave.Name,
		wave.OpensAt.In(prakerja.WIB).Format(waveShownLayout), wave.ClosesAt.In(prakerja.WIB).Format(waveShownLayout),
		wave.Quota, wave.Scheme)
	return reviewEncode(w, *wf.asJSON, map[string]waveJSON{"wave": waveJSONOf(wave, time.Now(), 0)})
}

// wave builds the wave the flags describe and checks it fully before the
// store is opened, so every mistake is reported at once.
func (wf *waveFlags) wave() (*prakerja.Wave, error) {
	opens, errOpens := parseWIB("--opens", *wf.opens)
	closes, errCloses := parseWIB("--closes", *wf.closes)
	quotas, errQuotas := wf.regionQuotas()
	regions := splitRegions(*wf.regions)
	wave := &prakerja.Wave{Name: strings.TrimSpace(*wf.name), Scheme: *wf.scheme, OpensAt: opens, ClosesAt: closes,
		Quota: *wf.quota, Regions: regions, RegionQuotas: quotas}
	errs := []error{errOpens, errCloses, errQuotas, knownScheme(wave.Scheme), knownRegions(wave)}
	if errOpens == nil && errCloses == nil {
		errs = append(errs, readableError(wave.Validate()))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "%s", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	return wave, nil
}

// parseWIB reads a wall-clock time in WIB and returns the UTC instant.
func parseWIB(flagName, s string) (time.Time, error) {
	for _, layout := range waveInputLayouts {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), prakerja.WIB); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%s %q is not a WIB time like \"2020-04-16 16:00\"", flagName, s)
}

// splitRegions reads a comma-separated region list.
func splitRegions(s string) []string {
	var out []string
	for _, code := range strings.Split(s, ",") {
		if code = strings.TrimSpace(code); code != "" {
			out = append(out, code)
		}
	}
	return out
}

// regionQuotas merges --region-quotas FILE and --region-quota flags; they
// are exclusive so a file and a stray flag never silently add up.
func (wf *waveFlags) regionQuotas() (map[string]int, error) {
	if *wf.quotasFile != "" && len(wf.quotas) > 0 {
		return nil, errors.New("give --region-quotas FILE or --region-quota flags, not both")
	}
	pairs := [][2]string{}
	for _, q := range wf.quotas {
		code, seats, ok := strings.Cut(q, "=")
		if !ok {
			return nil, fmt.Errorf("--region-quota %q is not CODE=SEATS", q)
		}
		pairs = append(pairs, [2]string{code, seats})
	}
	if *wf.quotasFile != "" {
		var err error
		if pairs, err = readQuotaCSV(*wf.quotasFile); err != nil {
			return nil, err
		}
	}
	return quotaMap(pairs)
}

// quotaMap turns (code, seats) pairs into a map, refusing repeats.
func quotaMap(pairs [][2]string) (map[string]int, error) {
	if len(pairs) == 0 {
		return nil, nil
	}
	out := make(map[string]int, len(pairs))
	for _, p := range pairs {
		code := strings.TrimSpace(p[0])
		seats, err := strconv.Atoi(strings.TrimSpace(p[1]))
		if err != nil {
			return nil, fmt.Errorf("the quota of region %q is not a whole number", code)
		}
		if _, dup := out[code]; dup {
			return nil, fmt.Errorf("region %s has two quotas", code)
		}
		out[code] = seats
	}
	return out, nil
}

// readQuotaCSV reads region,seats rows; a first row whose seats are not a
// number is a header.
func readQuotaCSV(path string) ([][2]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("region quotas: %w", err)
	}
	defer f.Close()
	return parseQuotaCSV(f, path)
}

// parseQuotaCSV is readQuotaCSV on an open file. A file over waveCSVMax
// is refused, not cut: a cut could end a row inside its number.
func parseQuotaCSV(f io.Reader, path string) ([][2]string, error) {
	b, err := io.ReadAll(io.LimitReader(f, waveCSVMax+1))
	if err != nil {
		return nil, fmt.Errorf("region quotas: %w", err)
	}
	if len(b) > waveCSVMax {
		return nil, fmt.Errorf("region quotas %s: over %d bytes", path, waveCSVMax)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord, r.TrimLeadingSpace = 2, true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("region quotas %s: %w", path, err)
	}
	if len(rows) > 0 {
		if _, err := strconv.Atoi(strings.TrimSpace(rows[0][1])); err != nil {
			rows = rows[1:]
		}
	}
	if len(rows) > prakerja.WaveRegionsMax {
		return nil, fmt.Errorf("region quotas %s: more than %d rows", path, prakerja.WaveRegionsMax)
	}
	out := make([][2]string, len(rows))
	for i, row := range rows {
		out[i] = [2]string{row[0], row[1]}
	}
	return out, nil
}

// knownScheme refuses a scheme the binary does not ship, since selection
// will apply its rules by name.
func knownScheme(name string) error {
	if _, err := scheme.Builtin(name); err != nil {
		return fmt.Errorf("--scheme %q is not one of %s", name, strings.Join(scheme.BuiltinNames(), ", "))
	}
	return nil
}

// knownRegions refuses codes that are no current province or regency in
// the Kemendagri tables: a wave for a region that no longer exists would
// admit no one.
func knownRegions(w *prakerja.Wave) error {
	var errs []error
	check := func(what, code string) {
		var r nik.Region
		var ok bool
		if strings.Contains(code, ".") {
			r, ok = nik.LookupRegency(code)
		} else {
			r, ok = nik.LookupProvince(code)
		}
		if !prakerja.IsRegionCode(code) || !ok || r.Retired {
			errs = append(errs, fmt.Errorf("%s %q is no current province or regency code", what, code))
		}
	}
	for _, code := range w.Regions {
		check("region", code)
	}
	for code := range w.RegionQuotas {
		check("region quota", code)
	}
	return errors.Join(errs...)
}

// readableError spells out the field errors of a coded error, which the
// command line otherwise shows only as a count.
func readableError(err error) error {
	fields := prakerja.ErrorFields(err)
	if len(fields) == 0 {
		return err
	}
	msgs := make([]string, len(fields))
	for i, f := range fields {
		msgs[i] = f.Message
	}
	return errors.New(strings.Join(msgs, "; "))
}

// regionQuotaFlag is a repeatable flag.
var _ flag.Value = (*regionQuotaFlag)(nil)
