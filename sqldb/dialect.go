package sqldb

import (
	"errors"
	"strconv"
	"strings"

	"github.com/pressly/goose/v3"
)

// Dialect is what differs between the SQL engines the Store runs on. It is
// deliberately tiny: the queries are written once, with `?` placeholders and
// the SQL both engines accept, and a Dialect only supplies the few clauses
// where they part ways. Use the SQLite or PostgreSQL value; the fields are
// unexported so no third, untested dialect can appear by accident.
type Dialect struct {
	name  string        // "sqlite" or "postgres"
	goose goose.Dialect // for the migration provider
	// numbered placeholders ($1, $2 …) instead of `?`.
	numbered bool
	// forUpdate locks the rows a SELECT reads inside a write transaction.
	// SQLite has one writer, so its transactions are already serial.
	forUpdate string
	// skipLocked makes concurrent outbox claimers pass over each other's rows.
	skipLocked string
	// tableExists counts tables named by its one parameter in the schema the
	// connection works in.
	tableExists string
	// committers is how many group-commit transactions may run at once:
	// one on SQLite's single writer; on PostgreSQL four measured best on 2
	// cores (3.5k registrations/s with one, 6–7k with four, less with eight).
	committers int
	// retryable reports a transaction failure that a fresh attempt can cure
	// (a deadlock or serialization failure), as opposed to a broken query.
	retryable func(error) bool
	// arrays binds Go slices as SQL arrays, so a batch of thousands of
	// rows is one statement (unnest) instead of one round trip per row.
	// SQLite runs in-process, where a prepared statement per row costs no
	// round trip, and has no arrays.
	arrays bool
	// reasonsEach is a FROM item listing the reason codes of the stored
	// JSON array in the column named by %s, one row per code in j.value;
	// an empty column ('') lists none.
	reasonsEach string
	// ledgerLock serialises ledger batches across connections and nodes
	// (PostgreSQL's transaction-scoped advisory lock); SQLite's single
	// writer already does.
	ledgerLock string
	// dataVersion reads a number that changes whenever another connection
	// commits (SQLite's PRAGMA data_version), so the ledger loop knows its
	// account cache is still the database's; "" where there is none.
	dataVersion string
	// auditLock serialises audit appends the same way, so the hash chain
	// never forks; SQLite's single writer already does.
	auditLock string
	// ledgerTriggers counts the triggers that keep transfers immutable.
	ledgerTriggers string
	// overriding lets an INSERT set an identity column (PostgreSQL's
	// GENERATED ALWAYS); resync moves the identity past the rows so
	// inserted. Only bulk seeding for benchmarks uses them.
	overriding, resync string
}

// SQLite is the dialect of the embedded default engine (SQLite ≥ 3.35, for
// RETURNING and ON CONFLICT without a target).
var SQLite = Dialect{
	name:        "sqlite",
	goose:       goose.DialectSQLite3,
	tableExists: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
	committers:  1,
	retryable:   func(error) bool { return false },
	reasonsEach: "json_each(NULLIF(%s, '')) AS j",
	dataVersion: "PRAGMA data_version",
	ledgerTriggers: `SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
		AND name IN ('ledger_transfers_no_update', 'ledger_transfers_no_delete')`,
}

// PostgreSQL is the dialect of the engine used at scale (PostgreSQL ≥ 12).
var PostgreSQL = Dialect{
	name:        "postgres",
	goose:       goose.DialectPostgres,
	numbered:    true,
	forUpdate:   " FOR UPDATE",
	skipLocked:  " FOR UPDATE SKIP LOCKED",
	tableExists: "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?",
	committers:  4,
	retryable:   postgresRetryable,
	arrays:      true,
	reasonsEach: "jsonb_array_elements_text(NULLIF(%s, '')::jsonb) AS j(value)",
	ledgerLock:  "SELECT pg_advisory_xact_lock(541200)",
	auditLock:   "SELECT pg_advisory_xact_lock(541201)",
	overriding:  " OVERRIDING SYSTEM VALUE",
	resync:      "SELECT setval(pg_get_serial_sequence('registrations', 'id'), (SELECT MAX(id) FROM registrations))",
	ledgerTriggers: `SELECT count(*) FROM pg_trigger WHERE tgrelid = 'ledger_transfers'::regclass
		AND tgname IN ('ledger_transfers_no_change', 'ledger_transfers_no_truncate')`,
}

// Name is "sqlite" or "postgres", as shown by `prakerja migrate --json`.
func (d Dialect) Name() string { return d.name }

// postgresRetryable matches deadlock_detected (40P01) and
// serialization_failure (40001). It reads the SQLSTATE through an interface
// so this package does not import the driver.
func postgresRetryable(err error) bool {
	var coded interface{ SQLState() string }
	if !errors.As(err, &coded) {
		return false
	}
	state := coded.SQLState()
	return state == "40P01" || state == "40001"
}

// rebind rewrites the `?` placeholders of query for the dialect. It runs
// once per query when the Store is built, never per call. Question marks
// inside quoted strings or identifiers are left alone.
func (d Dialect) rebind(query string) string {
	if !d.numbered {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	var quote byte // the quote character we are inside, or 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
