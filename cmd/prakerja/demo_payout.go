package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/banksim"
	"github.com/prakerja/prakerja/iso20022"
	"github.com/prakerja/prakerja/notify"
	"github.com/prakerja/prakerja/payout"
	"github.com/prakerja/prakerja/scheme"
)

// Shares of the demo's payout story, in percent of participants.
const (
	demoEwalletPct      = 45 // link an e-wallet, the rest a BNI account
	demoOtherNIKPct     = 3  // try an account held under another NIK (2020's BNI case)
	demoOtherNamePct    = 2  // try an account in another person's name
	demoNoKYCPct        = 4  // of e-wallet users: not upgraded
	demoClosedPct       = 1  // the account is closed
	demoTitledNamePct   = 10 // the bank spells the name with a title (still a match)
	demoFixRefusedPct   = 70 // of the refused: link a good account afterwards
	demoPayoutRejectPct = 2
	demoPayoutSilentPct = 1 // half a percent and more: partners lose some answers
)

// demoPayoutResult is the payout funnel the demo prints.
type demoPayoutResult struct {
	Linked     int64            `json:"linked"`
	Refused    map[string]int64 `json:"refused"`
	Runs       int              `json:"runs"`
	Files      int              `json:"files"`
	ByState    map[string]int64 `json:"payments_by_state"`
	PaidAmount int64            `json:"paid_amount"`
	Settled    int64            `json:"settled"`
	Clean      bool             `json:"reconcile_clean"`
	Unknown    int64            `json:"unanswered"`
	Outbox     string           `json:"outbox"`
	Directory  string           `json:"bank_directory"`
}

// demoPayouts is the payout part of the money story.
type demoPayouts struct {
	s   *demoStory
	dir *banksim.Directory
	svc *payout.Service
	res *demoPayoutResult

	first []banksim.DirectoryAccount // the account each participant tries first
	fix   []banksim.DirectoryAccount // the BNI account a refused participant links instead ("" when none)
}

// newDemoPayouts builds the simulated partners' accounts for every
// participant, with the faults of 2020 mixed in, and the payout service.
// The directory is complete before anyone links, so lookups run
// concurrently on a map nobody writes.
func newDemoPayouts(ctx context.Context, s *demoStory) (*demoPayouts, error) {
	p := &demoPayouts{s: s, dir: banksim.NewDirectory(), res: &demoPayoutResult{},
		first: make([]banksim.DirectoryAccount, len(s.parts)), fix: make([]banksim.DirectoryAccount, len(s.parts))}
	for i := range s.parts {
		if err := p.addAccounts(ctx, i); err != nil {
			return nil, err
		}
	}
	p.res.Outbox = filepath.Join(s.d.res.Data, "payouts")
	p.res.Directory = filepath.Join(s.d.res.Data, "bank-directory.csv")
	if err := p.dir.Save(p.res.Directory); err != nil {
		return nil, err
	}
	cfg := payout.DefaultConfig()
	cfg.Outbox, cfg.FileItemsMax = p.res.Outbox, 500
	p.svc = payout.New(s.d.app.store, s.d.app.keys, s.clock, p.dir, cfg)
	return p, nil
}

// addAccounts gives participant i the account they try first and, when
// that one is faulty, the BNI account in their own name they fix it with.
func (p *demoPayouts) addAccounts(ctx context.Context, i int) error {
	reg, err := p.s.d.app.store.Registration(ctx, p.s.parts[i].RegistrationID)
	if err != nil {
		return err
	}
	nik, err := p.s.d.app.keys.Open(prakerja.IndexNIK, reg.NIK.Ciphertext)
	if err != nil {
		return err
	}
	phone, err := p.s.d.app.keys.Open(prakerja.IndexPhone, reg.Phone.Ciphertext)
	if err != nil {
		return err
	}
	bank := banksim.DirectoryAccount{Provider: "BNI", Account: fmt.Sprintf("%010d", 1_000_000_000+reg.ID),
		NIKSHA256: banksim.DirectoryNIKHash(nik), HolderName: reg.FullName, KYC: true}
	if demoPick(i, 41, demoTitledNamePct) {
		bank.HolderName = "H. " + reg.FullName + ", S.E."
	}
	first := bank
	if demoPick(i, 40, demoEwalletPct) {
		first.Provider, first.Account = []string{"OVO", "GOPAY", "LINKAJA", "DANA"}[i%4], phone
	}
	faulty := first
	switch {
	case demoPick(i, 42, demoOtherNIKPct):
		faulty.NIKSHA256 = banksim.DirectoryNIKHash("9" + nik[1:])
	case demoPick(i, 43, demoOtherNamePct):
		faulty.HolderName = "BUDI SANTOSO WIJAYA"
	case first.Provider != "BNI" && demoPick(i, 44, demoNoKYCPct):
		faulty.KYC = false
	case demoPick(i, 45, demoClosedPct):
		faulty.Closed = true
	}
	if faulty != first {
		if faulty.Provider == "BNI" {
			faulty.Account = fmt.Sprintf("%010d", 2_000_000_000+reg.ID)
		}
		p.fix[i] = bank
		if err := p.dir.Add(bank); err != nil {
			return err
		}
	}
	p.first[i] = faulty
	return p.dir.Add(faulty)
}

// link has participant i link the account they try first; most of those
// refused then link a bank account in their own name.
func (p *demoPayouts) link(ctx context.Context, i int) error {
	err := p.request(ctx, p.s.parts[i], p.first[i])
	var refusal *prakerja.Error
	if err == nil || !errors.As(err, &refusal) || !strings.HasPrefix(string(refusal.Code), "payout_") {
		return err
	}
	if p.fix[i].Account == "" || !demoPick(i, 46, demoFixRefusedPct) {
		return nil
	}
	return p.request(ctx, p.s.parts[i], p.fix[i])
}

// request links account a for a participant and confirms the SMS code.
func (p *demoPayouts) request(ctx context.Context, part prakerja.Participant, a banksim.DirectoryAccount) error {
	acct, err := p.svc.RequestLink(ctx, payout.AccountRequest{RegistrationID: part.RegistrationID, Provider: a.Provider,
		Number: a.Account, Locale: "id"})
	if err != nil {
		return err
	}
	params, err := p.s.d.outboxParams(ctx, part.RegistrationID, notify.TemplatePayoutLinkOTP)
	if err != nil {
		return err
	}
	_, err = p.svc.ConfirmLink(ctx, part.RegistrationID, acct.ID, params["code"])
	return err
}

// month runs one monthly payout: an operator prepares, another approves,
// the partners answer (some rejects, some silence), the answers are
// ingested.
func (p *demoPayouts) month(ctx context.Context, now time.Time) error {
	sum, err := p.svc.Prepare(ctx, "operator.a", now, nil)
	if err != nil {
		return err
	}
	p.res.Runs++
	if sum.Reserved == 0 {
		return nil
	}
	if _, _, err := p.svc.Approve(ctx, sum.RunID, "operator.b"); err != nil {
		return err
	}
	files, err := p.s.d.app.store.PayoutFiles(ctx, sum.RunID)
	if err != nil {
		return err
	}
	cfg := banksim.Config{RejectRate: demoPayoutRejectPct / 100.0, SilenceRate: demoPayoutSilentPct / 100.0,
		Seed: int64(sum.RunID), Directory: p.dir}
	for _, f := range files {
		if err := p.answer(ctx, sum.RunID, f, cfg, now); err != nil {
			return err
		}
	}
	p.res.Files += len(files)
	return nil
}

// answer has the simulated partner answer one file, keeps the answers
// beside it, and ingests them.
func (p *demoPayouts) answer(ctx context.Context, runID int64, f *prakerja.PayoutFile, cfg banksim.Config, now time.Time) error {
	data, err := os.ReadFile(filepath.Join(p.svc.RunFolder(runID), f.Name))
	if err != nil {
		return err
	}
	in, err := payout.ReadPartnerFile(f.Format, data)
	if err != nil {
		return err
	}
	report, notice := banksim.Answer(in, cfg, now)
	var answers [][]byte
	for _, write := range []func(w io.Writer) error{
		func(w io.Writer) error { return iso20022.WritePain002(w, report) },
		func(w io.Writer) error { return iso20022.WriteCamt054(w, notice) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		answers = append(answers, b.Bytes())
	}
	for k, a := range answers {
		name := strings.TrimSuffix(f.Name, filepath.Ext(f.Name)) + []string{".pain002.xml", ".camt054.xml"}[k]
		if err := os.WriteFile(filepath.Join(p.svc.RunFolder(runID), name), a, 0o640); err != nil {
			return err
		}
		if _, err := p.svc.Ingest(ctx, a); err != nil {
			return fmt.Errorf("ingest %s: %w", name, err)
		}
	}
	return nil
}

// finish reconciles and keeps the funnel.
func (p *demoPayouts) finish(ctx context.Context) error {
	rep, err := p.svc.Reconcile(ctx)
	if err != nil {
		return err
	}
	f, err := p.s.d.app.store.PayoutFunnel(ctx)
	if err != nil {
		return err
	}
	p.res.Clean, p.res.Unknown, p.res.Linked, p.res.Refused = rep.Clean, rep.Unknown, f.AccountsLinked, f.AccountsRefused
	p.res.ByState, p.res.Settled = map[string]int64{}, f.Settled
	for st, n := range f.ByState {
		p.res.ByState[string(st)] = n
	}
	p.res.PaidAmount = f.AmountByState[prakerja.PaymentPaid]
	if !rep.Clean {
		return fmt.Errorf("reconcile after the demo: %s", strings.Join(rep.Mismatched, "; "))
	}
	return nil
}

// reportPayout prints the payout funnel.
func reportPayout(w io.Writer, r *demoPayoutResult, row func(label string, n, of int), participants int) {
	if r == nil {
		return
	}
	fmt.Fprintf(w, "\n  payouts (%d runs, %d partner files in %s):\n", r.Runs, r.Files, r.Outbox)
	row("payout accounts linked", int(r.Linked), participants)
	for _, code := range []string{"payout_nik_mismatch", "payout_name_mismatch", "payout_not_kyc", "payout_account_closed", "payout_account_not_found"} {
		if n := r.Refused[code]; n > 0 {
			row("  refused: "+strings.TrimPrefix(code, "payout_"), int(n), 0)
		}
	}
	total := 0
	for _, n := range r.ByState {
		total += int(n)
	}
	row("payments made", total, 0)
	row("  paid (posted)", int(r.ByState["paid"]), total)
	row("  booked on the statement", int(r.Settled), total)
	row("  rejected, back to the balance", int(r.ByState["rejected"]), total)
	row("  no answer: exception queue", int(r.ByState["sent"]), total)
	fmt.Fprintf(w, "  %-34s %10s\n", "paid out", scheme.FormatRupiah(r.PaidAmount))
	if r.Clean {
		fmt.Fprintf(w, "  reconcile: every file matched, clearing accounts balance\n")
	}
}
