package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/prakerja/prakerja/selection"
)

// seedFileMode keeps the seed readable by its owner alone: anyone who
// reads it before the close could predict the draw.
const seedFileMode = 0o600

// selectionCommitResult is the JSON line of `selection commit`.
type selectionCommitResult struct {
	Wave       int64  `json:"wave"`
	Commitment string `json:"commitment"`
	SeedFile   string `json:"seed_file"`
}

// runSelectionCommit is `prakerja selection commit`: draw a seed, keep it
// in a new file, store its commitment on the wave. The wave is checked
// before the file is written, and the file is removed again if the store
// refuses, so a refused commit leaves no seed that looks valid.
func runSelectionCommit(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("selection commit", env.Stderr)
	f := addSelectionFlags(fs, env)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := f.check(); err != nil {
		return err
	}
	clock, err := f.clock()
	if err != nil {
		return err
	}
	store, w, err := f.openWave(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	seed, err := selection.NewSeed()
	if err != nil {
		return fmt.Errorf("draw a seed: %w", err)
	}
	if err := writeSeedFile(*f.seedFile, seed); err != nil {
		return err
	}
	commitment := seed.Commit()
	if err := store.CommitSelection(ctx, w.ID, commitment, clock.Now()); err != nil {
		return errors.Join(err, os.Remove(*f.seedFile))
	}
	fmt.Fprintf(env.Stdout, "wave %d: commitment %s stored; publish it before the close, keep %s secret until the run\n",
		w.ID, commitment, *f.seedFile)
	if *f.asJSON {
		return json.NewEncoder(env.Stdout).Encode(selectionCommitResult{Wave: w.ID, Commitment: commitment, SeedFile: *f.seedFile})
	}
	return nil
}

// writeSeedFile creates path with the seed as 64 hex digits and LF (the
// form of seed.txt), refusing to overwrite: a second seed would orphan the
// one already committed.
func writeSeedFile(path string, seed selection.Seed) error {
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, seedFileMode)
	if err != nil {
		return fmt.Errorf("seed file: %w", err)
	}
	_, err = file.WriteString(seed.String() + "\n")
	if err = errors.Join(err, file.Sync(), file.Close()); err != nil {
		return errors.Join(fmt.Errorf("seed file: %w", err), os.Remove(path))
	}
	return nil
}
