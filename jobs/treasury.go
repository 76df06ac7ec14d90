package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
)

// ensureTreasury creates a wave's treasury-return account when it is
// missing. Crediting the wave creates the same account (ledger's), so
// either may come first.
func (r *Runner) ensureTreasury(ctx context.Context, waveID int64, now time.Time) (int64, error) {
	id := ledger.TreasuryAccount(waveID)
	have, err := r.store.LedgerAccounts(ctx, []int64{id})
	if err != nil {
		return 0, fmt.Errorf("treasury account: %w", err)
	}
	if have[id] != nil {
		return id, nil
	}
	results, err := r.store.CreateAccounts(ctx, []prakerja.Account{ledger.TreasuryAccountOf(waveID)}, now)
	if err != nil {
		return 0, fmt.Errorf("treasury account: %w", err)
	}
	if len(results) != 1 {
		return 0, fmt.Errorf("treasury account: %d results for 1 account", len(results))
	}
	switch results[0] {
	case prakerja.ResultCreated, prakerja.ResultExists:
		return id, nil
	}
	return 0, fmt.Errorf("treasury account of wave %d: %s", waveID, results[0])
}
