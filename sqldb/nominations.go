package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// NominationImportsMax bounds one listing of nomination imports.
const NominationImportsMax = 1000

const (
	sqlInsertNominationImport = `INSERT INTO nomination_imports (institution, name, sha256, entries, imported_at, is_current)
	VALUES (?, ?, ?, 0, ?, 0) RETURNING id`
	// The older current version is cleared before the new one is marked, as
	// the partial unique index allows one current import per institution.
	sqlClearCurrentNomination = `UPDATE nomination_imports SET is_current = 0 WHERE institution = ? AND is_current = 1`
	sqlCountNominationEntries = `SELECT count(*) FROM nomination_entries WHERE import_id = ?`
	sqlFinishNominationImport = `UPDATE nomination_imports SET entries = ?, is_current = 1 WHERE id = ?`
	sqlNominationImports      = `SELECT id, institution, name, sha256, entries, imported_at, is_current
	FROM nomination_imports ORDER BY id DESC LIMIT ?`
	// sqlInsertNomination stores one entry; a NIK listed twice in one file
	// keeps its best (lowest) tier.
	sqlInsertNomination = `INSERT INTO nomination_entries (import_id, nik_idx, category, tier) VALUES (?, ?, ?, ?)
	ON CONFLICT (nik_idx, import_id) DO UPDATE SET category = excluded.category, tier = excluded.tier
	WHERE excluded.tier < nomination_entries.tier`
	sqlNominationTiers = `SELECT e.nik_idx, min(e.tier) FROM nomination_entries e
	JOIN nomination_imports i ON i.id = e.import_id WHERE i.is_current = 1 AND e.nik_idx IN (%s)
	GROUP BY e.nik_idx`
)

// ImportNominations stores a new version of imp.Institution in one
// transaction: the import row, every entry next yields and the switch of
// the institution's current version. An error from next, a bad entry or
// the end of ctx rolls all of it back. Returns CodeInvalid for a bad
// institution, name, digest, category or index, or over
// prakerja.NominationEntriesMax entries.
func (s *Store) ImportNominations(ctx context.Context, imp *prakerja.NominationImport,
	next func() ([]prakerja.NominationEntry, error), now time.Time) error {
	if err := validateNominationImport(imp); err != nil {
		return fmt.Errorf("import nominations: %w", err)
	}
	if next == nil {
		return prakerja.Errorf(prakerja.CodeInvalid, "No nomination entries given.")
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, ImportTimeoutDefault)
		defer cancel()
	}
	var id, stored int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.dialect.rebind(sqlInsertNominationImport),
			imp.Institution, imp.Name, imp.SHA256, now.UnixMicro()).Scan(&id)
		if err != nil {
			return fmt.Errorf("insert import: %w", err)
		}
		if err := s.drainNominations(ctx, tx, id, next); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, s.dialect.rebind(sqlCountNominationEntries), id).Scan(&stored); err != nil {
			return fmt.Errorf("count entries: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.dialect.rebind(sqlClearCurrentNomination), imp.Institution); err != nil {
			return fmt.Errorf("retire current version: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.dialect.rebind(sqlFinishNominationImport), stored, id); err != nil {
			return fmt.Errorf("mark current version: %w", err)
		}
		return s.auditTx(ctx, tx, now, prakerja.AuditActorOf(ctx), prakerja.AuditNominationImported,
			auditSubject("nomination_import", id), map[string]any{"institution": imp.Institution, "entries": stored, "sha256": imp.SHA256})
	})
	if err != nil {
		return fmt.Errorf("import nominations: %w", err)
	}
	imp.ID, imp.Entries, imp.ImportedAt, imp.Current = id, stored, utcMicro(now), true
	return nil
}

// validateNominationImport checks the import's own fields.
func validateNominationImport(imp *prakerja.NominationImport) error {
	if imp == nil {
		return prakerja.Errorf(prakerja.CodeInvalid, "No nomination import given.")
	}
	var fe fieldErrors
	if !snakeCase(imp.Institution, prakerja.NominationInstitutionMax) {
		fe.add("institution", prakerja.CodeBadFormat, "An institution code is snake_case, 1 to %d bytes.", prakerja.NominationInstitutionMax)
	}
	if imp.Name == "" {
		fe.add("name", prakerja.CodeRequired, "The institution's name is required.")
	}
	if len(imp.Name) > prakerja.NominationNameMax {
		fe.add("name", prakerja.CodeTooLong, "The name is over %d bytes.", prakerja.NominationNameMax)
	}
	if imp.SHA256 != "" && !lowerHex(imp.SHA256, 64) {
		fe.add("sha256", prakerja.CodeBadFormat, "The digest is 64 lowercase hex digits.")
	}
	return fe.err("The nomination import is not valid; nothing was stored.")
}

// drainNominations writes every batch next yields, row by row with one
// prepared statement: institution lists are small next to the bansos
// exclusion lists, so the array path of exclusions is not worth it here.
func (s *Store) drainNominations(ctx context.Context, tx *sql.Tx, importID int64,
	next func() ([]prakerja.NominationEntry, error)) error {
	insert, err := tx.PrepareContext(ctx, s.dialect.rebind(sqlInsertNomination))
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	defer insert.Close()
	var read int64
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch, err := next()
		if err != nil {
			return fmt.Errorf("read nomination entries: %w", err)
		}
		if batch == nil {
			return nil
		}
		if read += int64(len(batch)); read > prakerja.NominationEntriesMax {
			return prakerja.Errorf(prakerja.CodeInvalid, "An import holds at most %d entries.", prakerja.NominationEntriesMax)
		}
		for _, e := range batch {
			tier, err := checkNominationEntry(e)
			if err != nil {
				return err
			}
			if _, err := insert.ExecContext(ctx, importID, e.NIKIndex, string(e.Category), tier); err != nil {
				return fmt.Errorf("insert nomination entry: %w", err)
			}
		}
	}
}

// checkNominationEntry returns the entry's tier; the message never quotes
// the index.
func checkNominationEntry(e prakerja.NominationEntry) (int, error) {
	if len(e.NIKIndex) == 0 || len(e.NIKIndex) > SealedMax {
		return 0, prakerja.Errorf(prakerja.CodeInvalid, "A NIK index has 1 to %d bytes.", SealedMax)
	}
	tier, ok := e.Category.Tier()
	if !ok {
		return 0, prakerja.Errorf(prakerja.CodeInvalid, "A nomination category is one of %v.", prakerja.NominationCategories())
	}
	return tier, nil
}
