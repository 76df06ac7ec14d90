package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// demoMarker marks a data folder the demo made, so a later demo may wipe it
// and nothing else is ever wiped.
const demoMarker = ".prakerja-demo"

// prepareDemoData makes dir ready for a fresh demo: created when missing,
// emptied when an earlier demo made it, refused when it holds anything else.
func prepareDemoData(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create data folder: %w", err)
		}
	case err != nil:
		return fmt.Errorf("read data folder: %w", err)
	case len(entries) > 0:
		if _, err := os.Stat(filepath.Join(dir, demoMarker)); err != nil {
			return fmt.Errorf("data folder %s holds data the demo did not make; give another --data or remove it", dir)
		}
		for _, e := range entries {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("empty data folder: %w", err)
			}
		}
	}
	return os.WriteFile(filepath.Join(dir, demoMarker), []byte("made by `prakerja demo`; the next demo run empties this folder\n"), 0o600)
}
