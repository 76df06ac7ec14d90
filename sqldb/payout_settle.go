package sqldb

import (
	"encoding/binary"

	"github.com/prakerja/prakerja"
)

// A statement books a batch of payments with one settlement transfer per
// clearing account instead of one per payment: 163,882 settlement rows a
// month became a few dozen, and the engine's per-transfer cost (lookups,
// inserts, balance writes) went with them. Each payment is still settled
// exactly once: its row's settled_at is set under "settled_at IS NULL" in
// the same transaction as the batch's settlement, whose amount is the sum
// of exactly those payments, and reconcile holds every clearing account to
// its paid-but-unbooked payments.

// settleGroup is one clearing account's share of a batch.
type settleGroup struct {
	template prakerja.Transfer // the first payment's settlement: accounts, ledger, code
	amount   int64
	firstPay int64 // the lowest payment id, which names the batch's settlement
	actions  []int
}

// batchPlan splits a batch's transfers into those applied one by one and
// the settlements summed per clearing account.
type batchPlan struct {
	transfers []prakerja.Transfer
	own       [][]int // per action, its positions in transfers
	group     []int   // per action, its settle group or -1
	groups    []*settleGroup
}

func planBatch(fileID int64, actions []prakerja.ResultAction) (*batchPlan, error) {
	p := &batchPlan{own: make([][]int, len(actions)), group: make([]int, len(actions))}
	byAccounts := map[[2]int64]int{}
	for i := range actions {
		p.group[i] = -1
		for _, t := range actions[i].Transfers {
			if t.Code != prakerja.TransferSettle {
				p.own[i] = append(p.own[i], len(p.transfers))
				p.transfers = append(p.transfers, t)
				continue
			}
			if p.group[i] >= 0 || !actions[i].Settle || actions[i].Line.PaymentID == 0 {
				return nil, prakerja.Errorf(prakerja.CodeInvalid, "A statement line settles one payment once.")
			}
			k := [2]int64{t.DebitAccount, t.CreditAccount}
			g, ok := byAccounts[k]
			if !ok {
				g = len(p.groups)
				byAccounts[k] = g
				p.groups = append(p.groups, &settleGroup{template: t, firstPay: actions[i].Line.PaymentID})
			}
			sg := p.groups[g]
			sg.amount += t.Amount
			sg.firstPay = min(sg.firstPay, actions[i].Line.PaymentID)
			sg.actions = append(sg.actions, i)
			p.group[i] = g
		}
	}
	for _, g := range p.groups {
		t := g.template
		t.ID, t.Amount, t.UserData, t.Ref = statementSettleID(fileID, g.firstPay), g.amount, fileID, prakerja.TransferID{}
		p.transfers = append(p.transfers, t)
	}
	return p, nil
}

// statementSettleID names the settlement of one batch of a statement by
// its lowest payment: a payment is settled once, so no two committed
// batches share it. The top bit of the payment id keeps the id apart from
// every per-payment settlement (whose bytes 1–8 are a registration id).
func statementSettleID(fileID, firstPayment int64) prakerja.TransferID {
	var key prakerja.TransferID
	binary.BigEndian.PutUint64(key[1:9], uint64(firstPayment)|1<<63)
	binary.BigEndian.PutUint32(key[9:13], uint32(fileID))
	binary.BigEndian.PutUint16(key[13:15], 0xffff)
	return prakerja.SettleID(key)
}

// settleResult is the result of the settlement an action shares, if any.
func (p *batchPlan) settleResult(i int, results []prakerja.TransferResult) (prakerja.TransferResult, bool) {
	g := p.group[i]
	if g < 0 {
		return "", false
	}
	return results[len(results)-len(p.groups)+g], true
}
