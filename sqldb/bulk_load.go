package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/prakerja/prakerja"
)

// BulkLoadRegistrations fills an EMPTY registrations table with the
// batches next returns (each at most BulkRegistrationsMax records, an
// empty batch ends the load), stored as BulkInsertRegistrations stores
// them. It is the full-scale demo's seed, before any registration comes
// in: random 32-byte blind indexes make every row of an insert touch a
// different leaf of each of the table's indexes, so at millions of rows
// the single writer spends its time on cache misses and dirty pages.
// Instead, in ONE transaction, it drops the table's secondary indexes
// (read from the catalogue, so the exact definitions of the migrations
// come back), appends the rows, and rebuilds the indexes, which sorts once.
//
// Uniqueness still holds: the UNIQUE indexes are rebuilt in the same
// transaction, and a duplicate NIK, e-mail or phone among the loaded rows
// fails the rebuild, which rolls back everything (a conflict error, with
// no personal data): the table is left empty with all its indexes, as it
// was. A table that already holds a registration is refused (conflict)
// before anything changes. Registrations from elsewhere wait meanwhile:
// SQLite's single writer is held, and PostgreSQL's table is locked. It
// returns how many rows were loaded.
func (s *Store) BulkLoadRegistrations(ctx context.Context, next func() ([]prakerja.RegistrationRecord, error)) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		n = 0
		if err := s.bulkLoadEmpty(ctx, tx); err != nil {
			return err
		}
		defs, err := s.registrationIndexes(ctx, tx)
		if err != nil {
			return err
		}
		for _, d := range defs {
			if _, err := tx.ExecContext(ctx, "DROP INDEX "+d.name); err != nil {
				return fmt.Errorf("drop index %s: %w", d.name, err)
			}
		}
		for {
			recs, err := next()
			if err != nil {
				return err
			}
			if len(recs) == 0 {
				break
			}
			if err := s.insertBulkRegistrations(ctx, tx, recs); err != nil {
				return err
			}
			n += len(recs)
		}
		return s.rebuildIndexes(ctx, tx, defs)
	})
	if err != nil {
		return 0, fmt.Errorf("bulk load registrations: %w", err)
	}
	return n, nil
}

// bulkLoadEmpty refuses a registrations table that holds a row. On
// PostgreSQL it first locks the table, so no registration slips in
// between the check and the load.
func (s *Store) bulkLoadEmpty(ctx context.Context, tx *sql.Tx) error {
	if s.dialect.numbered {
		if _, err := tx.ExecContext(ctx, "LOCK TABLE registrations IN ACCESS EXCLUSIVE MODE"); err != nil {
			return fmt.Errorf("lock registrations: %w", err)
		}
	}
	var one int
	switch err := tx.QueryRowContext(ctx, "SELECT 1 FROM registrations LIMIT 1").Scan(&one); {
	case err == nil:
		return prakerja.Errorf(prakerja.CodeConflict, "The registrations table is not empty; a bulk load needs an empty one.")
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	return nil
}

// indexDef is one secondary index as the catalogue defines it.
type indexDef struct{ name, create string }

// Catalogue queries for the registrations table's own indexes: SQLite's
// automatic ones (sql IS NULL) and PostgreSQL's primary key and
// constraint-backed ones stay, since they cannot be dropped on their own.
const (
	sqlIndexesSQLite = `SELECT name, sql FROM sqlite_master
		WHERE type = 'index' AND tbl_name = 'registrations' AND sql IS NOT NULL ORDER BY name`
	sqlIndexesPostgres = `SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
		JOIN pg_class i ON i.oid = x.indexrelid
		JOIN pg_class t ON t.oid = x.indrelid
		JOIN pg_namespace n ON n.oid = t.relnamespace
		WHERE t.relname = 'registrations' AND n.nspname = current_schema() AND NOT x.indisprimary
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
		ORDER BY i.relname`
)

// registrationIndexes reads the registrations table's secondary indexes.
func (s *Store) registrationIndexes(ctx context.Context, tx *sql.Tx) ([]indexDef, error) {
	q := sqlIndexesSQLite
	if s.dialect.numbered {
		q = sqlIndexesPostgres
	}
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("read the registrations indexes: %w", err)
	}
	defer rows.Close()
	var defs []indexDef
	for rows.Next() {
		var d indexDef
		if err := rows.Scan(&d.name, &d.create); err != nil {
			return nil, err
		}
		defs = append(defs, d)
	}
	return defs, rows.Err()
}

// rebuildIndexes creates defs again. A UNIQUE index that meets a
// duplicate is a conflict naming the index, never the value.
func (s *Store) rebuildIndexes(ctx context.Context, tx *sql.Tx, defs []indexDef) error {
	if !s.dialect.numbered {
		// SQLite sorts an index's keys with helper threads when allowed
		// (none by default); the setting is the connection's, for sorts.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA threads = %d", bulkSortThreads)); err != nil {
			return fmt.Errorf("sort threads: %w", err)
		}
	}
	for _, d := range defs {
		if _, err := tx.ExecContext(ctx, d.create); err != nil {
			if uniqueViolation(err) {
				return fmt.Errorf("%w: %w", prakerja.Errorf(prakerja.CodeConflict,
					"The loaded registrations hold a duplicate under the unique index %s; nothing was stored.", d.name), err)
			}
			return fmt.Errorf("rebuild index %s: %w", d.name, err)
		}
	}
	return nil
}

// bulkSortThreads is how many helper threads SQLite may sort with while
// rebuilding indexes: the machine's two cores.
const bulkSortThreads = 2

// uniqueViolation matches SQLite's SQLITE_CONSTRAINT (19, whatever the
// extended code) and PostgreSQL's unique_violation (23505) through
// interfaces, so this package imports neither driver.
func uniqueViolation(err error) bool {
	var lite interface{ Code() int }
	if errors.As(err, &lite) && lite.Code()&0xff == 19 {
		return true
	}
	var pg interface{ SQLState() string }
	return errors.As(err, &pg) && pg.SQLState() == "23505"
}
