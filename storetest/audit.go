package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/audit"
)

// testAuditChain appends from eight goroutines at once: the chain must not
// fork (each record links to exactly the one before) and verifies intact;
// a bad record is refused before it is written.
func testAuditChain(t *testing.T, open Opener) {
	s := open(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 8 {
		wg.Go(func() {
			for i := range 8 {
				e := &prakerja.AuditEntry{At: T0, Actor: fmt.Sprintf("operator.%d", w), Action: prakerja.AuditPayoutApproved,
					Subject: fmt.Sprintf("payout_run:%d", i), Detail: "{}"}
				if err := s.AppendAudit(ctx, e); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	r, err := audit.Verify(ctx, s, nil)
	must(t, err)
	if r.Records != 64 || len(r.Breaches) > 0 {
		t.Fatalf("chain after concurrent appends: %d records, breaches %v", r.Records, r.Breaches)
	}
	WantCode(t, s.AppendAudit(ctx, &prakerja.AuditEntry{At: T0, Action: "x"}), prakerja.CodeInvalid)
}
