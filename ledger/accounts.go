package ledger

import "github.com/prakerja/prakerja"

const knownAccountFlags = prakerja.DebitsMustNotExceedCredits | prakerja.CreditsMustNotExceedDebits

// CreateAccounts decides new accounts: each is created, or exists already
// with the same fields (a no-op), or exists with different ones (refused).
// The state must hold every stored account among the ids.
func (st *State) CreateAccounts(accounts []prakerja.Account) []prakerja.TransferResult {
	results := make([]prakerja.TransferResult, len(accounts))
	for i := range accounts {
		results[i] = st.createAccount(&accounts[i])
	}
	return results
}

func (st *State) createAccount(a *prakerja.Account) prakerja.TransferResult {
	switch {
	case a.ID == 0:
		return prakerja.ResultIDMustNotBeZero
	case a.Ledger == 0, prakerja.AccountCodeNames[a.Code] == "", a.Flags&^knownAccountFlags != 0,
		a.Flags == knownAccountFlags, len(a.Name) > prakerja.LedgerAccountNameMax,
		a.DebitsPending != 0 || a.DebitsPosted != 0 || a.CreditsPending != 0 || a.CreditsPosted != 0:
		return prakerja.ResultInvalid
	}
	if old, ok := st.Accounts[a.ID]; ok {
		if old.Ledger == a.Ledger && old.Code == a.Code && old.Flags == a.Flags &&
			old.Owner == a.Owner && old.Name == a.Name {
			return prakerja.ResultExists
		}
		return prakerja.ResultExistsDifferent
	}
	c := *a
	c.CreatedAt = st.Now
	st.Accounts[c.ID] = &c
	st.NewAccounts[c.ID] = true
	return prakerja.ResultCreated
}

// AccountFlagsFor are the bounds every account of a code carries: money
// may not be spent or moved on from an account that does not hold it.
// The funding source is the one account allowed to go "negative" (its
// debit balance is the appropriation it has paid out) and the treasury and
// provider accounts only ever receive.
func AccountFlagsFor(code prakerja.AccountCode) prakerja.AccountFlags {
	switch code {
	case prakerja.AccountFunding, prakerja.AccountTreasuryReturn:
		return 0
	}
	return prakerja.DebitsMustNotExceedCredits
}
