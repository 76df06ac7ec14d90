package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/prakerja/prakerja"
)

// Exclusion limits of this store.
const (
	// CategoryMax bounds an exclusion category name, in bytes.
	CategoryMax = 40
	// SourceMax bounds an import's source note, in bytes.
	SourceMax = 200
	// ExclusionImportsMax bounds one listing of imports.
	ExclusionImportsMax = 1000
	// ImportTimeoutDefault bounds an import whose context has no deadline.
	// An import is one transaction: on SQLite it holds the single writer,
	// so registrations wait for it (and fail after CommitTimeout).
	ImportTimeoutDefault = 10 * time.Minute
	// ScreenChunkMax bounds the indexes one screening query lists.
	ScreenChunkMax = 500
)

const (
	sqlInsertImport = `INSERT INTO exclusion_imports (category, source, sha256, entries, imported_at, is_current)
	VALUES (?, ?, ?, 0, ?, 0) RETURNING id`
	// The older current version is cleared before the new one is marked, as
	// the partial unique index allows one current import per category.
	sqlClearCurrent = `UPDATE exclusion_imports SET is_current = 0 WHERE category = ? AND is_current = 1`
	sqlFinishImport = `UPDATE exclusion_imports SET entries = ?, is_current = 1 WHERE id = ?`
	sqlImports      = `SELECT id, category, source, sha256, entries, imported_at, is_current
	FROM exclusion_imports ORDER BY id DESC LIMIT ?`
	// sqlScreen reads the current lists and the blacklist of revoked
	// cards, which reports prakerja.ExclusionRevoked; both %s are the
	// same placeholders, so the arguments are passed twice.
	sqlScreen = `SELECT e.nik_idx, i.category FROM exclusion_entries e
	JOIN exclusion_imports i ON i.id = e.import_id WHERE i.is_current = 1 AND e.nik_idx IN (%s)
	UNION ALL SELECT nik_idx, '` + prakerja.ExclusionRevoked + `' FROM nik_blacklist WHERE nik_idx IN (%s)`
)

// ImportExclusions stores a new version of imp.Category in one
// transaction: the import row, every entry next yields (duplicates stored
// once) and the switch of the category's current version. An error from
// next, a bad index or the end of ctx rolls all of it back. It fills
// imp.ID, imp.Entries, imp.ImportedAt and imp.Current. Returns CodeInvalid
// for a bad category, source, digest or index, or over
// prakerja.ExclusionEntriesMax entries.
func (s *Store) ImportExclusions(ctx context.Context, imp *prakerja.ExclusionImport, next func() ([][]byte, error), now time.Time) error {
	if err := validateImport(imp); err != nil {
		return fmt.Errorf("import exclusions: %w", err)
	}
	if next == nil {
		return prakerja.Errorf(prakerja.CodeInvalid, "No exclusion entries given.")
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, ImportTimeoutDefault)
		defer cancel()
	}
	var id, stored int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q.insertImport, imp.Category, imp.Source, imp.SHA256, now.UnixMicro()).Scan(&id)
		if err != nil {
			return fmt.Errorf("insert import: %w", err)
		}
		w := &entryWriter{s: s, tx: tx, importID: id}
		if stored, err = w.drain(ctx, next); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q.clearCurrent, imp.Category); err != nil {
			return fmt.Errorf("retire current version: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.q.finishImport, stored, id); err != nil {
			return fmt.Errorf("mark current version: %w", err)
		}
		return s.auditTx(ctx, tx, now, prakerja.AuditActorOf(ctx), prakerja.AuditExclusionImported,
			auditSubject("exclusion_import", id), map[string]any{"category": imp.Category, "entries": stored, "sha256": imp.SHA256})
	})
	if err != nil {
		return fmt.Errorf("import exclusions: %w", err)
	}
	imp.ID, imp.Entries, imp.ImportedAt, imp.Current = id, stored, utcMicro(now), true
	return nil
}

// validateImport applies the scheme-independent rules; the caller checks
// the category against its scheme.
func validateImport(imp *prakerja.ExclusionImport) error {
	if imp == nil {
		return prakerja.Errorf(prakerja.CodeInvalid, "No exclusion import given.")
	}
	var fe fieldErrors
	if !snakeCase(imp.Category, CategoryMax) {
		fe.add("category", prakerja.CodeBadFormat, "A category is snake_case, 1 to %d bytes.", CategoryMax)
	}
	if len(imp.Source) > SourceMax {
		fe.add("source", prakerja.CodeTooLong, "The source is over %d bytes.", SourceMax)
	}
	if imp.SHA256 != "" && !lowerHex(imp.SHA256, 64) {
		fe.add("sha256", prakerja.CodeBadFormat, "The digest is 64 lowercase hex digits.")
	}
	return fe.err("The exclusion import is not valid; nothing was stored.")
}

// snakeCase reports a name of lowercase letters and digits in words joined
// by single underscores, starting with a letter, at most max bytes.
func snakeCase(name string, max int) bool {
	if name == "" || len(name) > max || name[0] < 'a' || name[0] > 'z' || name[len(name)-1] == '_' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '_' && name[i-1] != '_':
		default:
			return false
		}
	}
	return true
}

// lowerHex reports n lowercase hexadecimal digits.
func lowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && (s[i] < 'a' || s[i] > 'f') {
			return false
		}
	}
	return true
}

// ExclusionImports lists the imports, newest first (at most
// ExclusionImportsMax).
func (s *Store) ExclusionImports(ctx context.Context) ([]prakerja.ExclusionImport, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.q.imports, ExclusionImportsMax)
	if err != nil {
		return nil, fmt.Errorf("exclusion imports: %w", err)
	}
	defer rows.Close()
	var out []prakerja.ExclusionImport
	for rows.Next() {
		var imp prakerja.ExclusionImport
		var at, current int64
		if err := rows.Scan(&imp.ID, &imp.Category, &imp.Source, &imp.SHA256, &imp.Entries, &at, &current); err != nil {
			return nil, fmt.Errorf("exclusion imports: %w", err)
		}
		imp.ImportedAt, imp.Current = timeOf(at), current == 1
		out = append(out, imp)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("exclusion imports: %w", err)
	}
	return out, nil
}

// ScreenExclusions returns, per NIK index on a current list, its sorted
// categories. Returns CodeInvalid for more than
// prakerja.ExclusionScreenMax indexes.
func (s *Store) ScreenExclusions(ctx context.Context, nikIndexes [][]byte) (map[string][]string, error) {
	if len(nikIndexes) > prakerja.ExclusionScreenMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "At most %d indexes per screening.", prakerja.ExclusionScreenMax)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	found := map[string][]string{}
	for chunk := range slices.Chunk(nikIndexes, ScreenChunkMax) {
		if err := s.screenChunk(ctx, chunk, found); err != nil {
			return nil, fmt.Errorf("screen exclusions: %w", err)
		}
	}
	for k, cats := range found {
		slices.Sort(cats)
		found[k] = slices.Compact(cats)
	}
	return found, nil
}

func (s *Store) screenChunk(ctx context.Context, chunk [][]byte, found map[string][]string) error {
	args := make([]any, len(chunk))
	for i, idx := range chunk {
		args[i] = idx
	}
	marks := placeholders(len(chunk))
	args = append(args, args...)
	rows, err := s.reader.QueryContext(ctx, s.dialect.rebind(fmt.Sprintf(sqlScreen, marks, marks)), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var idx []byte
		var category string
		if err := rows.Scan(&idx, &category); err != nil {
			return err
		}
		found[string(idx)] = append(found[string(idx)], category)
	}
	return rows.Err()
}
