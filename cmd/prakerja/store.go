package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/prakerja/prakerja/postgres"
	"github.com/prakerja/prakerja/sqldb"
	"github.com/prakerja/prakerja/sqlite"
)

// defaultDataDir is where the SQLite database lives when neither --data
// nor PRAKERJA_DATA says otherwise.
const defaultDataDir = "./prakerja-data"

// storeFlags choose the database: the embedded SQLite file in a data
// folder, or PostgreSQL when --db is a postgres:// URL (it wins over
// --data; the data folder may still hold other files).
type storeFlags struct {
	Data      string
	DB        string
	DataGiven bool // --data was on the command line, not a default
}

// addStoreFlags registers --data and --db on fs, with defaults from the
// environment (PRAKERJA_DATA, PRAKERJA_DB).
func addStoreFlags(fs *flag.FlagSet, env *Env) *storeFlags {
	sf := &storeFlags{Data: env.Getenv("PRAKERJA_DATA"), DB: env.Getenv("PRAKERJA_DB")}
	if sf.Data == "" {
		sf.Data = defaultDataDir
	}
	fs.Var(&dataFlag{sf}, "data", "data folder holding the SQLite database (env PRAKERJA_DATA)")
	fs.StringVar(&sf.DB, "db", sf.DB, "PostgreSQL URL postgres://user@host/db; wins over --data (env PRAKERJA_DB)")
	return sf
}

// dataFlag is --data; it notes that the folder was chosen explicitly.
type dataFlag struct{ sf *storeFlags }

func (d *dataFlag) String() string {
	if d == nil || d.sf == nil {
		return "" // flag's zero-value probe
	}
	return d.sf.Data
}

func (d *dataFlag) Set(v string) error {
	if v == "" {
		return errors.New("empty folder")
	}
	d.sf.Data, d.sf.DataGiven = v, true
	return nil
}

// Engine is "postgres" or "sqlite".
func (sf *storeFlags) Engine() string {
	if sf.DB != "" {
		return sqldb.PostgreSQL.Name()
	}
	return sqldb.SQLite.Name()
}

// Describe names the database for messages and logs, never with a
// password.
func (sf *storeFlags) Describe() string {
	if sf.DB != "" {
		return postgres.Redact(sf.DB)
	}
	return "sqlite:" + sqlite.Path(sf.Data)
}

// check refuses a --db that is not a PostgreSQL URL rather than guessing;
// the message does not repeat the value, which may hold a password.
func (sf *storeFlags) check() error {
	if sf.DB != "" && !postgres.IsURL(sf.DB) {
		return errors.New("--db (or PRAKERJA_DB) must be a postgres:// or postgresql:// URL")
	}
	return nil
}

// Open opens the database without migrating it and refuses a schema that
// is not the one this binary needs, telling the operator to run
// `prakerja migrate`.
func (sf *storeFlags) Open(ctx context.Context) (*sqldb.Store, error) {
	s, err := sf.open(ctx)
	if err != nil {
		return nil, err
	}
	if err := sqldb.CheckSchema(ctx, s); err != nil {
		return nil, errors.Join(err, s.Close())
	}
	return s, nil
}

// open opens the database whatever its schema.
func (sf *storeFlags) open(ctx context.Context) (*sqldb.Store, error) {
	if err := sf.check(); err != nil {
		return nil, err
	}
	if sf.DB != "" {
		return postgres.Open(ctx, sf.DB)
	}
	return sqlite.OpenDir(ctx, sf.Data)
}

// Migrate applies the pending migrations and returns the schema version
// before and after.
func (sf *storeFlags) Migrate(ctx context.Context) (from, to int64, err error) {
	if err := sf.check(); err != nil {
		return 0, 0, err
	}
	if sf.DB != "" {
		return postgres.Migrate(ctx, sf.DB)
	}
	return sqlite.MigrateDir(ctx, sf.Data)
}

// SchemaVersion returns the applied and the latest schema versions
// without changing anything: a SQLite file that does not exist yet is at
// version 0 and is not created.
func (sf *storeFlags) SchemaVersion(ctx context.Context) (current, latest int64, err error) {
	if err := sf.check(); err != nil {
		return 0, 0, err
	}
	if sf.DB == "" {
		if _, err := os.Stat(sqlite.Path(sf.Data)); errors.Is(err, os.ErrNotExist) {
			latest, err := sqldb.LatestVersion(sqlite.Migrations())
			return 0, latest, err
		}
	}
	s, err := sf.open(ctx)
	if err != nil {
		return 0, 0, err
	}
	current, latest, err = s.SchemaVersion(ctx)
	if closeErr := s.Close(); closeErr != nil && err == nil {
		err = fmt.Errorf("close %s: %w", sf.Describe(), closeErr)
	}
	return current, latest, err
}
