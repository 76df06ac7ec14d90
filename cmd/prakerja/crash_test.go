package main

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/prakerja/prakerja/pii"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/sqlite"
)

// The crash harness kills `serve` (SIGKILL) at seeded random moments and
// checks what must survive. Its size is small by default so CI runs it
// under the race detector; the environment makes it bigger:
//
//	PRAKERJA_CRASH_SEED   the seed (printed by every test; set it to replay)
//	PRAKERJA_CRASH_KILLS  kills per test (default 2)
//	PRAKERJA_CRASH_SIZE   registrations per test (default per test, a few hundred)
const (
	crashSeedEnv  = "PRAKERJA_CRASH_SEED"
	crashKillsEnv = "PRAKERJA_CRASH_KILLS"
	crashSizeEnv  = "PRAKERJA_CRASH_SIZE"
	// crashWaitMax bounds every wait for the server to come up or for work
	// to move: a liveness bound for a loaded 2-core machine under the race
	// detector, never a speed target.
	crashWaitMax  = 4 * time.Minute
	crashKillsMax = 1000
	crashSizeMax  = 1_000_000
)

// crashConfig is one test's seed, kills and size.
type crashConfig struct {
	seed  uint64
	kills int
	size  int
	rng   *rand.Rand
}

// crashSettings reads the harness settings, logging the seed so a failure
// can be replayed.
func crashSettings(t *testing.T, defSize int) *crashConfig {
	t.Helper()
	if testing.Short() {
		t.Skip("the crash harness runs serve as a subprocess")
	}
	c := &crashConfig{seed: uint64(time.Now().UnixNano()), kills: 2, size: defSize}
	for _, v := range []struct {
		env string
		dst any
		max uint64
	}{{crashSeedEnv, &c.seed, 1<<64 - 1}, {crashKillsEnv, &c.kills, crashKillsMax}, {crashSizeEnv, &c.size, crashSizeMax}} {
		raw := os.Getenv(v.env)
		if raw == "" {
			continue
		}
		n, err := strconv.ParseUint(raw, 10, 64)
		if err != nil || n > v.max {
			t.Fatalf("%s=%q: want a whole number up to %d", v.env, raw, v.max)
		}
		switch d := v.dst.(type) {
		case *uint64:
			*d = n
		case *int:
			*d = int(n)
		}
	}
	c.rng = rand.New(rand.NewPCG(c.seed, 0x70726b))
	t.Logf("crash harness: %s=%d %s=%d %s=%d", crashSeedEnv, c.seed, crashKillsEnv, c.kills, crashSizeEnv, c.size)
	return c
}

// serveChild is one `serve` process of the test binary.
type serveChild struct {
	cmd    *exec.Cmd
	stderr *syncBuffer
	base   string
}

// crashLogs gathers the standard error of every child of a test, so the
// test can scan it for personal data at the end.
type crashLogs struct {
	mu   sync.Mutex
	logs []*syncBuffer
}

func (l *crashLogs) add(b *syncBuffer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.logs = append(l.logs, b)
}

// wantNone fails when any child logged one of the secrets (NIKs, phones,
// e-mails of the test's population).
func (l *crashLogs) wantNone(t *testing.T, secrets []string) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, b := range l.logs {
		text := b.String()
		for _, s := range secrets {
			if s != "" && strings.Contains(text, s) {
				t.Fatalf("a child's log holds personal data (%d bytes of log)", len(text))
			}
		}
	}
}

// startServe starts `serve` with args on a free loopback port (extra
// environment in env) and waits until /healthz answers 200.
func startServe(t *testing.T, logs *crashLogs, env []string, args ...string) *serveChild {
	t.Helper()
	addr := freeAddr(t)
	raw, err := json.Marshal(append([]string{"serve", "--addr", addr, "--ops-addr", "off"}, args...))
	if err != nil {
		t.Fatal(err)
	}
	c := &serveChild{cmd: exec.Command(os.Args[0], "-test.run=^$"), stderr: &syncBuffer{}, base: "http://" + addr}
	c.cmd.Env = append(append(os.Environ(), childArgsEnv+"="+string(raw)), env...)
	c.cmd.Stderr = c.stderr
	if logs != nil {
		logs.add(c.stderr)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
		if t.Failed() {
			t.Logf("serve stderr (last 4 KB):\n%s", tail(c.stderr.String(), 4096))
		}
	})
	c.waitHealthy(t)
	return c
}

func (c *serveChild) waitHealthy(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(crashWaitMax)
	for time.Now().Before(deadline) {
		if c.cmd.ProcessState != nil {
			t.Fatalf("serve ended before it was healthy: %v", c.cmd.ProcessState)
		}
		resp, err := http.Get(c.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("serve at %s never became healthy", c.base)
}

// kill ends the process with SIGKILL: no shutdown code runs.
func (c *serveChild) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	c.cmd.Wait()
}

// stop ends the process with SIGTERM and wants a clean exit.
func (c *serveChild) stop(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("serve on SIGTERM: %v", err)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// migratedDir makes a fresh migrated SQLite data folder.
func migratedDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if code, out, errOut := runCmd(t, context.Background(), nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate exit %d: %s %s", code, out, errOut)
	}
	return dir
}

// devKeys loads the development key file serve made in the data folder.
func devKeys(t *testing.T, dir string) *pii.Keyring {
	t.Helper()
	keys, err := pii.LoadKeyFile(filepath.Join(dir, devKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// openDir opens the data folder's store, closed when the test ends.
func openDir(t *testing.T, dir string) *sqldb.Store {
	t.Helper()
	store, err := sqlite.OpenDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// pause waits a random time up to max, from the test's seeded source.
func (c *crashConfig) pause(max time.Duration) {
	time.Sleep(time.Duration(c.rng.Int64N(int64(max) + 1)))
}
