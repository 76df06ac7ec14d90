package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// ledgerCheckLinesMax bounds the breaches one check reports per kind; a
// broken ledger should be read from its first examples, not millions.
const ledgerCheckLinesMax = 20

// PendingGrace is how long past its timeout a pending transfer may wait
// for the expiry sweep before `ledger check` calls it a breach.
const PendingGrace = 10 * time.Minute

// ledgerCheck is one invariant query: it appends a line per breach.
type ledgerCheck func(ctx context.Context, s *Store, now time.Time, caps map[string]prakerja.EntitlementCaps, out *[]string) error

// CheckLedger implements prakerja.LedgerStore: the invariants of LEDGER.md
// §6 that the database can answer, each by its own query, so a breach
// names the rule it breaks.
func (s *Store) CheckLedger(ctx context.Context, now time.Time, caps map[string]prakerja.EntitlementCaps) ([]string, error) {
	checks := []ledgerCheck{checkDoubleEntry, checkBalancesFromTransfers, checkAccountBounds, checkRoutes,
		checkEntitlements, checkResolutions, checkExpired, checkImmutable}
	var out []string
	for _, c := range checks {
		if err := c(ctx, s, now, caps, &out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkDoubleEntry: Σ debits = Σ credits over all accounts, posted and
// pending apart.
func checkDoubleEntry(ctx context.Context, s *Store, _ time.Time, _ map[string]prakerja.EntitlementCaps, out *[]string) error {
	var dp, dpo, cp, cpo int64
	err := s.reader.QueryRowContext(ctx, `SELECT COALESCE(SUM(debits_pending), 0), COALESCE(SUM(debits_posted), 0),
		COALESCE(SUM(credits_pending), 0), COALESCE(SUM(credits_posted), 0) FROM ledger_accounts`).Scan(&dp, &dpo, &cp, &cpo)
	if err != nil {
		return fmt.Errorf("double entry: %w", err)
	}
	if dpo != cpo {
		*out = append(*out, fmt.Sprintf("double_entry: posted debits %d ≠ posted credits %d", dpo, cpo))
	}
	if dp != cp {
		*out = append(*out, fmt.Sprintf("double_entry: pending debits %d ≠ pending credits %d", dp, cp))
	}
	return nil
}

// checkBalancesFromTransfers recomputes every account's four balances from
// the transfers (posted: plain, post and reversal transfers; pending:
// pending transfers not yet resolved) and compares them with the stored
// ones, so a transfer changed or removed behind the ledger's back shows.
// It also counts transfers naming no account.
func checkBalancesFromTransfers(ctx context.Context, s *Store, _ time.Time, _ map[string]prakerja.EntitlementCaps, out *[]string) error {
	query := fmt.Sprintf(`WITH eff AS (
		SELECT debit_account_id AS acct, CASE WHEN flags & %[1]d = 0 THEN amount ELSE 0 END AS dpo, 0 AS cpo,
			CASE WHEN flags & %[2]d <> 0 AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.ref_id = t.id)
				THEN amount ELSE 0 END AS dpe, 0 AS cpe
		FROM ledger_transfers t
		UNION ALL
		SELECT credit_account_id, 0, CASE WHEN flags & %[1]d = 0 THEN amount ELSE 0 END, 0,
			CASE WHEN flags & %[2]d <> 0 AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.ref_id = t.id)
				THEN amount ELSE 0 END
		FROM ledger_transfers t),
	sums AS (SELECT acct, SUM(dpo) AS dpo, SUM(cpo) AS cpo, SUM(dpe) AS dpe, SUM(cpe) AS cpe FROM eff GROUP BY acct)
	SELECT COALESCE(a.id, x.acct), a.id IS NULL, COALESCE(a.debits_posted, 0), COALESCE(x.dpo, 0),
		COALESCE(a.credits_posted, 0), COALESCE(x.cpo, 0), COALESCE(a.debits_pending, 0), COALESCE(x.dpe, 0),
		COALESCE(a.credits_pending, 0), COALESCE(x.cpe, 0)
	FROM sums x LEFT JOIN ledger_accounts a ON a.id = x.acct
	WHERE a.id IS NULL OR a.debits_posted <> x.dpo OR a.credits_posted <> x.cpo
		OR a.debits_pending <> x.dpe OR a.credits_pending <> x.cpe
	UNION ALL
	SELECT a.id, FALSE, a.debits_posted, 0, a.credits_posted, 0, a.debits_pending, 0, a.credits_pending, 0
	FROM ledger_accounts a WHERE NOT EXISTS (SELECT 1 FROM sums x WHERE x.acct = a.id)
		AND a.debits_posted + a.credits_posted + a.debits_pending + a.credits_pending <> 0
	LIMIT %[3]d`, int(prakerja.TransferPending|prakerja.TransferVoidPending), int(prakerja.TransferPending), ledgerCheckLinesMax)
	return scanBreaches(ctx, s, query, func(rows *sql.Rows) (string, error) {
		var (
			id      int64
			missing bool
			v       [8]int64
		)
		if err := rows.Scan(&id, &missing, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]); err != nil {
			return "", err
		}
		if missing {
			return fmt.Sprintf("balances: transfers name account %d, which does not exist", id), nil
		}
		return fmt.Sprintf("balances: account %d stores debits/credits posted %d/%d and pending %d/%d but its transfers give %d/%d and %d/%d",
			id, v[0], v[2], v[4], v[6], v[1], v[3], v[5], v[7]), nil
	}, out)
}

// checkAccountBounds: no account breaks its flags (training balances and
// budgets never below zero), whatever wrote it.
func checkAccountBounds(ctx context.Context, s *Store, _ time.Time, _ map[string]prakerja.EntitlementCaps, out *[]string) error {
	query := fmt.Sprintf(`SELECT id, code, debits_pending + debits_posted, credits_posted FROM ledger_accounts
		WHERE (flags & %[1]d <> 0 AND debits_pending + debits_posted > credits_posted)
		OR (flags & %[2]d <> 0 AND credits_pending + credits_posted > debits_posted)
		OR (code IN (%[3]d, %[4]d) AND flags & %[1]d = 0) LIMIT %[5]d`,
		int(prakerja.DebitsMustNotExceedCredits), int(prakerja.CreditsMustNotExceedDebits),
		int(prakerja.AccountTraining), int(prakerja.AccountBudget), ledgerCheckLinesMax)
	return scanBreaches(ctx, s, query, func(rows *sql.Rows) (string, error) {
		var id, code, debits, credits int64
		if err := rows.Scan(&id, &code, &debits, &credits); err != nil {
			return "", err
		}
		return fmt.Sprintf("bounds: %s account %d has debits %d against credits %d, or lost its bound",
			prakerja.AccountCode(code), id, debits, credits), nil
	}, out)
}

// scanBreaches runs query and appends the line line makes of each row.
func scanBreaches(ctx context.Context, s *Store, query string, line func(*sql.Rows) (string, error), out *[]string) error {
	rows, err := s.reader.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("ledger check: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		l, err := line(rows)
		if err != nil {
			return fmt.Errorf("ledger check: %w", err)
		}
		if l != "" {
			*out = append(*out, l)
		}
	}
	return rows.Err()
}
