package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
)

// TestCrashDiskFull fills the data folder's file system while `serve`
// takes registrations. Writes must then be refused clearly (503
// problem+json with code unavailable and Retry-After; the log says disk
// full, with no personal data), nothing stored may be damaged (integrity
// check, every acknowledged registration present), and registrations must
// go through again, without a restart, once the space is back.
//
// The file system is a small tmpfs mounted for the test, which needs root
// (CAP_SYS_ADMIN), as in CI's container; elsewhere the test skips.
func TestCrashDiskFull(t *testing.T) {
	t.Parallel()
	cfg := crashSettings(t, 300)
	start := time.Now()
	mnt := smallFS(t, "16m")
	dir := filepath.Join(mnt, "data")
	if code, out, errOut := runCmd(t, t.Context(), nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate exit %d: %s %s", code, out, errOut)
	}
	g := newIngest(t, cfg.seed, cfg.size)
	first := g.pending[:cfg.size/3]
	rest := append([]int(nil), g.pending[cfg.size/3:]...)
	g.pending = first
	logs := &crashLogs{}
	srv := startServe(t, logs, nil, "--data", dir, "--log-level", "info", "--jobs=false")
	if err := g.round(srv.base, 8); err != nil {
		t.Fatal(err)
	}
	filler := fillFS(t, mnt)
	g.mu.Lock()
	g.pending = rest
	g.mu.Unlock()
	refused := wantFullAnswers(t, g, srv.base)
	if !strings.Contains(srv.stderr.String(), "disk full") {
		t.Fatal("the log does not say the disk is full")
	}
	wantIntact(t, dir)
	wantTally(t, g.check(t, openDir(t, dir), devKeys(t, dir), false))

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if err := g.round(srv.base, 8); err != nil {
		t.Fatal(err)
	}
	srv.stop(t)
	wantIntact(t, dir)
	tally := g.check(t, openDir(t, dir), devKeys(t, dir), true)
	wantTally(t, tally)
	logs.wantNone(t, g.secrets())
	t.Logf("disk full: %d refused while full, %d acknowledged checked, lost %d, doubled %d, answers %v, %.1fs",
		refused, tally.acked, tally.lost, tally.doubled, g.codes, time.Since(start).Seconds())
}

// smallFS mounts a tmpfs of size for the test and returns its path; it
// skips the test where mounting is not allowed.
func smallFS(t *testing.T, size string) string {
	t.Helper()
	mnt := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(mnt, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size="+size+",mode=0700"); err != nil {
		t.Skipf("cannot mount a small tmpfs to fill (%v); needs root with CAP_SYS_ADMIN", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(mnt, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", mnt, err)
		}
	})
	return mnt
}

// fillFS writes a file until the file system is full and returns its path.
func fillFS(t *testing.T, mnt string) string {
	t.Helper()
	path := filepath.Join(mnt, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for size := len(chunk); size > 0; {
		if _, err := f.Write(chunk[:size]); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			size /= 2 // fill the last blocks too
		}
	}
	return path
}

// wantFullAnswers sends registrations to the full server until one is
// refused, checking the refusal's form, and returns how many were refused.
func wantFullAnswers(t *testing.T, g *ingest, base string) int {
	t.Helper()
	refused := 0
	for range 200 {
		i := g.next()
		if i < 0 {
			break
		}
		resp, err := ingestClient.Post(base+"/api/v1/registrations", "application/json", bytes.NewReader(g.bodies[i]))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
		if resp.StatusCode == http.StatusCreated {
			// Free pages inside the database still took this one.
			var out struct{ ID int64 }
			json.Unmarshal(raw, &out)
			g.mu.Lock()
			g.acked[i], g.codes["created"] = out.ID, g.codes["created"]+1
			g.mu.Unlock()
			continue
		}
		var p struct{ Code prakerja.Code }
		json.Unmarshal(raw, &p)
		if resp.StatusCode != http.StatusServiceUnavailable || p.Code != prakerja.CodeUnavailable ||
			resp.Header.Get("Content-Type") != "application/problem+json" || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("on a full disk: status %d, code %q, type %q, Retry-After %q",
				resp.StatusCode, p.Code, resp.Header.Get("Content-Type"), resp.Header.Get("Retry-After"))
		}
		g.requeue(i, "disk_full")
		refused++
		if refused >= 20 {
			break
		}
	}
	if refused == 0 {
		t.Fatal("no registration was refused on a full disk")
	}
	return refused
}

// wantIntact runs SQLite's integrity check on the data folder's database
// with the sqlite3-free driver the store uses.
func wantIntact(t *testing.T, dir string) {
	t.Helper()
	db := openReadOnly(t, dir)
	defer db.Close()
	var ok string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil {
		t.Fatal(err)
	}
	if ok != "ok" {
		t.Fatalf("integrity_check: %s", ok)
	}
}
