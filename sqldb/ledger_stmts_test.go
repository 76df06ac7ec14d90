package sqldb

import "testing"

// TestLedgerChunk checks that any row count splits into full statements
// and then powers of two, so a handful of prepared shapes serve every batch.
func TestLedgerChunk(t *testing.T) {
	for n := 1; n <= 3*SelectionBatchMax+17; n++ {
		left, shapes := n, 0
		for left > 0 {
			c := ledgerChunk(left)
			if c < 1 || c > left || (c != SelectionBatchMax && c&(c-1) != 0) {
				t.Fatalf("ledgerChunk(%d) = %d", left, c)
			}
			if c != SelectionBatchMax {
				shapes++
			}
			left -= c
		}
		if shapes > 10 {
			t.Fatalf("%d rows take %d power-of-two statements", n, shapes)
		}
	}
}
