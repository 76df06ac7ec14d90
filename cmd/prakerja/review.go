package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/prakerja/prakerja"
)

func init() {
	register(&command{name: "review", summary: "duplicate flags and NIK disputes: list, confirm|clear a flag, uphold|reject a dispute", run: runReview})
}

// reviewListDefault bounds one listing on a terminal; --limit may ask for
// up to prakerja.FlagsPageMax.
const reviewListDefault = 100

// reviewStatementShown is how much of a dispute statement the table shows;
// --json carries it whole.
const reviewStatementShown = 60

// reviewFlags are the flags every review subcommand takes.
type reviewFlags struct {
	sf       *storeFlags
	asJSON   *bool
	status   *string
	limit    *int
	reviewer *string
	note     *string
}

// runReview is `prakerja review flags|disputes|confirm|clear|uphold|reject`.
// A decision that is no longer possible (already decided, unknown id) ends
// with exit status 1 and the coded error, e.g. "conflict: …".
func runReview(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("review", env.Stderr)
	rf := reviewFlags{
		sf:       addStoreFlags(fs, env),
		asJSON:   fs.Bool("json", false, "end the output with one JSON object"),
		status:   fs.String("status", "open", "list only this status (flags: open, confirmed, cleared; disputes: open, upheld, rejected; all = any)"),
		limit:    fs.Int("limit", reviewListDefault, fmt.Sprintf("list at most this many (1..%d)", prakerja.FlagsPageMax)),
		reviewer: fs.String("reviewer", "", "who decides (required for a decision)"),
		note:     fs.String("note", "", "why (optional)"),
	}
	positional, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(positional) == 0 {
		return reviewUsage(env.Stderr, fs, "a subcommand is required")
	}
	switch sub := positional[0]; sub {
	case "flags", "disputes":
		if len(positional) != 1 || *rf.limit < 1 || *rf.limit > prakerja.FlagsPageMax {
			return reviewUsage(env.Stderr, fs, "bad arguments to "+sub)
		}
		return reviewList(ctx, env.Stdout, sub, rf)
	case "confirm", "clear", "uphold", "reject":
		if len(positional) != 2 {
			return reviewUsage(env.Stderr, fs, sub+" takes one id")
		}
		id, err := strconv.ParseInt(positional[1], 10, 64)
		if err != nil || id <= 0 {
			return reviewUsage(env.Stderr, fs, "the id must be a positive whole number")
		}
		return reviewDecide(ctx, env.Stdout, sub, id, rf)
	default:
		return reviewUsage(env.Stderr, fs, "unknown subcommand "+strconv.Quote(sub))
	}
}

func reviewUsage(w io.Writer, fs *flag.FlagSet, why string) error {
	fmt.Fprintf(w, "prakerja review: %s\n\nUsage:\n"+
		"  prakerja review flags [--status open] [--json]\n"+
		"  prakerja review confirm|clear FLAG_ID --reviewer NAME [--note TEXT]\n"+
		"  prakerja review disputes [--status open] [--json]\n"+
		"  prakerja review uphold|reject DISPUTE_ID --reviewer NAME [--note TEXT]\n\nFlags:\n", why)
	fs.PrintDefaults()
	return errUsage
}

// reviewList prints flags or disputes of the chosen status.
func reviewList(ctx context.Context, w io.Writer, what string, rf reviewFlags) error {
	status := *rf.status
	if status == "all" {
		status = ""
	}
	store, err := rf.sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	if what == "flags" {
		flags, err := store.DuplicateFlags(ctx, prakerja.FlagFilter{Status: prakerja.FlagStatus(status), Limit: *rf.limit})
		if err != nil {
			return err
		}
		return printReviewFlags(w, flags, *rf.asJSON)
	}
	disputes, err := store.Disputes(ctx, prakerja.DisputeFilter{Status: prakerja.DisputeStatus(status), Limit: *rf.limit})
	if err != nil {
		return err
	}
	return printReviewDisputes(w, disputes, *rf.asJSON)
}

// reviewDecide records one decision on a flag or a dispute.
func reviewDecide(ctx context.Context, w io.Writer, verb string, id int64, rf reviewFlags) error {
	reviewer, note := strings.TrimSpace(*rf.reviewer), strings.TrimSpace(*rf.note)
	if err := reviewCheck(reviewer, note); err != nil {
		return err
	}
	ctx = prakerja.WithAuditActor(ctx, reviewer) // the audit chain names the person, not the command
	store, err := rf.sf.Open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	now := time.Now().UTC()
	switch verb {
	case "confirm", "clear":
		to := map[string]prakerja.FlagStatus{"confirm": prakerja.FlagConfirmed, "clear": prakerja.FlagCleared}[verb]
		f, err := store.ReviewFlag(ctx, id, to, reviewer, note, now)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "flag %d %s by %s\n", f.ID, f.Status, f.Reviewer)
		return reviewEncode(w, *rf.asJSON, map[string]reviewFlagJSON{"flag": reviewFlagOf(f)})
	default:
		to := map[string]prakerja.DisputeStatus{"uphold": prakerja.DisputeUpheld, "reject": prakerja.DisputeRejected}[verb]
		d, err := store.ResolveDispute(ctx, id, to, reviewer, note, now)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "dispute %d %s by %s\n", d.ID, d.Status, d.Reviewer)
		return reviewEncode(w, *rf.asJSON, map[string]reviewDisputeJSON{"dispute": reviewDisputeOf(d)})
	}
}

// reviewCheck applies the limits the store keeps, before opening it.
func reviewCheck(reviewer, note string) error {
	switch {
	case reviewer == "":
		return prakerja.Errorf(prakerja.CodeInvalid, "--reviewer is required: who decides.")
	case len(reviewer) > prakerja.ReviewerMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "--reviewer is longer than %d bytes.", prakerja.ReviewerMax)
	case len(note) > prakerja.NoteMax:
		return prakerja.Errorf(prakerja.CodeInvalid, "--note is longer than %d bytes.", prakerja.NoteMax)
	}
	return nil
}

// reviewEncode writes v as the JSON last line when asked.
func reviewEncode(w io.Writer, asJSON bool, v any) error {
	if !asJSON {
		return nil
	}
	return json.NewEncoder(w).Encode(v)
}

// reviewTruncate cuts s to n runes, marking the cut.
func reviewTruncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// reviewFlagJSON is a duplicate flag in `review --json` output.
type reviewFlagJSON struct {
	ID         int64               `json:"id"`
	A          int64               `json:"a"`
	B          int64               `json:"b"`
	Reason     string              `json:"reason"`
	Score      int                 `json:"score"`
	Status     prakerja.FlagStatus `json:"status"`
	CreatedAt  time.Time           `json:"created_at"`
	ReviewedAt *time.Time          `json:"reviewed_at"`
	Reviewer   string              `json:"reviewer"`
	Note       string              `json:"note"`
}

// reviewDisputeJSON is a NIK dispute in `review --json` output. NIK and phone
// stay sealed: the command has no key and prints no personal numbers; the
// claimant's name is masked like on the operator pages.
type reviewDisputeJSON struct {
	ID             int64                  `json:"id"`
	RegistrationID int64                  `json:"registration_id"`
	Claimant       string                 `json:"claimant"`
	Statement      string                 `json:"statement"`
	Status         prakerja.DisputeStatus `json:"status"`
	CreatedAt      time.Time              `json:"created_at"`
	ResolvedAt     *time.Time             `json:"resolved_at"`
	Reviewer       string                 `json:"reviewer"`
	Note           string                 `json:"note"`
}

func reviewFlagOf(f *prakerja.DuplicateFlag) reviewFlagJSON {
	return reviewFlagJSON{ID: f.ID, A: f.A, B: f.B, Reason: f.Reason, Score: f.Score, Status: f.Status,
		CreatedAt: f.CreatedAt.UTC(), ReviewedAt: reviewUTC(f.ReviewedAt), Reviewer: f.Reviewer, Note: f.Note}
}

func reviewDisputeOf(d *prakerja.Dispute) reviewDisputeJSON {
	return reviewDisputeJSON{ID: d.ID, RegistrationID: d.RegistrationID, Claimant: reviewMaskName(d.FullName), Statement: d.Statement,
		Status: d.Status, CreatedAt: d.CreatedAt.UTC(), ResolvedAt: reviewUTC(d.ResolvedAt), Reviewer: d.Reviewer, Note: d.Note}
}

// reviewUTC makes "not yet" a JSON null instead of year 1.
func reviewUTC(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// printReviewFlags writes the flags table and, with asJSON, {"flags":[…]}.
func printReviewFlags(w io.Writer, flags []prakerja.DuplicateFlag, asJSON bool) error {
	tw := backlogTable(w)
	fmt.Fprintln(tw, "ID\tSCORE\tREASON\tEARLIER\tLATER\tSTATUS\tCREATED (WIB)")
	out := struct {
		Flags []reviewFlagJSON `json:"flags"`
	}{Flags: []reviewFlagJSON{}}
	for i := range flags {
		f := &flags[i]
		fmt.Fprintf(tw, "%d\t%d\t%s\t%d\t%d\t%s\t%s\n", f.ID, f.Score, f.Reason, f.A, f.B, f.Status, reviewWIB(f.CreatedAt))
		out.Flags = append(out.Flags, reviewFlagOf(f))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write flags: %w", err)
	}
	return reviewEncode(w, asJSON, out)
}

// printReviewDisputes writes the disputes table and, with asJSON,
// {"disputes":[…]}.
func printReviewDisputes(w io.Writer, disputes []prakerja.Dispute, asJSON bool) error {
	tw := backlogTable(w)
	fmt.Fprintln(tw, "ID\tREGISTRATION\tSTATUS\tFILED (WIB)\tCLAIMANT\tSTATEMENT")
	out := struct {
		Disputes []reviewDisputeJSON `json:"disputes"`
	}{Disputes: []reviewDisputeJSON{}}
	for i := range disputes {
		d := &disputes[i]
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\n", d.ID, d.RegistrationID, d.Status, reviewWIB(d.CreatedAt),
			reviewMaskName(d.FullName), reviewTruncate(d.Statement, reviewStatementShown))
		out.Disputes = append(out.Disputes, reviewDisputeOf(d))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write disputes: %w", err)
	}
	return reviewEncode(w, asJSON, out)
}

// reviewWIB shows an instant on the programme's clock.
func reviewWIB(t time.Time) string { return t.In(prakerja.WIB).Format("2006-01-02 15:04") }

// reviewMaskName keeps the first letter of each word (Siti Aminah → S*** A*****),
// as the operator pages do, so a terminal or a pasted ticket holds no list
// of names.
func reviewMaskName(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		r := []rune(w)
		words[i] = string(r[:1]) + strings.Repeat("*", len(r)-1)
	}
	return strings.Join(words, " ")
}
