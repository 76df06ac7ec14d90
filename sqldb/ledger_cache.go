package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/prakerja/prakerja"
)

// ledgerCacheMax bounds the accounts kept (about 40 MB); past it the
// cache starts again empty rather than tracking which to evict.
const ledgerCacheMax = 1 << 18

// accountCache keeps the ledger accounts as this process's ledger loop
// last committed them, so a batch need not read again what the batches
// before it wrote: a payout run reads each participant's account to
// reserve, again to post and again to settle. It is trusted only while
// the ledger's sequence (and, on SQLite, the database's data_version) is
// what it was after this process's last commit. A transfer written by
// another node or another process on the same data folder moves the
// sequence, any write by another SQLite connection moves data_version,
// and the cache is emptied; a failed transaction empties it too.
type accountCache struct {
	mu      sync.Mutex
	seq     int64 // next_seq after the last commit; 0: nothing trusted
	version int64 // PRAGMA data_version then (SQLite); 0 on PostgreSQL
	accts   map[int64]*prakerja.Account
}

// stamp is what a transaction saw of the ledger before deciding.
type stamp struct{ seq, version int64 }

// readStamp reads the version inside tx; the caller has read seq.
func (s *Store) readStamp(ctx context.Context, tx *sql.Tx, seq int64) (stamp, error) {
	st := stamp{seq: seq}
	if s.dialect.dataVersion == "" {
		return st, nil
	}
	if err := tx.QueryRowContext(ctx, s.dialect.dataVersion).Scan(&st.version); err != nil {
		return st, fmt.Errorf("data version: %w", err)
	}
	return st, nil
}

// take moves the cached accounts among ids into into, as copies the
// batch may change, and returns the ids still to read. A stamp other
// than the last commit's empties the cache first.
func (c *accountCache) take(at stamp, ids []int64, into map[int64]*prakerja.Account) []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seq == 0 || at != (stamp{c.seq, c.version}) {
		c.resetLocked()
		return ids
	}
	rest := ids[:0]
	for _, id := range ids {
		if a, ok := c.accts[id]; ok {
			cp := *a
			into[id] = &cp
		} else {
			rest = append(rest, id)
		}
	}
	return rest
}

// remember keeps a committed batch's accounts but those it created (a
// wave's credit creates 840,000 that nothing touches again soon, and
// holding them only fed the collector), whose sequence is now
// next and whose data_version is unchanged (the writer's own commits do
// not move it). The batch's state is not used again, so its accounts
// are kept as they are.
func (c *accountCache) remember(at stamp, next int64, accts map[int64]*prakerja.Account, created map[int64]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seq != 0 && at != (stamp{c.seq, c.version}) || len(c.accts)+len(accts)-len(created) > ledgerCacheMax {
		c.resetLocked()
	}
	if c.accts == nil {
		c.accts = make(map[int64]*prakerja.Account, len(accts)-len(created))
	}
	for id, a := range accts {
		if !created[id] {
			c.accts[id] = a
		}
	}
	c.seq, c.version = next, at.version
}

// reset forgets everything, after a transaction that may or may not
// have committed.
func (c *accountCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.resetLocked()
}

func (c *accountCache) resetLocked() {
	c.seq, c.version, c.accts = 0, 0, nil
}
