package exclusion_test

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/exclusion"
	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/population"
)

const testSeed = 2020

// now is the reference "today" of the tests: late enough for every NIK of
// the test population to decode.
var now = time.Date(2026, time.January, 15, 0, 0, 0, 0, time.UTC)

// niks returns the NIKs of the first 400 people of the test population:
// distinct and valid.
var niks = sync.OnceValue(func() []string {
	var out []string
	for _, p := range population.Generate(testSeed, 400, population.Options{Ref: now}) {
		out = append(out, p.NIK)
	}
	return out
})

// nikRun finds 16-digit runs: what must never appear in an error.
var nikRun = regexp.MustCompile(`[0-9]{16}`)

// mustKeyring returns a fresh personal-data keyring.
func mustKeyring(tb testing.TB) *pii.Keyring {
	tb.Helper()
	k, err := pii.NewKeyFile("k1").Keyring()
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

// opener serves the given contents, one per call, the last one repeated.
func opener(contents ...string) exclusion.Opener {
	var mu sync.Mutex
	calls := 0
	return func() (io.ReadCloser, error) {
		mu.Lock()
		defer mu.Unlock()
		c := contents[min(calls, len(contents)-1)]
		calls++
		return io.NopCloser(strings.NewReader(c)), nil
	}
}

// memStore is an in-memory prakerja.ExclusionStore with the contract's
// atomicity: a version is kept only when next ran to nil, nil.
type memStore struct {
	mu       sync.Mutex
	imports  []prakerja.ExclusionImport
	current  map[string]map[string]bool // category -> set of indexes
	calls    int
	batchMax int
	failWith error
}

var _ prakerja.ExclusionStore = (*memStore)(nil)

func (m *memStore) ImportExclusions(ctx context.Context, imp *prakerja.ExclusionImport, next func() ([][]byte, error), now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls++
	set := map[string]bool{}
	for {
		batch, err := next()
		if err != nil {
			return err
		}
		if batch == nil {
			break
		}
		m.batchMax = max(m.batchMax, len(batch))
		for _, ix := range batch {
			set[string(ix)] = true
		}
	}
	if m.failWith != nil {
		return m.failWith
	}
	if m.current == nil {
		m.current = map[string]map[string]bool{}
	}
	m.current[imp.Category] = set
	imp.ID, imp.Entries, imp.ImportedAt = int64(len(m.imports)+1), int64(len(set)), now
	m.imports = append(m.imports, *imp)
	return nil
}

func (m *memStore) ExclusionImports(context.Context) ([]prakerja.ExclusionImport, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := slices.Clone(m.imports)
	slices.Reverse(out)
	return out, nil
}

func (m *memStore) ScreenExclusions(_ context.Context, idx [][]byte) (map[string][]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string][]string{}
	for _, ix := range idx {
		for c, set := range m.current {
			if set[string(ix)] {
				out[string(ix)] = append(out[string(ix)], c)
			}
		}
	}
	return out, nil
}

// csvOf joins lines with LF and a final newline.
func csvOf(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

// containsIndex reports whether set holds ix.
func containsIndex(set map[string]bool, ix []byte) bool { return set[string(bytes.Clone(ix))] }
