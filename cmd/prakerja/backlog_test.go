package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/sqlite"
)

// backlogDataDir migrates a fresh SQLite data folder and returns it.
func backlogDataDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if code, _, errOut := runStoreCmd(t, nil, "migrate", "--data", dir); code != 0 {
		t.Fatalf("migrate: %s", errOut)
	}
	return dir
}

// seedBacklogRegistration stores a registration that entered status at since.
// Sealed values are placeholders: the commands under test never open them.
func seedBacklogRegistration(t *testing.T, dir string, n int, since time.Time) int64 {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sealed := func(kind string) prakerja.Sealed {
		v := []byte(kind + string(rune('a'+n)))
		return prakerja.Sealed{Ciphertext: v, Index: v}
	}
	rec := &prakerja.RegistrationRecord{FullName: "Siti Aminah", BirthDate: "1990-06-05", Sex: "F", DomicileDistrict: "31.71.01",
		Status: prakerja.StatusRegistered, NIK: sealed("n"), KK: sealed("k"), Email: sealed("e"), Phone: sealed("p"),
		CreatedAt: since, UpdatedAt: since, StatusChangedAt: since}
	if err := store.CreateRegistration(ctx, &prakerja.NewRegistration{Record: rec}); err != nil {
		t.Fatalf("seed registration: %v", err)
	}
	return rec.ID
}

// TestBacklogCommand seeds two registrations an hour and a minute old and
// checks the table and the JSON line: every status in order, the count,
// the oldest age in seconds and the throughput.
func TestBacklogCommand(t *testing.T) {
	t.Parallel()
	dir := backlogDataDir(t)
	now := time.Now().UTC()
	seedBacklogRegistration(t, dir, 1, now.Add(-time.Hour))
	seedBacklogRegistration(t, dir, 2, now.Add(-20*time.Second))
	code, out, errOut := runStoreCmd(t, nil, "backlog", "--json", "--data", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if f := strings.Fields(lines[0]); strings.Join(f, " ") != "STATUS COUNT OLDEST PER MIN PER HOUR" {
		t.Errorf("header %q", lines[0])
	}
	if f := strings.Fields(lines[1]); f[0] != "registered" || f[1] != "2" || !strings.HasPrefix(f[2], "1h00m") && !strings.HasPrefix(f[2], "59m") {
		t.Errorf("registered row %q", lines[1])
	}
	var got backlogJSON
	lastJSON(t, out, &got)
	if len(got.Statuses) != len(prakerja.Statuses()) {
		t.Fatalf("statuses %+v, want one per status", got.Statuses)
	}
	for i, st := range prakerja.Statuses() {
		if got.Statuses[i].Status != st {
			t.Errorf("status %d = %s, want %s", i, got.Statuses[i].Status, st)
		}
	}
	reg := got.Statuses[0]
	if reg.Count != 2 || reg.OldestSeconds < 3590 || reg.OldestSeconds > 3700 || reg.EnteredLastHour < 1 {
		t.Errorf("registered = %+v, want 2 with the oldest about 3600 s", reg)
	}
}

// TestBacklogWatch runs --watch until the context ends: it prints the
// table more than once and ends without an error.
func TestBacklogWatch(t *testing.T) {
	t.Parallel()
	dir := backlogDataDir(t)
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	code, out, errOut := runCmd(t, ctx, nil, "backlog", "--watch", "1s", "--data", dir)
	if code != 0 || strings.Count(out, "STATUS") < 2 {
		t.Errorf("exit %d, %d tables: %s %s", code, strings.Count(out, "STATUS"), out, errOut)
	}
}

// TestBacklogUsage refuses a too-short interval and stray arguments.
func TestBacklogUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"backlog", "--watch", "10ms"}, {"backlog", "extra"}} {
		if code, _, _ := runStoreCmd(t, nil, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestBacklogAge pins the table's age format.
func TestBacklogAge(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		0: "-", 12 * time.Second: "12s", 270 * time.Second: "4m30s", 3*time.Hour + 5*time.Minute: "3h05m",
		26 * time.Hour: "1d2h",
	} {
		if got := backlogAge(d); got != want {
			t.Errorf("backlogAge(%s) = %q, want %q", d, got, want)
		}
	}
}
