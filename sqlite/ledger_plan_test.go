package sqlite_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// TestLedgerHistoryUsesPartialIndexes checks that the history queries of
// sqldb (ledger_read.go, jobs_subject.go, dashboard_ledger.go), which
// repeat the partial indexes' condition "(code < 2 OR code > 4)" of
// migration 00021, are planned on those indexes: SQLite uses a partial
// index only when the query names its condition, and without them each
// lookup would scan every transfer of every wave.
func TestLedgerHistoryUsesPartialIndexes(t *testing.T) {
	s := mustOpen(t)
	cases := []struct{ query, index string }{
		{`SELECT * FROM ledger_transfers WHERE registration_id = 7 AND registration_id > 0 AND (code < 2 OR code > 4)
			AND seq < 100 ORDER BY seq DESC`, "ledger_transfers_registration"},
		{`SELECT * FROM ledger_transfers WHERE debit_account_id = -5 AND debit_account_id < 0 AND (code < 2 OR code > 4)
			AND seq < 100 ORDER BY seq DESC`, "ledger_transfers_system_debit"},
		{`SELECT 1 FROM ledger_transfers p WHERE p.registration_id = 7 AND p.registration_id > 0
			AND (p.code < 2 OR p.code > 4) AND p.debit_account_id = 3 AND p.code = 5`, "ledger_transfers_registration"},
	}
	for _, c := range cases {
		if plan := queryPlan(t, s.Writer(), c.query); !strings.Contains(plan, c.index) {
			t.Errorf("plan of %q = %q; want index %s", c.query, plan, c.index)
		}
	}
}

func queryPlan(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query)
	if err != nil {
		t.Fatalf("explain: %v", err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatalf("scan plan: %v", err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("plan rows: %v", err)
	}
	return strings.Join(plan, "; ")
}
