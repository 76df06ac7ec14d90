package main

import (
	"bytes"
	"context"
	"github.com/alexedwards/argon2id"
	"strings"
	"sync"
	"testing"
)

// The package's tests hash staff passwords with tiny argon2id parameters
// (the production 64 MiB ones are measured in BENCHMARKS, not here).
func init() {
	staffHashParams = &argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a running
// command and the reads of a test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// runCmd runs one command line in-process with the given environment and
// returns its exit status and output.
func runCmd(t *testing.T, ctx context.Context, environ map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut syncBuffer
	env := &Env{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return environ[k] }}
	code := Run(ctx, env, args)
	return code, out.String(), errOut.String()
}

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
