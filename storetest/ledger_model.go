package storetest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/prakerja/prakerja"
)

// LedgerModel is a second, deliberately plain implementation of the
// ledger's rules, used to predict what the real one must do with random
// operation sequences. It keeps balances per account and knows which
// transfers exist, which pendings are open and which refs are used.
type LedgerModel struct {
	Bal     map[int64]*[4]int64 // debits pending, debits posted, credits pending, credits posted
	Bounded map[int64]bool
	Sent    map[prakerja.TransferID]prakerja.Transfer // every transfer the model accepted
	Pending map[prakerja.TransferID]time.Time         // open pendings → expiry (zero: none)
	Used    map[prakerja.TransferID]bool
	Code    map[int64]prakerja.AccountCode
}

// NewLedgerModel knows accounts.
func NewLedgerModel(accts []prakerja.Account) *LedgerModel {
	m := &LedgerModel{Bal: map[int64]*[4]int64{}, Bounded: map[int64]bool{}, Sent: map[prakerja.TransferID]prakerja.Transfer{},
		Pending: map[prakerja.TransferID]time.Time{}, Used: map[prakerja.TransferID]bool{}, Code: map[int64]prakerja.AccountCode{}}
	for _, a := range accts {
		m.Bal[a.ID] = &[4]int64{}
		m.Bounded[a.ID] = a.Flags&prakerja.DebitsMustNotExceedCredits != 0
		m.Code[a.ID] = a.Code
	}
	return m
}

// Predict says whether t, sent at now, must be accepted (created or
// exists) and applies it to the model when it is created.
func (m *LedgerModel) Predict(t prakerja.Transfer, now time.Time) (ok bool) {
	if old, seen := m.Sent[t.ID]; seen {
		return old == t
	}
	d, c := m.Bal[t.DebitAccount], m.Bal[t.CreditAccount]
	if d == nil || c == nil || t.Amount <= 0 {
		return false
	}
	switch {
	case t.Flags&prakerja.TransferPostPending != 0, t.Flags&prakerja.TransferVoidPending != 0:
		return m.resolve(t, now, d, c)
	case t.Code == prakerja.TransferRefund:
		o, found := m.Sent[t.Ref]
		if !found || m.Used[t.Ref] || o.Code != prakerja.TransferPurchase || t.Amount > o.Amount {
			return false
		}
	case !prakerja.TransferRoutes[prakerja.TransferRoute{Code: t.Code, Debit: m.Code[t.DebitAccount], Credit: m.Code[t.CreditAccount]}]:
		return false
	}
	if m.Bounded[t.DebitAccount] && d[0]+d[1]+t.Amount > d[3] {
		return false
	}
	phase := 1
	if t.Flags&prakerja.TransferPending != 0 {
		phase = 0
		m.Pending[t.ID] = time.Time{}
		if t.Timeout > 0 {
			m.Pending[t.ID] = now.Add(t.Timeout)
		}
	}
	d[phase] += t.Amount
	c[2+phase] += t.Amount
	m.accept(t)
	return true
}

func (m *LedgerModel) resolve(t prakerja.Transfer, now time.Time, d, c *[4]int64) bool {
	p, found := m.Sent[t.Ref]
	_, open := m.Pending[t.Ref]
	if !found || !open || p.DebitAccount != t.DebitAccount || p.CreditAccount != t.CreditAccount || t.Amount > p.Amount {
		return false
	}
	post := t.Flags&prakerja.TransferPostPending != 0
	if exp := m.Pending[t.Ref]; post && !exp.IsZero() && !now.Before(exp) {
		return false
	}
	if !post && t.Amount != p.Amount {
		return false
	}
	d[0] -= p.Amount
	c[2] -= p.Amount
	if post {
		d[1] += t.Amount
		c[3] += t.Amount
	}
	delete(m.Pending, t.Ref)
	m.accept(t)
	return true
}

func (m *LedgerModel) accept(t prakerja.Transfer) {
	m.Sent[t.ID] = t
	if !t.Ref.IsZero() {
		m.Used[t.Ref] = true
	}
}

// Expire voids the model's pendings whose timeout has passed at now.
func (m *LedgerModel) Expire(now time.Time) {
	for id, exp := range m.Pending {
		if !exp.IsZero() && !now.Before(exp) {
			p := m.Sent[id]
			m.Bal[p.DebitAccount][0] -= p.Amount
			m.Bal[p.CreditAccount][2] -= p.Amount
			delete(m.Pending, id)
			m.Used[id] = true
		}
	}
}

// Compare returns a line per account among ids whose stored balances
// differ from the model's.
func (m *LedgerModel) Compare(ids []int64, got map[int64]*prakerja.Account) []string {
	var out []string
	for _, id := range ids {
		a, b := got[id], m.Bal[id]
		if a == nil || [4]int64{a.DebitsPending, a.DebitsPosted, a.CreditsPending, a.CreditsPosted} != *b {
			out = append(out, fmt.Sprintf("account %d: stored %+v, model %v", id, a, *b))
		}
	}
	return out
}

// ModelOps generates random operation batches for one participant against
// a model: credits, purchases, refunds, unlocks, reserves, posts, voids,
// and retries of earlier transfers with the same or altered fields.
type ModelOps struct {
	R        *rand.Rand
	Wave     int64
	Reg      int64
	Budget   int64
	Provider int64
	Clearing int64
	sent     []prakerja.Transfer
	n        uint32
}

// Next returns the next batch of one to three transfers.
func (g *ModelOps) Next() []prakerja.Transfer {
	k := 1 + g.R.IntN(3)
	out := make([]prakerja.Transfer, 0, k)
	for range k {
		t := g.one()
		out = append(out, t)
		g.sent = append(g.sent, t)
	}
	return out
}

func (g *ModelOps) acct(c prakerja.AccountCode) int64 { return prakerja.ParticipantAccountID(g.Reg, c) }

func (g *ModelOps) id() prakerja.TransferID {
	g.n++
	return prakerja.TransferID{0x02, 15: byte(g.n), 14: byte(g.n >> 8), 8: byte(g.Reg), 7: byte(g.Reg >> 8), 6: byte(g.Reg >> 16)}
}

func (g *ModelOps) one() prakerja.Transfer {
	switch op := g.R.IntN(10); {
	case op == 0 && len(g.sent) > 0: // retry, sometimes altered
		t := g.sent[g.R.IntN(len(g.sent))]
		if g.R.IntN(3) == 0 {
			t.Amount++
		}
		return t
	case op <= 2:
		return g.credit()
	case op == 3:
		return prakerja.Transfer{ID: g.id(), DebitAccount: g.acct(prakerja.AccountTraining), CreditAccount: g.Provider,
			Amount: int64(1+g.R.IntN(6)) * 100_000, Ledger: 1, Code: prakerja.TransferPurchase}
	case op == 4:
		return g.refund()
	case op == 5:
		slot := 1 + g.R.IntN(4)
		return prakerja.Transfer{ID: prakerja.UnlockID(g.Reg, prakerja.TransferUnlockIncentive, slot), Ledger: 1,
			DebitAccount: g.acct(prakerja.AccountIncentiveLocked), CreditAccount: g.acct(prakerja.AccountIncentiveAvailable),
			Amount: 600_000, Code: prakerja.TransferUnlockIncentive}
	case op == 6:
		return prakerja.Transfer{ID: g.id(), DebitAccount: g.acct(prakerja.AccountIncentiveAvailable), CreditAccount: g.Clearing,
			Amount: int64(1+g.R.IntN(6)) * 100_000, Ledger: 1, Code: prakerja.TransferPayout, Flags: prakerja.TransferPending,
			Timeout: time.Duration(g.R.IntN(3)) * time.Hour}
	default:
		return g.resolve()
	}
}

// credit is one of the participant's eight entitlement credits (each has
// a fixed id, so the second time it is a retry).
func (g *ModelOps) credit() prakerja.Transfer {
	code, acct, slot, amount := prakerja.TransferCreditTraining, prakerja.AccountTraining, 1, int64(1_000_000)
	switch g.R.IntN(3) {
	case 1:
		code, acct, slot, amount = prakerja.TransferCreditIncentive, prakerja.AccountIncentiveLocked, 1+g.R.IntN(4), 600_000
	case 2:
		code, acct, slot, amount = prakerja.TransferCreditSurvey, prakerja.AccountSurveyLocked, 1+g.R.IntN(3), 50_000
	}
	return prakerja.Transfer{ID: prakerja.CreditID(g.Wave, g.Reg, code, slot), DebitAccount: g.Budget,
		CreditAccount: g.acct(acct), Amount: amount, Ledger: 1, Code: code}
}

func (g *ModelOps) refund() prakerja.Transfer {
	for range 4 {
		if len(g.sent) == 0 {
			break
		}
		if o := g.sent[g.R.IntN(len(g.sent))]; o.Code == prakerja.TransferPurchase {
			return prakerja.Transfer{ID: g.id(), DebitAccount: o.CreditAccount, CreditAccount: o.DebitAccount,
				Amount: o.Amount - int64(g.R.IntN(2))*50_000, Ledger: 1, Code: prakerja.TransferRefund, Ref: o.ID}
		}
	}
	return g.credit()
}

func (g *ModelOps) resolve() prakerja.Transfer {
	for range 4 {
		if len(g.sent) == 0 {
			break
		}
		if p := g.sent[g.R.IntN(len(g.sent))]; p.Flags&prakerja.TransferPending != 0 {
			t := prakerja.Transfer{ID: g.id(), DebitAccount: p.DebitAccount, CreditAccount: p.CreditAccount, Ledger: 1,
				Code: p.Code, Ref: p.ID, Amount: p.Amount, Flags: prakerja.TransferVoidPending}
			if g.R.IntN(2) == 0 {
				// a full or partial post, or one rupiah too much
				t.Flags, t.Amount = prakerja.TransferPostPending, p.Amount-int64(g.R.IntN(3))*(p.Amount/4)+int64(g.R.IntN(2))
			}
			return t
		}
	}
	return g.credit()
}
