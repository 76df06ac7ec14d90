package http

import (
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/sqlite"
)

// countingBacklog counts Backlog reads and answers rows or err.
type countingBacklog struct {
	prakerja.VerificationStore
	reads atomic.Int32
	rows  []prakerja.BacklogRow
	err   error
}

func (s *countingBacklog) Backlog(ctx context.Context, now time.Time) ([]prakerja.BacklogRow, error) {
	s.reads.Add(1)
	if _, ok := ctx.Deadline(); !ok {
		return nil, errors.New("backlog read without a deadline")
	}
	return s.rows, s.err
}

// TestBacklogCollector scrapes the collector repeatedly: within the cache
// life the store is read once, after it again; each status gets its three
// series; a failed read exports none and counts the failure.
func TestBacklogCollector(t *testing.T) {
	t.Parallel()
	store := &countingBacklog{rows: []prakerja.BacklogRow{
		{Status: prakerja.StatusPhoneVerified, Count: 7, Oldest: 90 * time.Second, EnteredLastMinute: 3, EnteredLastHour: 50},
		{Status: prakerja.StatusEligible},
	}}
	c := newBacklogCollector(store, fixedClock{testNow}, slog.New(slog.DiscardHandler))
	var age time.Duration
	c.elapsed = func(time.Time) time.Duration { return age }
	reg := prometheus.NewRegistry()
	reg.MustRegister(c)
	want := []string{
		`prakerja_backlog_registrations{status="phone_verified"} 7`,
		`prakerja_backlog_oldest_seconds{status="phone_verified"} 90`,
		`prakerja_backlog_entered_last_minute{status="phone_verified"} 3`,
		`prakerja_backlog_registrations{status="eligible"} 0`,
		`prakerja_backlog_oldest_seconds{status="eligible"} 0`,
		`prakerja_backlog_entered_last_minute{status="eligible"} 0`,
		`prakerja_backlog_read_failures_total 0`,
	}
	for range 3 {
		body := scrape(t, reg)
		for _, line := range want {
			if !strings.Contains(body, line+"\n") {
				t.Fatalf("scrape lacks %s:\n%s", line, body)
			}
		}
	}
	if n := store.reads.Load(); n != 1 {
		t.Fatalf("3 scrapes within the cache life read the store %d times, want 1", n)
	}
	age, store.err = backlogCacheTTL, errors.New("database is down")
	body := scrape(t, reg)
	if strings.Contains(body, "prakerja_backlog_registrations{") || !strings.Contains(body, "prakerja_backlog_read_failures_total 1\n") {
		t.Errorf("after a failed read:\n%s", grepLines(body, "prakerja_backlog"))
	}
	if n := store.reads.Load(); n != 2 {
		t.Errorf("store read %d times, want 2", n)
	}
}

// scrape answers GET /metrics for reg in the text format.
func scrape(t *testing.T, reg *prometheus.Registry) string {
	t.Helper()
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	return rec.Body.String()
}

// TestBacklogMetricsSQLite scrapes /metrics of a server on a real SQLite
// store holding one registration, so the collector's series come from the
// store's own Backlog.
func TestBacklogMetricsSQLite(t *testing.T) {
	t.Parallel()
	store := openSQLite(t)
	seedSQLite(t, store, "a", testNow.Add(-time.Hour))
	srv := NewServer(Config{}, Deps{Registrations: okService(), Store: store, Clock: fixedClock{testNow}, Logger: slog.New(slog.DiscardHandler)})
	body := newRecorder(srv, scenario{method: "GET", url: "/metrics"}.request()).Body.String()
	for _, st := range prakerja.Statuses() {
		if !strings.Contains(body, `prakerja_backlog_registrations{status="`+string(st)+`"}`) {
			t.Errorf("metrics lack the backlog of %s", st)
		}
	}
	if !strings.Contains(body, `prakerja_backlog_registrations{status="registered"} 1`) {
		t.Errorf("registered backlog is not 1:\n%s", grepLines(body, "prakerja_backlog"))
	}
}

// grepLines keeps the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// openSQLite opens a migrated SQLite store in a temporary folder.
func openSQLite(t *testing.T) *sqldb.Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "prakerja.db")
	if _, _, err := sqlite.Migrate(ctx, path); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = store.Close() })
	return store
}

// seedSQLite stores a registration that entered its status at since.
// Sealed values are placeholders unique per tag: nothing here opens them.
func seedSQLite(t *testing.T, store *sqldb.Store, tag string, since time.Time) *prakerja.RegistrationRecord {
	t.Helper()
	sealed := func(kind string) prakerja.Sealed {
		return prakerja.Sealed{Ciphertext: []byte(kind + tag), Index: []byte(kind + tag)}
	}
	rec := &prakerja.RegistrationRecord{FullName: "Siti Aminah", BirthDate: "1990-06-05", Sex: "F", DomicileDistrict: testDistrict,
		Status: prakerja.StatusRegistered, NIK: sealed("n"), KK: sealed("k"), Email: sealed("e"), Phone: sealed("p"),
		CreatedAt: since, UpdatedAt: since, StatusChangedAt: since}
	if err := store.CreateRegistration(context.Background(), &prakerja.NewRegistration{Record: rec}); err != nil {
		t.Fatalf("seed registration: %v", err)
	}
	return rec
}
