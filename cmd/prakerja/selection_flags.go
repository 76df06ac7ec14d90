package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/sqldb"
)

// selectionFlags are the flags `selection commit` and `selection run`
// share: the database, the wave, the seed file and the clock.
type selectionFlags struct {
	sf       *storeFlags
	wave     *int64
	seedFile *string
	asJSON   *bool
	now      *string
}

// addSelectionFlags registers the shared flags on fs. --now is for tests
// and rehearsals only: the close is otherwise judged by the system clock.
func addSelectionFlags(fs *flag.FlagSet, env *Env) *selectionFlags {
	return &selectionFlags{
		sf:       addStoreFlags(fs, env),
		wave:     fs.Int64("wave", 0, "wave ID (prakerja wave list)"),
		seedFile: fs.String("seed-file", "", "file holding the secret seed (64 hex digits)"),
		asJSON:   fs.Bool("json", false, "end the output with one JSON object"),
		now:      fs.String("now", "", "(testing) the current instant, RFC 3339, instead of the system clock"),
	}
}

// check refuses a missing wave or seed file.
func (f *selectionFlags) check() error {
	if *f.wave <= 0 || *f.seedFile == "" {
		return fmt.Errorf("%w: --wave and --seed-file are required", errUsage)
	}
	return nil
}

// clock returns the clock the command judges the close by.
func (f *selectionFlags) clock() (prakerja.Clock, error) {
	if *f.now == "" {
		return prakerja.SystemClock{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, *f.now)
	if err != nil {
		return nil, fmt.Errorf("--now: %w", err)
	}
	return fixedClock(t.UTC()), nil
}

// fixedClock always tells the same instant.
type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

// openWave opens the store and reads the wave; the caller closes the
// store.
func (f *selectionFlags) openWave(ctx context.Context) (*sqldb.Store, *prakerja.Wave, error) {
	store, err := f.sf.Open(ctx)
	if err != nil {
		return nil, nil, err
	}
	w, err := store.Wave(ctx, *f.wave)
	if err != nil {
		return nil, nil, errors.Join(err, store.Close())
	}
	return store, w, nil
}
