package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for creating test schemas

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/postgres"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/sqlite"
)

// runStoreCmd runs one command line in-process with the given environment
// and returns its exit status and output.
func runStoreCmd(t *testing.T, environ map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return environ[k] }}
	code := Run(context.Background(), env, args)
	return code, stdout.String(), stderr.String()
}

// lastJSON decodes the last line of out into v.
func lastJSON(t *testing.T, out string, v any) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), v); err != nil {
		t.Fatalf("last line of %q is not JSON: %v", out, err)
	}
}

// TestMigrateCommandSQLite runs `migrate status`, `migrate` twice and
// `migrate status` again on a new data folder, checking the text and JSON
// of each, and that the first status left the folder untouched.
func TestMigrateCommandSQLite(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	environ := map[string]string{"PRAKERJA_DATA": dir}
	n := latestMigration(t, sqlite.Migrations())
	steps := []struct {
		name     string
		args     []string
		wantText string // the first line
		wantJSON string // the last line
	}{
		{"StatusBefore", []string{"migrate", "status", "--json"}, fmt.Sprintf("schema at version 0, latest %d (%d pending: run `prakerja migrate`)", n, n),
			fmt.Sprintf(`{"engine":"sqlite","current":0,"latest":%d,"pending":%d}`, n, n)},
		{"Apply", []string{"migrate", "--json"}, fmt.Sprintf("schema at version %d (applied %d)", n, n),
			fmt.Sprintf(`{"engine":"sqlite","from":0,"to":%d,"applied":%d}`, n, n)},
		{"ApplyAgain", []string{"migrate", "--json"}, fmt.Sprintf("schema at version %d (applied 0)", n),
			fmt.Sprintf(`{"engine":"sqlite","from":%d,"to":%d,"applied":0}`, n, n)},
		{"StatusAfter", []string{"migrate", "status", "--json"}, fmt.Sprintf("schema at version %d, up to date", n),
			fmt.Sprintf(`{"engine":"sqlite","current":%d,"latest":%d,"pending":0}`, n, n)},
	}
	for _, st := range steps {
		code, out, errOut := runStoreCmd(t, environ, st.args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", st.name, code, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if lines[0] != st.wantText || lines[len(lines)-1] != st.wantJSON {
			t.Fatalf("%s: output %q, want first line %q and last line %q", st.name, out, st.wantText, st.wantJSON)
		}
		if st.name == "StatusBefore" {
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Fatalf("migrate status created the data folder (%v)", err)
			}
		}
	}
}

// TestMigrateCommandUsage checks that bad command lines exit 2 and that a
// bad --db is refused without echoing it (it may hold a password).
func TestMigrateCommandUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		exit int
	}{
		{"UnknownArgument", []string{"migrate", "sideways"}, 2},
		{"UnknownFlag", []string{"migrate", "--nope"}, 2},
		{"ErrNotPostgresURL", []string{"migrate", "--db", "mysql://root:s3cret@db/x"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runStoreCmd(t, map[string]string{"PRAKERJA_DATA": t.TempDir()}, tt.args...)
			if code != tt.exit {
				t.Fatalf("exit %d, want %d (%s)", code, tt.exit, errOut)
			}
			if strings.Contains(errOut, "s3cret") {
				t.Fatalf("stderr shows the password: %s", errOut)
			}
		})
	}
}

// TestStoreFlags checks defaults, the environment, precedence and
// Describe.
func TestStoreFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		environ   map[string]string
		args      []string
		data      string
		dataGiven bool
		engine    string
		describe  string
	}{
		{"Default", nil, nil, defaultDataDir, false, "sqlite", "sqlite:prakerja-data/prakerja.db"},
		{"Env", map[string]string{"PRAKERJA_DATA": "/var/lib/prakerja"}, nil, "/var/lib/prakerja", false, "sqlite", "sqlite:/var/lib/prakerja/prakerja.db"},
		{"FlagWinsOverEnv", map[string]string{"PRAKERJA_DATA": "/env"}, []string{"--data", "/flag"}, "/flag", true, "sqlite", "sqlite:/flag/prakerja.db"},
		{"DBWinsOverData", map[string]string{"PRAKERJA_DB": "postgres://app:s3cret@db:5432/prakerja"}, []string{"--data", "/flag"}, "/flag", true, "postgres", "postgres://app@db:5432/prakerja"},
		{"PostgresqlScheme", nil, []string{"--db", "postgresql://db/prakerja?password=s3cret"}, defaultDataDir, false, "postgres", "postgresql://db/prakerja"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			sf := addStoreFlags(fs, &Env{Getenv: func(k string) string { return tt.environ[k] }})
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if sf.Data != tt.data || sf.DataGiven != tt.dataGiven || sf.Engine() != tt.engine || sf.Describe() != tt.describe {
				t.Fatalf("got %q %v %s %q, want %q %v %s %q", sf.Data, sf.DataGiven, sf.Engine(), sf.Describe(),
					tt.data, tt.dataGiven, tt.engine, tt.describe)
			}
		})
	}
}

// TestStoreFlagsOpen checks that Open refuses an unmigrated database with
// the instruction to migrate, and opens a migrated one.
func TestStoreFlagsOpen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sf := &storeFlags{Data: t.TempDir()}
	_, err := sf.Open(ctx)
	if prakerja.ErrorCode(err) != prakerja.CodeSchemaOutdated || !strings.Contains(err.Error(), "run `prakerja migrate`") {
		t.Fatalf("Open before migrating: %v, want %s", err, prakerja.CodeSchemaOutdated)
	}
	if _, _, err := sf.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	s, err := sf.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sqlite.Path(sf.Data)); err != nil {
		t.Fatal(err)
	}
}

// TestMigrateCommandPostgres runs `prakerja migrate` against a fresh schema
// of PRAKERJA_TEST_POSTGRES (skipped without it, except under CI=true).
func TestMigrateCommandPostgres(t *testing.T) {
	t.Parallel()
	base := os.Getenv("PRAKERJA_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PRAKERJA_TEST_POSTGRES is not set; CI must run the PostgreSQL tests")
		}
		t.Skip("PRAKERJA_TEST_POSTGRES is not set")
	}
	dbURL := testSchemaURL(t, base)
	code, out, errOut := runStoreCmd(t, map[string]string{"PRAKERJA_DB": dbURL}, "migrate", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got migrateResult
	lastJSON(t, out, &got)
	n := latestMigration(t, postgres.Migrations())
	if want := (migrateResult{Engine: "postgres", From: 0, To: n, Applied: n}); got != want {
		t.Fatalf("JSON %+v, want %+v", got, want)
	}
	code, out, errOut = runStoreCmd(t, map[string]string{"PRAKERJA_DB": dbURL}, "migrate", "status")
	if code != 0 || strings.TrimSpace(out) != fmt.Sprintf("schema at version %d, up to date", n) {
		t.Fatalf("status: exit %d, %q, %s", code, out, errOut)
	}
}

// testSchemaURL creates a schema dropped when the test ends and returns
// base pointed at it.
func testSchemaURL(t *testing.T, base string) string {
	t.Helper()
	random := make([]byte, 8)
	if _, err := rand.Read(random); err != nil {
		t.Fatal(err)
	}
	schema := "s_cli_" + hex.EncodeToString(random)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
		db.Close()
	})
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// latestMigration is the newest migration's version, so these tests need
// no edit when a migration is added.
func latestMigration(t *testing.T, fsys fs.FS) int64 {
	t.Helper()
	n, err := sqldb.LatestVersion(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
