package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
)

// checkRoutes: every transfer runs along a route of the chart (a refund or
// correction along the reverse of one), so the training balance only ever
// reached providers or the treasury, never a bank.
func checkRoutes(ctx context.Context, s *Store, _ time.Time, _ map[string]prakerja.EntitlementCaps, out *[]string) error {
	reversed := map[[2]prakerja.AccountCode]bool{}
	for r := range prakerja.TransferRoutes {
		reversed[[2]prakerja.AccountCode{r.Credit, r.Debit}] = true
	}
	return scanBreaches(ctx, s, `SELECT t.code, COALESCE(d.code, 0), COALESCE(c.code, 0), count(*)
		FROM ledger_transfers t LEFT JOIN ledger_accounts d ON d.id = t.debit_account_id
		LEFT JOIN ledger_accounts c ON c.id = t.credit_account_id
		GROUP BY t.code, d.code, c.code`, func(rows *sql.Rows) (string, error) {
		var (
			code       prakerja.TransferCode
			debit, cre prakerja.AccountCode
			n          int64
		)
		if err := rows.Scan(&code, &debit, &cre, &n); err != nil {
			return "", err
		}
		route := prakerja.TransferRoute{Code: code, Debit: debit, Credit: cre}
		if prakerja.TransferRoutes[route] || (code == prakerja.TransferCorrection && reversed[[2]prakerja.AccountCode{debit, cre}]) {
			return "", nil
		}
		return fmt.Sprintf("routes: %d %s transfers from %s to %s, which the chart does not allow", n, code, debit, cre), nil
	}, out)
}

// checkEntitlements: per participant, credits of each kind stay within the
// scheme of the participant's wave (training once, each incentive and
// survey slot at its amount, no more slots than the scheme has), and only
// participants are credited.
func checkEntitlements(ctx context.Context, s *Store, _ time.Time, caps map[string]prakerja.EntitlementCaps, out *[]string) error {
	query := fmt.Sprintf(`SELECT t.credit_account_id, t.code, COALESCE(w.scheme, ''), count(*), SUM(t.amount), MAX(t.amount)
		FROM ledger_transfers t JOIN ledger_accounts a ON a.id = t.credit_account_id
		LEFT JOIN participants p ON p.registration_id = a.owner AND a.id > 0
		LEFT JOIN waves w ON w.id = p.wave_id
		WHERE t.code IN (%d, %d, %d)
		GROUP BY t.credit_account_id, t.code, w.scheme`,
		prakerja.TransferCreditTraining, prakerja.TransferCreditIncentive, prakerja.TransferCreditSurvey)
	found := 0
	return scanBreaches(ctx, s, query, func(rows *sql.Rows) (string, error) {
		var (
			acct, n, sum, top int64
			code              prakerja.TransferCode
			schemeName        string
		)
		if err := rows.Scan(&acct, &code, &schemeName, &n, &sum, &top); err != nil {
			return "", err
		}
		line := entitlementBreach(acct, code, schemeName, n, sum, top, caps)
		if line != "" {
			if found++; found > ledgerCheckLinesMax {
				return "", nil
			}
		}
		return line, nil
	}, out)
}

// entitlementBreach judges one participant account's credits of one kind.
func entitlementBreach(acct int64, code prakerja.TransferCode, schemeName string, n, sum, top int64,
	caps map[string]prakerja.EntitlementCaps) string {
	c, ok := caps[schemeName]
	if !ok {
		return fmt.Sprintf("entitlements: account %d got %d %s credits but belongs to no participant of a known scheme (%q)",
			acct, n, code, schemeName)
	}
	limitN, per := int64(1), c.Training
	switch code {
	case prakerja.TransferCreditIncentive:
		limitN, per = int64(c.IncentiveCount), c.Incentive
	case prakerja.TransferCreditSurvey:
		limitN, per = int64(c.SurveyCount), c.Survey
	}
	if n > limitN || top > per || sum > limitN*per {
		return fmt.Sprintf("entitlements: account %d got %d %s credits totalling %d (largest %d); scheme %s allows %d of %d",
			acct, n, code, sum, top, schemeName, limitN, per)
	}
	return ""
}

// checkResolutions: a post or void resolves a pending transfer of the same
// accounts, a post for no more than was reserved, a reversal swaps the
// accounts of a posted transfer for no more than its amount, and each
// comes after what it refers to.
func checkResolutions(ctx context.Context, s *Store, _ time.Time, _ map[string]prakerja.EntitlementCaps, out *[]string) error {
	resolving := int(prakerja.TransferPostPending | prakerja.TransferVoidPending)
	query := fmt.Sprintf(`SELECT r.seq, COALESCE(p.seq, 0) FROM ledger_transfers r
		LEFT JOIN ledger_transfers p ON p.id = r.ref_id
		WHERE r.ref_id IS NOT NULL AND (p.id IS NULL OR r.amount > p.amount OR r.seq <= p.seq
			OR (r.flags & %[1]d <> 0 AND (p.flags & %[2]d = 0 OR r.debit_account_id <> p.debit_account_id
				OR r.credit_account_id <> p.credit_account_id))
			OR (r.flags & %[1]d = 0 AND (p.flags & %[3]d <> 0 OR r.debit_account_id <> p.credit_account_id
				OR r.credit_account_id <> p.debit_account_id)))
		LIMIT %[4]d`, resolving, int(prakerja.TransferPending), int(prakerja.TransferPending)|resolving, ledgerCheckLinesMax)
	err := scanBreaches(ctx, s, query, func(rows *sql.Rows) (string, error) {
		var seq, ref int64
		if err := rows.Scan(&seq, &ref); err != nil {
			return "", err
		}
		return fmt.Sprintf("two_phase: transfer #%d does not match the transfer #%d it resolves or reverses", seq, ref), nil
	}, out)
	if err != nil {
		return err
	}
	return checkSettlements(ctx, s, out) // a posted payout's last step (payout_check.go)
}

// checkExpired: nothing stays pending longer than PendingGrace past its
// timeout (the expiry sweep runs far more often).
func checkExpired(ctx context.Context, s *Store, now time.Time, _ map[string]prakerja.EntitlementCaps, out *[]string) error {
	var n int64
	err := s.reader.QueryRowContext(ctx, s.dialect.rebind(`SELECT count(*) FROM ledger_transfers t
		WHERE expires_at IS NOT NULL AND expires_at <= ?
		AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.ref_id = t.id)`), now.Add(-PendingGrace).UnixMicro()).Scan(&n)
	if err != nil {
		return fmt.Errorf("ledger check expired: %w", err)
	}
	if n > 0 {
		*out = append(*out, fmt.Sprintf("two_phase: %d pending transfers are more than %s past their timeout", n, PendingGrace))
	}
	return nil
}

// checkImmutable: the triggers refusing UPDATE and DELETE are in place, and
// the sequence has no gap (each batch numbers its transfers from the
// highest stored one, so a removed transfer leaves a hole).
func checkImmutable(ctx context.Context, s *Store, _ time.Time, _ map[string]prakerja.EntitlementCaps, out *[]string) error {
	var count, top, next, triggers int64
	if err := s.reader.QueryRowContext(ctx, `SELECT count(*), COALESCE(MAX(seq), 0),
		(SELECT next_seq FROM ledger_sequence WHERE id = 1) FROM ledger_transfers`).Scan(&count, &top, &next); err != nil {
		return fmt.Errorf("ledger check sequence: %w", err)
	}
	if count != top || next != top+1 {
		*out = append(*out, fmt.Sprintf("immutability: %d transfers stored, the sequence reaches %d and the next is %d: transfers were removed", count, top, next))
	}
	if err := s.reader.QueryRowContext(ctx, s.dialect.ledgerTriggers).Scan(&triggers); err != nil {
		return fmt.Errorf("ledger check triggers: %w", err)
	}
	if triggers < 2 {
		*out = append(*out, fmt.Sprintf("immutability: %d of the 2 triggers that refuse changes to transfers are in place", triggers))
	}
	return nil
}
