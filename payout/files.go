package payout

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sync/errgroup"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/iso20022"
)

// Partner file formats.
const (
	FormatPain001 = "pain.001.001.09"
	FormatEwallet = "ewallet.csv"
)

// RunFolder is where a run's files are written.
func (s *Service) RunFolder(runID int64) string {
	return filepath.Join(s.cfg.Outbox, fmt.Sprintf("run-%06d", runID))
}

// WriteFiles writes the files of an approved run: per partner, its
// reserved payments in files of at most FileItemsMax. A file is written
// (atomically) before it is recorded, and its content and name follow
// from the rows alone, so a run resumed after a crash rewrites the same
// file and records it once.
func (s *Service) WriteFiles(ctx context.Context, runID int64) ([]*prakerja.PayoutFile, error) {
	run, err := s.store.PayoutRun(ctx, runID)
	if err != nil {
		return nil, err
	}
	if run.State != prakerja.PayoutRunApproved {
		return nil, prakerja.Errorf(prakerja.CodePayoutRunState, "Run %d is %s; only an approved run's files are written.", runID, run.State)
	}
	if err := os.MkdirAll(s.RunFolder(runID), 0o750); err != nil {
		return nil, fmt.Errorf("run folder: %w", err)
	}
	// Partners' files are independent: two are built at once, so one is
	// encrypted and encoded while the other's rows are read and recorded.
	perProvider := make([][]*prakerja.PayoutFile, len(prakerja.PayoutProviders))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	for i := range prakerja.PayoutProviders {
		g.Go(func() error {
			var err error
			perProvider[i], err = s.writeProviderFiles(gctx, run, &prakerja.PayoutProviders[i])
			return err
		})
	}
	err = g.Wait()
	var files []*prakerja.PayoutFile
	for _, fs := range perProvider {
		files = append(files, fs...)
	}
	return files, err
}

// writeProviderFiles writes one partner's files of a run. Each batch
// starts after the previous one's last payment (those are sent now), so
// a partner's tenth file does not step over the nine before it, and the
// next batch is read while the current one is encoded and recorded.
func (s *Service) writeProviderFiles(ctx context.Context, run *prakerja.PayoutRun, prov *prakerja.PayoutProvider) ([]*prakerja.PayoutFile, error) {
	var files []*prakerja.PayoutFile
	batch, err := s.reservedBatch(ctx, run, prov.Code, 0)
	for err == nil && len(batch) > 0 {
		type read struct {
			batch []*prakerja.Payment
			err   error
		}
		next := make(chan read, 1)
		go func(after int64) {
			b, err := s.reservedBatch(ctx, run, prov.Code, after)
			next <- read{b, err}
		}(batch[len(batch)-1].ID)
		f, werr := s.writeFile(ctx, run, prov, batch)
		r := <-next
		if werr != nil {
			return files, werr
		}
		files = append(files, f)
		batch, err = r.batch, r.err
	}
	return files, err
}

// reservedBatch reads up to the run's file size of a partner's reserved
// payments after the payment id after, in id order.
func (s *Service) reservedBatch(ctx context.Context, run *prakerja.PayoutRun, provider string, after int64) ([]*prakerja.Payment, error) {
	var out []*prakerja.Payment
	for len(out) < run.FileItemsMax {
		page, err := s.store.Payments(ctx, prakerja.PaymentFilter{RunID: run.ID, Provider: provider,
			State: prakerja.PaymentReserved, AfterID: after, Limit: min(prakerja.PaymentsPageMax, run.FileItemsMax-len(out))})
		if err != nil || len(page) == 0 {
			return out, err
		}
		out = append(out, page...)
		after = page[len(page)-1].ID
	}
	return out, nil
}

// writeFile writes one partner file and records it.
func (s *Service) writeFile(ctx context.Context, run *prakerja.PayoutRun, prov *prakerja.PayoutProvider, batch []*prakerja.Payment) (*prakerja.PayoutFile, error) {
	in, err := s.initiation(run, prov, batch)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	format, ext := FormatPain001, ".xml"
	if prov.Kind == prakerja.PayoutEwallet {
		format, ext = FormatEwallet, ".csv"
		err = iso20022.WriteEwalletCSV(&buf, in)
	} else {
		err = iso20022.WritePain001(&buf, in)
	}
	if err != nil {
		return nil, fmt.Errorf("file %s: %w", in.MsgID, err)
	}
	name := in.MsgID + ext
	if err := writeAtomic(filepath.Join(s.RunFolder(run.ID), name), buf.Bytes()); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(buf.Bytes())
	f := &prakerja.PayoutFile{RunID: run.ID, Provider: prov.Code, Format: format, MsgID: in.MsgID, Name: name,
		Items: int64(len(batch)), Total: in.Total(), SHA256: sum[:]}
	if err := s.store.AddPayoutFile(ctx, f, batch[0].ID, batch[len(batch)-1].ID, s.now()); err != nil {
		return nil, err
	}
	return f, nil
}

// initiation builds the pain.001 content of a batch. The message id is
// the run, the partner and the first payment: the same rows make the same
// file.
func (s *Service) initiation(run *prakerja.PayoutRun, prov *prakerja.PayoutProvider, batch []*prakerja.Payment) (*iso20022.Initiation, error) {
	msgID := fmt.Sprintf("PKJ-R%d-%s-%d", run.ID, prov.Code, batch[0].ID)
	in := &iso20022.Initiation{MsgID: msgID, Created: run.ApprovedAt, InitiatingParty: s.cfg.DebtorName, PmtInfID: msgID,
		ExecutionDate: run.ApprovedAt, DebtorName: s.cfg.DebtorName, DebtorAccount: s.cfg.DebtorAccount,
		DebtorAgentBIC: s.cfg.DebtorBIC, Payments: make([]iso20022.Payment, len(batch))}
	scheme := iso20022.SchemeBank
	if prov.Kind == prakerja.PayoutEwallet {
		scheme = iso20022.SchemeEwallet
	}
	for i, p := range batch {
		number, err := s.keys.Open(prakerja.IndexPayoutAccount, p.AccountNumber.Ciphertext)
		if err != nil {
			return nil, fmt.Errorf("open payout account of payment %d: %w", p.ID, err)
		}
		in.Payments[i] = iso20022.Payment{InstrID: p.InstrID(), EndToEndID: p.Reference, Amount: p.Amount,
			CreditorName: p.CreditorName, CreditorAccount: number, CreditorAgentBIC: prov.BIC, Provider: prov.Code,
			Scheme: scheme, Remittance: remittance(p)}
	}
	return in, nil
}

// remittance is the line the participant sees on the statement.
func remittance(p *prakerja.Payment) string {
	if p.Kind == prakerja.TransferUnlockSurvey {
		return fmt.Sprintf("INSENTIF SURVEI %d KARTU PRAKERJA", p.Slot)
	}
	return fmt.Sprintf("INSENTIF PASCA PELATIHAN %d KARTU PRAKERJA", p.Slot)
}

// writeAtomic writes data to path through a temporary file and a rename,
// so a partner never picks up half a file.
func writeAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o640); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("rename %s: %w", filepath.Base(path), err)
	}
	return nil
}
