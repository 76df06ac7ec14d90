package sqldb

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/prakerja/prakerja"
)

// EntryArrayMax is how many entries one array insert carries on
// PostgreSQL.
const EntryArrayMax = 50_000

const (
	// sqlInsertEntry inserts one entry, skipping one already stored. On
	// SQLite one row per execution is the fast way: a multi-row insert
	// that may abort midway (NOT NULL, the foreign key) keeps a statement
	// journal of every page it touches, and random keys touch a page per
	// row, which measured three times slower.
	sqlInsertEntry         = `INSERT INTO exclusion_entries (import_id, nik_idx) VALUES (?, ?) ON CONFLICT DO NOTHING`
	sqlInsertEntriesArrays = `INSERT INTO exclusion_entries (import_id, nik_idx)
	SELECT ?::bigint, unnest(?::bytea[]) ON CONFLICT DO NOTHING`
)

// entryWriter streams one import's entries into its transaction.
type entryWriter struct {
	s        *Store
	tx       *sql.Tx
	importID int64
	insert   *sql.Stmt // sqlInsertEntry, prepared once

	read, stored int64
}

// drain writes every batch next yields and returns how many distinct
// entries were stored. ctx is checked between batches.
func (w *entryWriter) drain(ctx context.Context, next func() ([][]byte, error)) (int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		batch, err := next()
		if err != nil {
			return 0, fmt.Errorf("read exclusion entries: %w", err)
		}
		if batch == nil {
			return w.stored, nil
		}
		if err := w.check(batch); err != nil {
			return 0, err
		}
		if err := w.write(ctx, batch); err != nil {
			return 0, fmt.Errorf("insert exclusion entries: %w", err)
		}
	}
}

// check bounds the import and each index; the message never quotes one.
func (w *entryWriter) check(batch [][]byte) error {
	w.read += int64(len(batch))
	if w.read > prakerja.ExclusionEntriesMax {
		return prakerja.Errorf(prakerja.CodeInvalid, "An import holds at most %d entries.", prakerja.ExclusionEntriesMax)
	}
	for _, idx := range batch {
		if len(idx) == 0 || len(idx) > SealedMax {
			return prakerja.Errorf(prakerja.CodeInvalid, "A NIK index has 1 to %d bytes.", SealedMax)
		}
	}
	return nil
}

// write stores one batch, sorted first: neighbouring keys land on pages
// just visited, which keeps the B-tree walk in cache.
func (w *entryWriter) write(ctx context.Context, batch [][]byte) error {
	batch = slices.Clone(batch)
	slices.SortFunc(batch, bytes.Compare)
	if w.s.dialect.arrays {
		for chunk := range slices.Chunk(batch, EntryArrayMax) {
			n, err := execCount(ctx, w.tx, w.s.q.insertEntriesArrays, w.importID, chunk)
			if err != nil {
				return err
			}
			w.stored += n
		}
		return nil
	}
	return w.writeRows(ctx, batch)
}

// writeRows inserts a batch row by row. The executions run without ctx's
// cancellation (the driver would start a watcher per execution, a tenth of
// the cost); drain checks ctx between batches instead, and database/sql
// rolls the transaction back when ctx ends.
func (w *entryWriter) writeRows(ctx context.Context, batch [][]byte) error {
	if w.insert == nil {
		st, err := w.tx.PrepareContext(ctx, w.s.q.insertEntry)
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		w.insert = st
	}
	rowCtx := context.WithoutCancel(ctx)
	for _, idx := range batch {
		res, err := w.insert.ExecContext(rowCtx, w.importID, idx)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		w.stored += n
	}
	return nil
}
