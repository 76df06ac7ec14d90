package payout

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/prakerja/prakerja"
	"github.com/prakerja/prakerja/iso20022"
)

// Report is what reconciliation found. Clean means no mismatch: every
// file agrees with its payments and with itself, every resolved payment
// has exactly one deciding answer, and every clearing account holds
// exactly what was paid and not yet booked, plus what is reserved or sent.
// Unanswered payments are not mismatches: they are held, with their age.
type Report struct {
	At         time.Time          `json:"at"`
	Clean      bool               `json:"clean"`
	Files      int64              `json:"files"`
	Payments   int64              `json:"payments"`
	Total      int64              `json:"total"`
	Matched    int64              `json:"matched"`  // paid, with one answer
	Rejected   int64              `json:"rejected"` // voided, with one answer
	Unknown    int64              `json:"unknown"`  // sent, no answer yet: the exception queue
	OldestAge  string             `json:"oldest_unanswered_age,omitempty"`
	Mismatched []string           `json:"mismatched"` // one line per disagreement
	Exceptions map[string]int64   `json:"exception_lines"`
	Clearing   map[string]Balance `json:"clearing"`
	Booked     int64              `json:"statement_booked"`
	ReportID   int64              `json:"report_id"`
}

// Balance is one partner's clearing account against the payments.
type Balance struct {
	LedgerPosted  int64 `json:"ledger_posted"`
	PaidUnbooked  int64 `json:"paid_unbooked"`
	LedgerPending int64 `json:"ledger_pending"`
	Open          int64 `json:"reserved_or_sent"`
}

// Reconcile compares files, payments, answers and the ledger, and stores
// the report.
func (s *Service) Reconcile(ctx context.Context) (*Report, error) {
	now := s.now()
	f, err := s.store.PayoutReconcileFacts(ctx)
	if err != nil {
		return nil, err
	}
	r := &Report{At: now, Files: f.Files, Payments: f.FileItems, Total: f.FileTotal, Matched: f.Paid,
		Rejected: f.Rejected, Unknown: f.Sent, Exceptions: f.Exceptions, Clearing: map[string]Balance{}, Booked: f.StatementBooked}
	if !f.OldestUnanswered.IsZero() {
		r.OldestAge = now.Sub(f.OldestUnanswered).Truncate(time.Minute).String()
	}
	for _, id := range f.FileMismatches {
		r.Mismatched = append(r.Mismatched, fmt.Sprintf("file %s: items or total differ from its payments", id))
	}
	if f.NotOneAnswer > 0 {
		r.Mismatched = append(r.Mismatched, fmt.Sprintf("%d resolved payments do not have exactly one deciding answer", f.NotOneAnswer))
	}
	for _, o := range []string{prakerja.OutcomeConflict, prakerja.OutcomeMismatched} {
		if n := f.Exceptions[o]; n > 0 {
			r.Mismatched = append(r.Mismatched, fmt.Sprintf("%d answer lines are %s", n, o))
		}
	}
	if err := s.compareClearing(ctx, f, r); err != nil {
		return nil, err
	}
	if err := s.checkFiles(ctx, r); err != nil {
		return nil, err
	}
	sort.Strings(r.Mismatched)
	r.Clean = len(r.Mismatched) == 0
	body, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if r.ReportID, err = s.store.SaveReconcileReport(ctx, r.Clean, body, now); err != nil {
		return nil, err
	}
	return r, nil
}

// compareClearing holds each partner's clearing account to the payments.
func (s *Service) compareClearing(ctx context.Context, f *prakerja.ReconcileFacts, r *Report) error {
	ids := make([]int64, len(prakerja.PayoutProviders))
	for i := range prakerja.PayoutProviders {
		ids[i] = prakerja.ClearingAccountID(&prakerja.PayoutProviders[i])
	}
	accounts, err := s.store.LedgerAccounts(ctx, ids)
	if err != nil {
		return err
	}
	var booked int64
	for i := range prakerja.PayoutProviders {
		p := &prakerja.PayoutProviders[i]
		b := Balance{PaidUnbooked: f.PaidUnbooked[p.Code], Open: f.Pending[p.Code]}
		if a := accounts[ids[i]]; a != nil {
			b.LedgerPosted, b.LedgerPending = a.CreditsPosted-a.DebitsPosted, a.CreditsPending
		}
		booked += f.Booked[p.Code]
		if b == (Balance{}) {
			continue
		}
		r.Clearing[p.Code] = b
		if b.LedgerPosted != b.PaidUnbooked || b.LedgerPending != b.Open {
			r.Mismatched = append(r.Mismatched, fmt.Sprintf("clearing %s: ledger posted %d pending %d, payments paid-unbooked %d open %d",
				p.Code, b.LedgerPosted, b.LedgerPending, b.PaidUnbooked, b.Open))
		}
	}
	if booked != f.StatementBooked {
		r.Mismatched = append(r.Mismatched, fmt.Sprintf("statements booked %d, payments settled %d", f.StatementBooked, booked))
	}
	return nil
}

// checkFiles checks every file written is still the one recorded: its
// count and sum were taken from its own items when it was written (and
// FileMismatches holds them to its payments), so an unchanged hash is
// enough; parsing 168,111 payments again would double the check's time.
func (s *Service) checkFiles(ctx context.Context, r *Report) error {
	files, err := s.store.PayoutFiles(ctx, 0)
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(s.RunFolder(f.RunID), f.Name))
		if err != nil {
			r.Mismatched = append(r.Mismatched, fmt.Sprintf("file %s: cannot be read from the outbox", f.MsgID))
			continue
		}
		if sum := sha256.Sum256(data); !bytes.Equal(sum[:], f.SHA256) {
			r.Mismatched = append(r.Mismatched, fmt.Sprintf("file %s: changed since it was written", f.MsgID))
		}
	}
	return nil
}

// ReadPartnerFile reads a written partner file of either format.
func ReadPartnerFile(format string, data []byte) (*iso20022.Initiation, error) {
	if format == FormatEwallet {
		return iso20022.ReadEwalletCSV(bytes.NewReader(data))
	}
	return iso20022.ReadPain001(bytes.NewReader(data))
}
