package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// payoutAccountSeedCols are the columns SeedSyntheticPayoutAccounts fills:
// registration_id, provider, number_enc, number_idx, number_masked, state,
// created_at, verified_at.
const payoutAccountSeedCols = 8

// SeedSyntheticPayoutAccounts gives each registration of regs a verified
// payout account in multi-row inserts: accounts(i) returns the partner
// code, the sealed number and its last four digits for regs[i]. It is for
// benchmarks and the demo, which need hundreds of thousands of linked
// accounts without an inquiry and an SMS code each.
//
// It writes no payout_account_events row ("requested", "linked"): those
// are the audit trail of a participant's own action or an operator's, and
// these accounts were linked by no one; an audit line would claim an
// action that never happened. The registrations must exist and have no
// verified account yet (the unique index refuses a second one, and then
// nothing of the call is stored).
func (s *Store) SeedSyntheticPayoutAccounts(ctx context.Context, regs []int64,
	accounts func(i int) (provider string, number prakerja.Sealed, last4 string), now time.Time) error {
	us := now.UnixMicro()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return s.execRows(ctx, tx, `INSERT INTO payout_accounts (registration_id, provider, number_enc, number_idx,
			number_masked, state, created_at, verified_at) VALUES `, payoutAccountSeedCols, len(regs),
			func(i int, args []any) ([]any, error) {
				provider, number, last4 := accounts(i)
				if _, err := prakerja.PayoutProviderByCode(provider); err != nil {
					return nil, fmt.Errorf("registration %d: unknown provider %q", regs[i], provider)
				}
				if len(number.Ciphertext) == 0 || len(number.Index) == 0 {
					return nil, fmt.Errorf("registration %d: the account number is not sealed", regs[i])
				}
				return append(args, regs[i], provider, number.Ciphertext, number.Index, last4,
					string(prakerja.PayoutAccountVerified), us, us), nil
			})
	})
	if err != nil {
		return fmt.Errorf("seed synthetic payout accounts: %w", err)
	}
	return nil
}
