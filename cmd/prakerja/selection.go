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
		summary: "check a published selection from its files alone (selection verify DIR)",
		run:     runSelection,
	})
}

const selectionUsage = "usage: prakerja selection verify DIR [--json]\n" +
	"Recomputes the selection published in DIR from its files; exits 0 when every file matches, 1 when one does not."

// selectionVerifyResult is the JSON line of `selection verify`.
type selectionVerifyResult struct {
	OK bool `json:"ok"`
	*selection.Report
	Code    selection.Code `json:"code,omitempty"`
	File    string         `json:"file,omitempty"`
	Line    int64          `json:"line,omitempty"`
	Message string         `json:"message,omitempty"`
}

func runSelection(_ context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
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
