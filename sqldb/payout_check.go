package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/prakerja/prakerja"
)

// checkSettlements: per partner, the settlement transfers out of its
// clearing account add up to exactly the payments its statements booked.
// A statement batch settles with one transfer per clearing account, so
// this sum (with settled_at set once per payment) is what proves every
// booked payment left clearing once, and nothing else did.
func checkSettlements(ctx context.Context, s *Store, out *[]string) error {
	ledger := map[int64]int64{}
	err := s.eachCheckRow(ctx, fmt.Sprintf(`SELECT debit_account_id, sum(amount) FROM ledger_transfers
		WHERE code = %d GROUP BY debit_account_id`, int(prakerja.TransferSettle)), func(rows *sql.Rows) error {
		var id, sum int64
		err := rows.Scan(&id, &sum)
		ledger[id] = sum
		return err
	})
	if err != nil {
		return err
	}
	booked := map[string]int64{}
	err = s.eachCheckRow(ctx, `SELECT provider, sum(amount) FROM payments WHERE settled_at IS NOT NULL GROUP BY provider`,
		func(rows *sql.Rows) error {
			var provider string
			var sum int64
			err := rows.Scan(&provider, &sum)
			booked[provider] = sum
			return err
		})
	if err != nil {
		return err
	}
	for i := range prakerja.PayoutProviders {
		p := &prakerja.PayoutProviders[i]
		id := prakerja.ClearingAccountID(p)
		if ledger[id] != booked[p.Code] {
			*out = append(*out, fmt.Sprintf("settlement: clearing %s settled %d in the ledger, its statements booked %d", p.Code, ledger[id], booked[p.Code]))
		}
		delete(ledger, id)
	}
	for id, sum := range ledger {
		*out = append(*out, fmt.Sprintf("settlement: account %d settled %d but is no partner's clearing account", id, sum))
	}
	return nil
}

// eachCheckRow runs a ledger-check query on the reader.
func (s *Store) eachCheckRow(ctx context.Context, query string, each func(*sql.Rows) error) error {
	rows, err := s.reader.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("ledger check settlements: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return fmt.Errorf("ledger check settlements: %w", err)
		}
	}
	return rows.Err()
}
