package main

import (
	"context"
	"time"

	"github.com/prakerja/prakerja"
)

// expirySweepEvery is how often serve voids pending transfers whose
// timeout has passed; `ledger check` allows sqldb.PendingGrace, far more.
const expirySweepEvery = 30 * time.Second

// startExpirySweep voids expired pending transfers every expirySweepEvery
// until ctx ends, on the nodes that run the job runner. Voids have
// deterministic ids, so two nodes sweeping at once void each pending once.
func (a *app) startExpirySweep(ctx context.Context, clock prakerja.Clock) {
	if a.jobs == nil {
		return
	}
	go func() {
		tick := time.NewTicker(expirySweepEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			for range 100 { // at most 100 batches a round; the next round takes the rest
				n, err := a.store.ExpirePending(ctx, clock.Now(), prakerja.LedgerBatchMax)
				if err != nil {
					a.log.Warn("expiry sweep", "err", err)
					break
				}
				if n == 0 {
					break
				}
				a.log.Info("pending transfers expired", "count", n)
			}
		}
	}()
}
