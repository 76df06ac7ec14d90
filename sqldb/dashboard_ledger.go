package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/prakerja/prakerja"
)

const (
	// sqlDashboardAccounts sums the programme accounts per code. Their ids
	// are negative (prakerja.SystemAccountID), so this is a range of the
	// primary key: a few hundred rows, never the participants' millions.
	sqlDashboardAccounts = `SELECT code, sum(debits_pending), sum(debits_posted), sum(credits_pending),
	sum(credits_posted) FROM ledger_accounts WHERE id < 0 GROUP BY code`
	// sqlDashboardReleased sums the releases of left-over budget. The
	// budgets' debits other than the credits (codes 2, 3, 4) are in the
	// partial index ledger_transfers_system_debit, whose condition the
	// query repeats so SQLite uses it too; per budget account they are a
	// handful (releases and corrections). Arguments: the budget account
	// code and the release transfer code.
	sqlDashboardReleased = `SELECT COALESCE(sum(amount), 0) FROM ledger_transfers
	WHERE debit_account_id IN (SELECT id FROM ledger_accounts WHERE id < 0 AND code = ?)
	AND debit_account_id < 0 AND (code < 2 OR code > 4) AND code = ?`
)

// DashboardLedger implements prakerja.DashboardStore.
func (s *Store) DashboardLedger(ctx context.Context) (*prakerja.LedgerFlows, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	byCode := map[prakerja.AccountCode]prakerja.Account{}
	err := s.eachRow(ctx, s.rb(sqlDashboardAccounts), func(r *sql.Rows) error {
		var a prakerja.Account
		if err := r.Scan(&a.Code, &a.DebitsPending, &a.DebitsPosted, &a.CreditsPending, &a.CreditsPosted); err != nil {
			return err
		}
		a.Ledger = prakerja.LedgerIDR
		byCode[a.Code] = a
		return nil
	})
	var released int64
	if err == nil {
		err = s.readRow(ctx, s.rb(sqlDashboardReleased), int64(prakerja.AccountBudget),
			int64(prakerja.TransferRelease)).Scan(&released)
	}
	if err != nil {
		return nil, fmt.Errorf("dashboard ledger: %w", err)
	}
	return prakerja.NewLedgerFlows(byCode, released), nil
}
