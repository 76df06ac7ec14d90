package storetest

import (
	"context"
	"testing"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/ledger"
)

// Caps2020 are the 2020 scheme's entitlements, which fixture waves use.
var Caps2020 = map[string]prakerja.EntitlementCaps{"2020": {Training: 1_000_000, IncentiveCount: 4,
	Incentive: 600_000, SurveyCount: 3, Survey: 50_000}}

// LedgerWave is a drawn wave whose every joiner was selected, with the
// programme accounts (funding source 1, the wave's budget from it, its
// treasury return) and each participant's accounts created, and the
// budget funded with budget rupiah.
type LedgerWave struct {
	Wave         *prakerja.Wave
	Participants []int64
	Funding      int64
	Budget       int64
	Treasury     int64
}

// MustLedgerWave builds a LedgerWave of n participants.
func MustLedgerWave(tb testing.TB, s prakerja.Store, n int, budget int64) *LedgerWave {
	tb.Helper()
	ctx := context.Background()
	w, ids := committedWave(tb, s, 7, n)
	_, err := s.RecordSelection(ctx, selectionRecord(w, 7, ids, ids, "ledger"), SeqCards{}, AfterClose)
	must(tb, err)
	lw := &LedgerWave{Wave: w, Participants: ids,
		Funding:  prakerja.SystemAccountID(prakerja.AccountFunding, 0, 1),
		Budget:   prakerja.SystemAccountID(prakerja.AccountBudget, w.ID, 1),
		Treasury: prakerja.SystemAccountID(prakerja.AccountTreasuryReturn, w.ID, 0)}
	accts := []prakerja.Account{
		SystemAccount(lw.Funding, prakerja.AccountFunding, 0, "APBN"),
		SystemAccount(lw.Budget, prakerja.AccountBudget, w.ID, "APBN wave"),
		SystemAccount(lw.Treasury, prakerja.AccountTreasuryReturn, w.ID, "Kas negara"),
	}
	for _, id := range ids {
		accts = append(accts, ParticipantAccounts(id)...)
	}
	mustCreateAccounts(tb, s, accts)
	if budget > 0 {
		MustApply(tb, s, prakerja.Transfer{ID: prakerja.FundID(w.ID, 1, 1), DebitAccount: lw.Funding,
			CreditAccount: lw.Budget, Amount: budget, Ledger: prakerja.LedgerIDR, Code: prakerja.TransferFund})
	}
	return lw
}

// SystemAccount and ParticipantAccounts are the ledger package's, so the
// suite's accounts carry exactly the bounds production gives them.
var (
	SystemAccount       = ledger.SystemAccount
	ParticipantAccounts = ledger.ParticipantAccounts
)

func mustCreateAccounts(tb testing.TB, s prakerja.Store, accts []prakerja.Account) {
	tb.Helper()
	for lo := 0; lo < len(accts); lo += prakerja.LedgerBatchMax {
		res, err := s.CreateAccounts(context.Background(), accts[lo:min(lo+prakerja.LedgerBatchMax, len(accts))], AfterClose)
		must(tb, err)
		for i, r := range res {
			if !r.OK() {
				tb.Fatalf("account %d: %s", accts[lo+i].ID, r)
			}
		}
	}
}

// MustApply applies transfers at AfterClose and fails unless each is
// created or exists.
func MustApply(tb testing.TB, s prakerja.Store, ts ...prakerja.Transfer) {
	tb.Helper()
	res, err := s.ApplyTransfers(context.Background(), ts, AfterClose)
	must(tb, err)
	for i, r := range res {
		if !r.OK() {
			tb.Fatalf("transfer %d (%s): %s", i, ts[i].Code, r)
		}
	}
}

// WantLedgerSound fails on any breach `ledger check` would report.
func WantLedgerSound(tb testing.TB, s prakerja.Store) {
	tb.Helper()
	breaches, err := s.CheckLedger(context.Background(), AfterClose, Caps2020)
	must(tb, err)
	for _, b := range breaches {
		tb.Error("ledger breach: " + b)
	}
}

// balance returns an account's stored balances.
func balance(tb testing.TB, s prakerja.Store, id int64) prakerja.Account {
	tb.Helper()
	got, err := s.LedgerAccounts(context.Background(), []int64{id})
	must(tb, err)
	if got[id] == nil {
		tb.Fatalf("account %d missing", id)
	}
	a := *got[id]
	return a
}
