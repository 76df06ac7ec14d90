package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/export"
	"github.com/prakerja/prakerja/scheme"
	"github.com/prakerja/prakerja/targeting"
)

const targetingUsage = `usage: prakerja targeting aggregates [--regions province|regency] [--province PP] [--json]
       prakerja targeting export --by USER --format csv|xlsx --out FILE [--level aggregate|individual]
                                 [--regions province|regency] [--province PP]
  registrants who lost work or income in the pandemic and are on none of the scheme's
  social-assistance lists; individual rows hold only those who consented, and only a staff
  account whose role holds targeting.export (--by) may make them. Every export is
  recorded in the audit chain (who, level, format, rows, filter, SHA-256) before it is written.
every subcommand takes --data DIR | --db URL, --keys FILE and --scheme NAME|FILE`

func init() {
	register(&command{name: "targeting", summary: "social-assistance targeting: aggregates by region and audited exports", run: runTargeting})
}

func runTargeting(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "aggregates":
			return targetingAggregates(ctx, env, args[1:])
		case "export":
			return targetingExport(ctx, env, args[1:])
		}
	}
	fmt.Fprintln(env.Stderr, targetingUsage)
	return errUsage
}

// targetingFlags are the flags both subcommands take.
type targetingFlags struct {
	lf                          *ledgerFlags
	keys, scheme, regions, prov *string
}

func newTargetingFlags(env *Env, name string) *targetingFlags {
	lf := newLedgerFlags(env, "targeting "+name)
	return &targetingFlags{lf: lf,
		keys:    lf.fs.String("keys", env.Getenv("PRAKERJA_KEY_FILE"), "personal-data key file, the one serve uses (env PRAKERJA_KEY_FILE, or the key itself in PRAKERJA_KEYS)"),
		scheme:  lf.fs.String("scheme", envOr(env, "PRAKERJA_SCHEME", "2020"), "the scheme naming the social-assistance lists: a built-in name or a YAML file"),
		regions: lf.fs.String("regions", "province", "group aggregates by province or regency"),
		prov:    lf.fs.String("province", "", "only this province code, e.g. 31"),
	}
}

// service opens the store (the caller closes it) and the service.
func (tf *targetingFlags) service(ctx context.Context, env *Env, args []string) (*targeting.Service, io.Closer, error) {
	store, err := tf.lf.open(ctx, args)
	if err != nil {
		return nil, nil, err
	}
	sch, err := scheme.Load(*tf.scheme)
	if err != nil {
		_ = store.Close()
		return nil, nil, err
	}
	keys, err := loadKeys(appConfig{KeysFile: *tf.keys, KeysEnv: env.Getenv("PRAKERJA_KEYS"), DataDir: tf.lf.sf.Data}, newLogger(env.Stderr, "warn"))
	if err != nil {
		_ = store.Close()
		return nil, nil, err
	}
	return targeting.New(store, keys, prakerja.SystemClock{}, sch.Targeting.SocialAssistanceCategories), store, nil
}

func targetingAggregates(ctx context.Context, env *Env, args []string) error {
	tf := newTargetingFlags(env, "aggregates")
	svc, closer, err := tf.service(ctx, env, args)
	if err != nil {
		return err
	}
	defer closer.Close()
	rows, err := svc.Aggregates(ctx, prakerja.TargetingLevel(*tf.regions), *tf.prov)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "REGION\tNAME\tREGISTRANTS\tLOST_JOB\tLOST_INCOME\tREDUCED_HOURS\tTARGETED\tPER_1000\t")
	for _, a := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t\n", a.Region, targeting.RegionName(a.Region), a.Total,
			a.LostJob, a.LostIncome, a.ReducedHours, a.Targeted(), targeting.PerThousand(a.Targeted(), a.Total))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if rows == nil {
		rows = []prakerja.TargetingAggregate{}
	}
	return reviewEncode(env.Stdout, *tf.lf.asJSON, map[string]any{"regions": rows})
}

func targetingExport(ctx context.Context, env *Env, args []string) error {
	tf := newTargetingFlags(env, "export")
	by := tf.lf.fs.String("by", "", "who exports, for the audit chain (required)")
	format := tf.lf.fs.String("format", "csv", "csv or xlsx")
	out := tf.lf.fs.String("out", "", "the file to write (required; never overwritten)")
	level := tf.lf.fs.String("level", "aggregate", "aggregate or individual")
	svc, closer, err := tf.service(ctx, env, args)
	if err != nil {
		return err
	}
	defer closer.Close()
	if *by == "" || *out == "" {
		fmt.Fprintln(env.Stderr, targetingUsage)
		return errUsage
	}
	fm, err := export.ParseFormat(*format)
	if err != nil {
		return err
	}
	if targeting.Level(*level) == targeting.LevelIndividual {
		if err := mayExportIndividuals(ctx, closer, *by); err != nil {
			return err
		}
	}
	// The file is created first, so a path that cannot be written is
	// refused before anything is recorded as exported.
	dst, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("targeting export: %w", err)
	}
	f, err := svc.Export(ctx, targeting.Request{Level: targeting.Level(*level), Format: fm,
		Regions: prakerja.TargetingLevel(*tf.regions), Province: *tf.prov, Actor: *by})
	if err != nil {
		_ = dst.Close()
		_ = os.Remove(*out)
		return err
	}
	defer f.Close()
	if _, err := f.WriteTo(dst); err != nil {
		_ = dst.Close()
		return fmt.Errorf("targeting export: %w", err)
	}
	if err := dst.Close(); err != nil {
		return fmt.Errorf("targeting export: %w", err)
	}
	fmt.Fprintf(env.Stdout, "wrote %s: %d rows, %d bytes, sha256 %s (recorded in the audit chain)\n", *out, f.Rows, f.Size, f.SHA256)
	return reviewEncode(env.Stdout, *tf.lf.asJSON, map[string]any{"file": *out, "rows": f.Rows, "bytes": f.Size, "sha256": f.SHA256})
}

// mayExportIndividuals holds the command line to the console's rule: an
// individual-level export names an active staff account whose role may
// make one (prakerja.PermTargetingExport).
func mayExportIndividuals(ctx context.Context, store any, by string) error {
	staffs, ok := store.(interface {
		StaffByUsername(ctx context.Context, username string) (*prakerja.Staff, error)
	})
	if !ok {
		return fmt.Errorf("targeting export: the store keeps no staff accounts")
	}
	st, err := staffs.StaffByUsername(ctx, by)
	if prakerja.ErrorCode(err) == prakerja.CodeNotFound || (err == nil && !st.Can(prakerja.PermTargetingExport)) {
		return prakerja.Errorf(prakerja.CodeForbidden, "An individual-level export needs --by to name an active staff account whose role holds %s (see prakerja staff list).", prakerja.PermTargetingExport)
	}
	return err
}
