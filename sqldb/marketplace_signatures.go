package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// RecordSignatureGrouped is RecordSignature written through the ledger's
// group commit, as CreateCharge is: on SQLite every signed partner request
// otherwise pays its own write transaction and fsync on the one writer,
// which caps signed purchases (two requests each) at half the disk's fsync
// rate. The prune and the insert are the same statements, prepared once;
// a live duplicate still answers CodeSignatureReplayed. It is meant for
// SQLite: on PostgreSQL separate transactions already overlap, and the
// ledger loop would serialise them behind its advisory lock.
func (s *Store) RecordSignatureGrouped(ctx context.Context, keyID string, sig []byte, expires, now time.Time) error {
	if len(sig) != prakerja.PartnerSignatureLen {
		return prakerja.Errorf(prakerja.CodeInvalid, "A signature is %d bytes.", prakerja.PartnerSignatureLen)
	}
	ctx, cancel := s.bound(ctx)
	defer cancel()
	prune, insert := s.signatureQueries()
	s.warmWriter(ctx, prune, insert)
	// The writes run as the op's guard, not its record hook: with no
	// transfers there is nothing to undo, so the savepoint a record hook
	// costs (two more statements in the serial loop) buys nothing. A replay
	// changes no row; the prune before it may stay.
	guard := func(ctx context.Context, tx *sql.Tx) error {
		exec := func(ctx context.Context, q string, args ...any) (sql.Result, error) {
			return s.txExec(ctx, tx, q, args...)
		}
		return recordSignatureWith(ctx, exec, prune, insert, keyID, sig, expires, now)
	}
	_, err := s.applyWith(ctx, nil, now, guard, nil)
	return err
}

// recordSignatureWith prunes expired signatures and records sig through
// exec, refusing a live duplicate: the one body of both RecordSignature
// paths.
func recordSignatureWith(ctx context.Context, exec func(context.Context, string, ...any) (sql.Result, error),
	prune, insert, keyID string, sig []byte, expires, now time.Time) error {
	if _, err := exec(ctx, prune, now.UnixMicro(), prakerja.PartnerSignaturePruneMax); err != nil {
		return fmt.Errorf("prune signatures: %w", err)
	}
	res, err := exec(ctx, insert, keyID, sig, expires.UnixMicro(), now.UnixMicro())
	if err != nil {
		return fmt.Errorf("record signature: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("record signature: %w", err)
	}
	if n == 0 {
		return prakerja.Errorf(prakerja.CodeSignatureReplayed, "This signature was used before; sign every request anew.")
	}
	return nil
}

// signatureQueries are RecordSignature's statements in the store's
// dialect; the strings are stable, so the statement cache prepares each
// once.
func (s *Store) signatureQueries() (prune, insert string) {
	return s.rb(fmt.Sprintf(sqlSignaturePrune, s.dialect.skipLocked)), s.rb(sqlSignatureRecord)
}
