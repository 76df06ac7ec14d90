package sqldb

import (
	"context"
	"fmt"
	"slices"

	"github.com/prakerja/prakerja"
)

// NominationImports lists the imports, newest first (at most
// NominationImportsMax).
func (s *Store) NominationImports(ctx context.Context) ([]prakerja.NominationImport, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	rows, err := s.reader.QueryContext(ctx, s.dialect.rebind(sqlNominationImports), NominationImportsMax)
	if err != nil {
		return nil, fmt.Errorf("nomination imports: %w", err)
	}
	defer rows.Close()
	var out []prakerja.NominationImport
	for rows.Next() {
		var imp prakerja.NominationImport
		var at, current int64
		if err := rows.Scan(&imp.ID, &imp.Institution, &imp.Name, &imp.SHA256, &imp.Entries, &at, &current); err != nil {
			return nil, fmt.Errorf("nomination imports: %w", err)
		}
		imp.ImportedAt, imp.Current = timeOf(at), current == 1
		out = append(out, imp)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("nomination imports: %w", err)
	}
	return out, nil
}

// NominationTiers returns, per NIK index on a current list, its best tier.
// Returns CodeInvalid for more than prakerja.NominationTiersMax indexes.
func (s *Store) NominationTiers(ctx context.Context, nikIndexes [][]byte) (map[string]int, error) {
	if len(nikIndexes) > prakerja.NominationTiersMax {
		return nil, prakerja.Errorf(prakerja.CodeInvalid, "At most %d indexes per tier lookup.", prakerja.NominationTiersMax)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	found := map[string]int{}
	for chunk := range slices.Chunk(nikIndexes, ScreenChunkMax) {
		if err := s.nominationTiersChunk(ctx, chunk, found); err != nil {
			return nil, fmt.Errorf("nomination tiers: %w", err)
		}
	}
	return found, nil
}

func (s *Store) nominationTiersChunk(ctx context.Context, chunk [][]byte, found map[string]int) error {
	args := make([]any, len(chunk))
	for i, idx := range chunk {
		args[i] = idx
	}
	query := s.dialect.rebind(fmt.Sprintf(sqlNominationTiers, placeholders(len(chunk))))
	rows, err := s.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var idx []byte
		var tier int64
		if err := rows.Scan(&idx, &tier); err != nil {
			return err
		}
		found[string(idx)] = int(tier)
	}
	return rows.Err()
}
