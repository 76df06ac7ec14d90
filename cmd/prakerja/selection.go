package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/prakerja/prakerja/selection"
)

func init() {
	register(&command{
		name:    "selection",
		summary: "a wave's verifiable draw: commit a seed before the close, run it after, verify a publication",
		run:     runSelection,
	})
}

const selectionUsage = "usage:\n" +
	"  prakerja selection commit --wave ID --seed-file FILE [--json]\n" +
	"      before the wave closes: draw a secret seed into FILE (0600, never overwritten) and store its SHA-256\n" +
	"  prakerja selection run --wave ID --seed-file FILE --out DIR [--card-prefix P] [--card-key-file F] [--va-company C] [--json]\n" +
	"      after the close: freeze the joiners, draw, publish to DIR, record the outcome, issue cards, announce\n" +
	"  prakerja selection verify DIR [--json]\n" +
	"      recompute the selection published in DIR from its files; exits 0 when every file matches, 1 when one does not"

// selectionVerifyResult is the JSON line of `selection verify`.
type selectionVerifyResult struct {
	OK bool `json:"ok"`
	*selection.Report
	Code    selection.Code `json:"code,omitempty"`
	File    string         `json:"file,omitempty"`
	Line    int64          `json:"line,omitempty"`
	Message string         `json:"message,omitempty"`
}

func runSelection(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, selectionUsage)
		return errUsage
	}
	switch args[0] {
	case "commit":
		return runSelectionCommit(ctx, env, args[1:])
	case "run":
		return runSelectionRun(ctx, env, args[1:])
	case "verify":
	default:
		fmt.Fprintln(env.Stderr, selectionUsage)
		return errUsage
	}
	fs := newFlagSet("selection verify", env.Stderr)
	asJSON := fs.Bool("json", false, "end with one JSON object")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.Stderr, selectionUsage)
		return errUsage
	}
	return selectionVerify(env, pos[0], *asJSON)
}

// selectionVerify runs Verify on dir. A mismatch exits 1: as an error
// message, or with --json as a line with ok false and the error's code,
// file, line and message, so scripts need not parse text.
func selectionVerify(env *Env, dir string, asJSON bool) error {
	rep, err := selection.Verify(dir)
	if err != nil && !asJSON {
		return err
	}
	if err != nil {
		res := selectionVerifyResult{Message: err.Error()}
		var se *selection.Error
		if errors.As(err, &se) {
			res.Code, res.File, res.Line = se.Code, se.File, se.Line
		}
		if encErr := json.NewEncoder(env.Stdout).Encode(res); encErr != nil {
			return encErr
		}
		return exitCode(1)
	}
	fmt.Fprintf(env.Stdout, "%s: wave %s verified: %d applicants, %d eligible, %d selected; snapshot SHA-256 %s\n",
		dir, rep.Wave, rep.Applicants, rep.Eligible, rep.Selected, rep.SnapshotSHA256)
	if asJSON {
		return json.NewEncoder(env.Stdout).Encode(selectionVerifyResult{OK: true, Report: rep})
	}
	return nil
}
