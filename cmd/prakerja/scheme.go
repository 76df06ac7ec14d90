package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

func init() {
	register(&command{
		name:    "scheme",
		summary: "list, show and check programme schemes (amounts, deadlines, limits)",
		run:     runScheme,
	})
}

const schemeUsage = `usage: prakerja scheme list [--json]
       prakerja scheme show NAME|FILE [--json | --yaml]
       prakerja scheme check FILE
NAME is a built-in scheme (see list); FILE is a .yaml or .yml scheme file.
show prints the scheme with its money breakdown, or with --json one JSON
object on one line, or with --yaml a scheme file to start a new one from.
check prints "ok" or the problems, one per line as FILE:LINE: FIELD: REASON,
on stderr, and exits 1 when there are any.`

// runScheme lets an operator see the schemes built in and check an edited
// scheme file before the server is started with it.
func runScheme(_ context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, schemeUsage)
		return errUsage
	}
	switch args[0] {
	case "list":
		return runSchemeList(env, args[1:])
	case "show":
		return runSchemeShow(env, args[1:])
	case "check":
		return runSchemeCheck(env, args[1:])
	case "help", "-h", "--help":
		fmt.Fprintln(env.Stdout, schemeUsage)
		return nil
	default:
		fmt.Fprintf(env.Stderr, "prakerja scheme: unknown subcommand %q\n%s\n", args[0], schemeUsage)
		return errUsage
	}
}

// schemeSummary is one entry of `scheme list --json`.
type schemeSummary struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Total int64  `json:"total"`
}

func runSchemeList(env *Env, args []string) error {
	fs := newFlagSet("scheme list", env.Stderr)
	asJSON := fs.Bool("json", false, "print one JSON object on one line")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		fmt.Fprintln(env.Stderr, schemeUsage)
		return errUsage
	}
	var list []schemeSummary
	for _, name := range scheme.BuiltinNames() {
		s, err := scheme.Builtin(name)
		if err != nil {
			return err // a broken built-in is a bug: the scheme tests parse every one
		}
		list = append(list, schemeSummary{Name: s.Name, Title: s.Title, Total: s.Total()})
	}
	if *asJSON {
		return schemePrintJSON(env.Stdout, struct {
			Schemes []schemeSummary `json:"schemes"`
		}{list})
	}
	for _, s := range list {
		fmt.Fprintf(env.Stdout, "%-6s  %-40s  %15s\n", s.Name, s.Title, scheme.FormatRupiah(s.Total))
	}
	return nil
}

func runSchemeShow(env *Env, args []string) error {
	fs := newFlagSet("scheme show", env.Stderr)
	asJSON := fs.Bool("json", false, "print the scheme as one JSON object on one line")
	asYAML := fs.Bool("yaml", false, "print the scheme as a scheme file")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (*asJSON && *asYAML) {
		fmt.Fprintln(env.Stderr, schemeUsage)
		return errUsage
	}
	s, err := scheme.Load(pos[0])
	if err != nil {
		return schemeFailure(env, err)
	}
	switch {
	case *asJSON:
		return schemePrintJSON(env.Stdout, s)
	case *asYAML:
		// A built-in is printed as shipped, with its sourced comments.
		raw, err := scheme.BuiltinYAML(pos[0])
		if err != nil {
			raw = s.YAML()
		}
		_, err = env.Stdout.Write(raw)
		return err
	}
	schemeWriteText(env.Stdout, s)
	return nil
}

func runSchemeCheck(env *Env, args []string) error {
	fs := newFlagSet("scheme check", env.Stderr)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, schemeUsage)
		return errUsage
	}
	s, err := scheme.Load(pos[0])
	if err != nil {
		return schemeFailure(env, err)
	}
	fmt.Fprintf(env.Stdout, "%s: ok: scheme %q (%s), total %s per participant\n",
		pos[0], s.Name, s.Title, scheme.FormatRupiah(s.Total()))
	return nil
}

// schemeFailure prints the problems of a scheme error on stderr, one per
// line as the scheme package wrote them, and ends the command with status 1.
// Any other error is returned for Run to report.
func schemeFailure(env *Env, err error) error {
	var e *prakerja.Error
	if !errors.As(err, &e) {
		return err
	}
	fmt.Fprintln(env.Stderr, e.Message)
	return exitCode(1)
}

func schemePrintJSON(w io.Writer, v any) error {
	line, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode json: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", line)
	return err
}

// schemeWriteText prints s for a person: the money first, with its
// breakdown, then the deadlines, eligibility and registration rules.
func schemeWriteText(w io.Writer, s *scheme.Scheme) {
	width := len(scheme.FormatRupiah(s.Total()))
	rp := func(n int64) string { return fmt.Sprintf("%*s", width, scheme.FormatRupiah(n)) }
	row := func(label, value, note string) {
		line := fmt.Sprintf("  %-18s %s", label, value)
		if note != "" {
			line += "   " + note
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}

	fmt.Fprintf(w, "Scheme %s: %s\n\n", s.Name, s.Title)

	fmt.Fprintf(w, "Money per participant (%s)\n", s.Currency)
	row("Training balance", rp(s.TrainingBalance), "non-cash; only for training at partner platforms")
	incentives := fmt.Sprintf("%d × %s", s.Incentives.Count, scheme.FormatRupiah(s.Incentives.Amount))
	if s.Incentives.Count > 1 {
		incentives += fmt.Sprintf(", every %d days", s.Incentives.IntervalDays)
	}
	row("Incentives", rp(s.IncentivesTotal()), incentives+", after the first training")
	row("Surveys", rp(s.SurveysTotal()),
		fmt.Sprintf("%d × %s", s.Surveys.Count, scheme.FormatRupiah(s.Surveys.Amount)))
	row("Total", rp(s.Total()), "")
	row("of which cash", rp(s.CashTotal()), "incentives + surveys, to a bank account or e-wallet")

	fmt.Fprintln(w, "\nDeadlines (WIB)")
	row("First purchase", fmt.Sprintf("within %d days of the selection announcement", s.FirstPurchaseDeadlineDays), "")
	row("Programme end", s.ProgrammeEnd.String(),
		"unspent training balance forfeited from "+s.ProgrammeEndsAt().Format("2006-01-02 15:04")+" WIB")
	row("Waves close at", s.WaveCloseTime.String()+" WIB", "unless a wave sets its own time")

	fmt.Fprintln(w, "\nEligibility")
	age := fmt.Sprintf("%d or older", s.Eligibility.MinAge)
	if s.Eligibility.MaxAge != 0 {
		age = fmt.Sprintf("%d to %d years", s.Eligibility.MinAge, s.Eligibility.MaxAge)
	}
	row("Age", age, "")
	perKK := "no limit"
	if s.Eligibility.MaxParticipantsPerKK != 0 {
		perKK = fmt.Sprintf("at most %d participants", s.Eligibility.MaxParticipantsPerKK)
	}
	row("Per family card", perKK, "")
	excluded := strings.Join(s.Eligibility.ExcludedCategories, ", ")
	if excluded == "" {
		excluded = "none"
	}
	row("Excluded lists", excluded, "")
	schemeWriteRules(w, s)

	fmt.Fprintln(w, "\nRegistration codes (OTP)")
	row("Length", fmt.Sprintf("%d digits", s.Registration.OTPLength), "")
	row("Valid for", s.Registration.OTPTTL.String(), "")
	row("Wrong entries", fmt.Sprintf("%d, then the code is void", s.Registration.OTPMaxAttempts), "")
	row("Codes per phone", fmt.Sprintf("%d per hour", s.Registration.OTPPerPhonePerHour), "")
}

// schemeWriteRules prints the eligibility rules: each rule's code and CEL
// condition, then its messages as the registrant reads them.
func schemeWriteRules(w io.Writer, s *scheme.Scheme) {
	fmt.Fprintf(w, "  Rules (%d; each must hold, else its code and message are the reason)\n",
		len(s.Eligibility.Rules))
	for _, r := range s.Eligibility.Rules {
		require := strings.ReplaceAll(r.Require, "\n", "\n"+strings.Repeat(" ", 27))
		fmt.Fprintf(w, "    %-22s %s\n", r.Code, require)
		fmt.Fprintf(w, "      id: %s\n", s.Eligibility.Expand(r.Message.ID))
		fmt.Fprintf(w, "      en: %s\n", s.Eligibility.Expand(r.Message.EN))
	}
}
