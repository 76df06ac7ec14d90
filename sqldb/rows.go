package sqldb

import (
	"context"
	"database/sql"
)

// eachRow runs a read and calls fn for every row.
func (s *Store) eachRow(ctx context.Context, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := s.readRows(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// readAll runs a read and returns every row as scan makes it.
func readAll[T any](ctx context.Context, s *Store, query string, scan func(scanner) (T, error), args ...any) ([]T, error) {
	var out []T
	err := s.eachRow(ctx, query, func(r *sql.Rows) error {
		v, err := scan(r)
		if err == nil {
			out = append(out, v)
		}
		return err
	}, args...)
	return out, err
}
