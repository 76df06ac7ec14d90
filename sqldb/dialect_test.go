package sqldb

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestRebind checks the placeholder rewriting done once per query.
func TestRebind(t *testing.T) {
	tests := []struct {
		name    string
		dialect Dialect
		in      string
		want    string
	}{
		{"SQLiteUnchanged", SQLite, "SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = ? AND c = ?"},
		{"PostgreSQLNumbered", PostgreSQL, "SELECT a FROM t WHERE b = ? AND c IN (?, ?)", "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)"},
		{"PostgreSQLQuoted", PostgreSQL, `SELECT '?' AS "x?" FROM t WHERE b = ?`, `SELECT '?' AS "x?" FROM t WHERE b = $1`},
		{"PostgreSQLNone", PostgreSQL, "SELECT 1", "SELECT 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.dialect.rebind(tt.in); got != tt.want {
				t.Fatalf("rebind(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNewQueries checks that every query of both dialects was built, and
// that the PostgreSQL ones have no `?` left.
func TestNewQueries(t *testing.T) {
	q := newQueries(PostgreSQL)
	all := append(q.messages[:], q.registration, q.claimMessages, q.idempotent, q.challengeForConsume)
	all = append(all, q.flags[:]...)
	all = append(all, q.claimWork, q.completeWorkArrays, q.retryWorkArrays, q.insertFlagsArrays,
		q.insertEntriesArrays, q.reasonCounts, q.backlogEntered, q.resolveDispute, q.bumpStatusMinute)
	for _, s := range all {
		if strings.Contains(s, "?") {
			t.Fatalf("query still has ?: %s", s)
		}
	}
	if want := " FOR UPDATE SKIP LOCKED)"; !strings.Contains(q.claimMessages, want) {
		t.Fatalf("claim query lacks %q: %s", want, q.claimMessages)
	}
	if strings.Contains(newQueries(SQLite).claimMessages, "FOR UPDATE") {
		t.Fatal("SQLite claim query locks rows")
	}
}

type sqlStateError string

func (e sqlStateError) Error() string    { return "sqlstate " + string(e) }
func (e sqlStateError) SQLState() string { return string(e) }

// TestPostgresRetryable checks which failures make a batch be retried.
func TestPostgresRetryable(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"Deadlock", fmt.Errorf("insert: %w", sqlStateError("40P01")), true},
		{"Serialization", sqlStateError("40001"), true},
		{"UniqueViolation", sqlStateError("23505"), false},
		{"Plain", errors.New("broken pipe"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PostgreSQL.retryable(tt.err); got != tt.want {
				t.Fatalf("retryable(%v) = %v, want %v", tt.err, got, tt.want)
			}
			if SQLite.retryable(tt.err) {
				t.Fatal("SQLite retries a batch")
			}
		})
	}
}

// TestTruncate checks that a stored reason is cut on a character boundary.
func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"gagal kirim", 5, "gagal"},
		{"née", 2, "n"}, // é is two bytes; half of it is dropped
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
