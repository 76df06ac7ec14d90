package ledger

import (
	"context"
	"fmt"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/scheme"
)

// FundingAccount is a funding source (an APBN appropriation).
func FundingAccount(source uint16) int64 {
	return prakerja.SystemAccountID(prakerja.AccountFunding, 0, source)
}

// Fund puts amount from funding source into wave's budget as the n-th
// funding of that budget from that source. The same (wave, source, n)
// again is a no-op, or refused if the amount differs, so an operator who
// retries never funds twice.
func Fund(ctx context.Context, store prakerja.LedgerStore, waveID int64, source uint16, sourceName string, n uint32,
	amount int64, now time.Time) (prakerja.TransferResult, error) {
	accts := []prakerja.Account{
		SystemAccount(FundingAccount(source), prakerja.AccountFunding, 0, sourceName),
		SystemAccount(BudgetAccount(waveID, source), prakerja.AccountBudget, waveID, sourceName),
	}
	results, err := store.CreateAccounts(ctx, accts, now)
	if err != nil {
		return "", err
	}
	for i, r := range results {
		if !r.OK() {
			return r, prakerja.Errorf(prakerja.CodeConflict, "Account %d exists with other fields (%s); use the source's own name.", accts[i].ID, r)
		}
	}
	t := prakerja.Transfer{ID: prakerja.FundID(waveID, source, n), DebitAccount: FundingAccount(source),
		CreditAccount: BudgetAccount(waveID, source), Amount: amount, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferFund}
	got, err := store.ApplyTransfers(ctx, []prakerja.Transfer{t}, now)
	if err != nil {
		return "", fmt.Errorf("fund wave %d: %w", waveID, err)
	}
	if !got[0].OK() {
		return got[0], prakerja.Errorf(prakerja.CodeLedgerRefused, "Funding %d of wave %d from source %d was refused: %s.", n, waveID, source, got[0])
	}
	return got[0], nil
}

// CapsOf are the entitlement caps `ledger check` holds participants to,
// per scheme name.
func CapsOf(schemes []*scheme.Scheme) map[string]prakerja.EntitlementCaps {
	out := make(map[string]prakerja.EntitlementCaps, len(schemes))
	for _, s := range schemes {
		out[s.Name] = prakerja.EntitlementCaps{Training: s.TrainingBalance, IncentiveCount: s.Incentives.Count,
			Incentive: s.Incentives.Amount, SurveyCount: s.Surveys.Count, Survey: s.Surveys.Amount}
	}
	return out
}
