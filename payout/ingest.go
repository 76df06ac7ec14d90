package payout

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/iso20022"
	"github.com/prakerja/prakerja/ledger"
)

// answer is one line of a partner file, whatever its format.
type answer struct {
	instr, status, reason string
	amount                int64
	booked                bool // a camt.054 booking, not a pain.002 status
}

// Ingest applies one partner answer file (pain.002.001.10 or
// camt.054.001.09, told apart by their namespace). The same file twice
// changes nothing; a file interrupted by a crash resumes, each line
// being idempotent on its own.
func (s *Service) Ingest(ctx context.Context, data []byte) (*prakerja.IngestOutcome, error) {
	kind, answers, msgID, err := parseAnswers(data)
	if err != nil {
		return nil, err
	}
	return s.ingestParsed(ctx, data, kind, answers, msgID)
}

// ingestParsed is Ingest after the file has been read.
func (s *Service) ingestParsed(ctx context.Context, data []byte, kind string, answers []answer, msgID string) (*prakerja.IngestOutcome, error) {
	sum := sha256.Sum256(data)
	f := &prakerja.ResultFile{Kind: kind, MsgID: msgID, SHA256: sum[:], Items: len(answers)}
	dup, err := s.store.BeginResultFile(ctx, f, s.now())
	if err != nil || dup {
		return &prakerja.IngestOutcome{Duplicate: dup}, err
	}
	total := &prakerja.IngestOutcome{}
	for start := 0; start < len(answers); start += prakerja.PaymentResultsBatchMax {
		part := answers[start:min(start+prakerja.PaymentResultsBatchMax, len(answers))]
		out, err := s.applyAnswers(ctx, f.ID, part)
		if err != nil {
			return nil, err
		}
		total.Add(out)
	}
	body, _ := json.Marshal(total)
	return total, s.store.FinishResultFile(ctx, f.ID, body, s.now())
}

// parseAnswers reads either kind of answer file.
func parseAnswers(data []byte) (kind string, out []answer, msgID string, err error) {
	switch {
	case bytes.Contains(data, []byte("urn:iso:std:iso:20022:tech:xsd:pain.002")):
		r, err := iso20022.ReadPain002(bytes.NewReader(data))
		if err != nil {
			return "", nil, "", prakerja.Errorf(prakerja.CodePayoutFileInvalid, "The pain.002 file is not valid: %v", err)
		}
		for _, t := range r.Items {
			out = append(out, answer{instr: t.OrgnlInstrID, status: t.Status, reason: t.Reason, amount: t.Amount})
		}
		return "pain.002", out, r.MsgID, nil
	case bytes.Contains(data, []byte("urn:iso:std:iso:20022:tech:xsd:camt.054")):
		n, err := iso20022.ReadCamt054(bytes.NewReader(data))
		if err != nil {
			return "", nil, "", prakerja.Errorf(prakerja.CodePayoutFileInvalid, "The camt.054 file is not valid: %v", err)
		}
		for _, e := range n.Entries {
			st := e.Status
			if e.CreditDebit != iso20022.Debit {
				st = e.CreditDebit + "/" + e.Status
			}
			out = append(out, answer{instr: e.InstrID, status: st, amount: e.Amount, booked: true})
		}
		return "camt.054", out, n.MsgID, nil
	}
	return "", nil, "", prakerja.Errorf(prakerja.CodePayoutFileInvalid, "Expected a pain.002.001.10 status report or a camt.054.001.09 notification.")
}

// applyAnswers decides one batch of lines and applies them. A batch the
// store refuses as a conflict (another file answered one of its payments
// between the read and the write) is read and decided again.
func (s *Service) applyAnswers(ctx context.Context, fileID int64, answers []answer) (*prakerja.IngestOutcome, error) {
	ids := make([]string, len(answers))
	for i, a := range answers {
		ids[i] = a.instr
	}
	for attempt := 1; ; attempt++ {
		payments, err := s.store.PaymentsByInstr(ctx, ids)
		if err != nil {
			return nil, err
		}
		actions := make([]prakerja.ResultAction, len(answers))
		booked := map[int64]bool{}
		for i, a := range answers {
			actions[i] = s.decide(a, payments[a.instr])
			if act := &actions[i]; act.Settle {
				if booked[act.Line.PaymentID] { // the statement lists it twice: the batch books it once
					*act = prakerja.ResultAction{Line: act.Line}
					act.Line.Outcome = prakerja.OutcomeRepeated
				}
				booked[act.Line.PaymentID] = true
			}
		}
		out, err := s.store.ApplyResults(ctx, fileID, actions, s.now())
		if prakerja.ErrorCode(err) != prakerja.CodeConflict || attempt == applyAttemptsMax {
			return out, err
		}
	}
}

// applyAttemptsMax bounds how often a raced batch is decided again.
const applyAttemptsMax = 3

// decide turns one answer into an action. The ledger is the judge of
// "at most once": a post of a voided reservation (or the reverse) is
// refused there and the line becomes a conflict.
func (s *Service) decide(a answer, p *prakerja.Payment) prakerja.ResultAction {
	act := prakerja.ResultAction{Line: prakerja.PaymentResultLine{InstrID: a.instr, Status: a.status, Reason: a.reason, Amount: a.amount}}
	switch {
	case p == nil:
		act.Line.Outcome = prakerja.OutcomeUnknown
		return act
	case a.amount != 0 && a.amount != p.Amount:
		act.Line.PaymentID, act.Line.Outcome = p.ID, prakerja.OutcomeMismatched
		return act
	}
	act.Line.PaymentID = p.ID
	if act.Line.Amount == 0 {
		act.Line.Amount = p.Amount
	}
	prov, err := prakerja.PayoutProviderByCode(p.Provider)
	if err != nil || p.State == prakerja.PaymentReserved || p.State == prakerja.PaymentCancelled {
		act.Line.Outcome = prakerja.OutcomeConflict // an answer about a payment never sent
		return act
	}
	clearing := prakerja.ClearingAccountID(prov)
	if repeats(a, p) {
		act.Line.Outcome = prakerja.OutcomeRepeated
		return act
	}
	switch {
	case a.booked && a.status == iso20022.Booked:
		s.settle(&act, p, clearing)
	case a.booked:
		act.Line.Outcome = prakerja.OutcomeUnknown // a credit or an unbooked entry: not ours to apply
	case a.status == iso20022.StatusAccepted:
		act.Transfers = []prakerja.Transfer{prakerja.PayoutPost(p, clearing)}
		act.State, act.Outcome = prakerja.PaymentPaid, prakerja.OutcomePosted
	case a.status == iso20022.StatusRejected:
		act.Transfers = []prakerja.Transfer{prakerja.PayoutVoid(p, clearing)}
		act.State, act.Outcome = prakerja.PaymentRejected, prakerja.OutcomeVoided
	default: // ACCP, PDNG: the partner is still working on it
		act.Line.Outcome = prakerja.OutcomePending
	}
	return act
}

// settle books a payment once: a payment still waiting for its status is
// posted first (the statement is proof of payment), in the same batch as
// the settlement; one already booked repeats. The store sums the batch's
// settlements into one transfer per clearing account and refuses the
// whole batch unless every post and every booking it names is new.
func (s *Service) settle(act *prakerja.ResultAction, p *prakerja.Payment, clearing int64) {
	settle := prakerja.PayoutSettle(p, clearing, ledger.FundingAccount(s.cfg.SettleSource))
	act.Settle, act.Outcome = true, prakerja.OutcomeSettled
	switch {
	case p.State == prakerja.PaymentRejected:
		act.Line.Outcome = prakerja.OutcomeConflict // booked after we voided it: money left twice? an operator must look
		act.Settle = false
	case !p.SettledAt.IsZero():
		act.Line.Outcome = prakerja.OutcomeRepeated
		act.Settle = false
	case p.State == prakerja.PaymentSent:
		act.Transfers = []prakerja.Transfer{prakerja.PayoutPost(p, clearing), settle}
		act.State = prakerja.PaymentPaid
	default:
		act.Transfers = []prakerja.Transfer{settle}
	}
}

// repeats reports a status that agrees with how the payment was already
// resolved. Deciding it again would post with other flags than the
// statement's linked post, which the ledger refuses as a conflict.
func repeats(a answer, p *prakerja.Payment) bool {
	return !a.booked && (a.status == iso20022.StatusAccepted && p.State == prakerja.PaymentPaid ||
		a.status == iso20022.StatusRejected && p.State == prakerja.PaymentRejected)
}
