package iso20022

import "fmt"

// fromC54 maps a document to a notification and checks its summary.
func fromC54(m *c54Message) (*Notification, error) {
	if len(m.Ntfctn) != 1 {
		return nil, fmt.Errorf("Ntfctn: want exactly one notification, have %d", len(m.Ntfctn))
	}
	nt := &m.Ntfctn[0]
	if len(nt.Ntry) > MaxPaymentsPerFile {
		return nil, fmt.Errorf("Ntry: more than %d entries", MaxPaymentsPerFile)
	}
	n := &Notification{MsgID: m.GrpHdr.MsgID, NtfctnID: nt.ID}
	var err error
	if n.Created, err = parseDateTime(m.GrpHdr.CreDtTm); err != nil {
		return nil, fmt.Errorf("GrpHdr/CreDtTm: %w", err)
	}
	if nt.Acct.ID.Othr == nil {
		return nil, fmt.Errorf("Ntfctn/Acct/Id/Othr is required")
	}
	n.Account = nt.Acct.ID.Othr.ID
	if len(nt.Ntry) > 0 {
		n.Entries = make([]Entry, len(nt.Ntry))
	}
	for i := range nt.Ntry {
		if err := fromC54Entry(&nt.Ntry[i], &n.Entries[i]); err != nil {
			return nil, fmt.Errorf("Ntry item %d: %w", i, err)
		}
	}
	if err := checkSummary(nt.TxsSummry, n.Entries); err != nil {
		return nil, fmt.Errorf("Ntfctn/TxsSummry/TtlNtries: %w", err)
	}
	return n, nil
}

func fromC54Entry(ce *c54Entry, e *Entry) error {
	e.AcctSvcrRef, e.CreditDebit, e.Status = ce.AcctSvcrRef, ce.CdtDbtInd, ce.Sts.Cd
	if err := checkID("AcctSvcrRef", e.AcctSvcrRef); err != nil {
		return err
	}
	if ce.Amt.Ccy != Currency {
		return fmt.Errorf("AcctSvcrRef %s: Amt/@Ccy must be %s", e.AcctSvcrRef, Currency)
	}
	var err error
	if e.Amount, err = parseAmount(ce.Amt.Value); err != nil {
		return fmt.Errorf("AcctSvcrRef %s: Amt: %w", e.AcctSvcrRef, err)
	}
	if e.BookingDate, err = parseDate(ce.BookgDt.Dt); err != nil {
		return fmt.Errorf("AcctSvcrRef %s: BookgDt/Dt: %w", e.AcctSvcrRef, err)
	}
	if len(ce.NtryDtls) == 0 {
		return nil
	}
	if len(ce.NtryDtls) > 1 || len(ce.NtryDtls[0].TxDtls) != 1 {
		return fmt.Errorf("AcctSvcrRef %s: NtryDtls: exactly one TxDtls is supported", e.AcctSvcrRef)
	}
	tx := &ce.NtryDtls[0].TxDtls[0]
	e.InstrID, e.EndToEndID = tx.Refs.InstrID, tx.Refs.EndToEndID
	if e.InstrID == "" && e.EndToEndID == "" {
		return fmt.Errorf("AcctSvcrRef %s: TxDtls/Refs needs InstrId or EndToEndId", e.AcctSvcrRef)
	}
	if tx.Amt.Value != "" || tx.Amt.Ccy != "" {
		a, err := parseAmount(tx.Amt.Value)
		if err != nil || a != e.Amount || tx.Amt.Ccy != Currency {
			return fmt.Errorf("AcctSvcrRef %s: TxDtls/Amt differs from the entry's", e.AcctSvcrRef)
		}
	}
	if tx.CdtDbtInd != "" && tx.CdtDbtInd != e.CreditDebit {
		return fmt.Errorf("AcctSvcrRef %s: TxDtls/CdtDbtInd differs from the entry's", e.AcctSvcrRef)
	}
	return nil
}

// checkSummary compares a stated TtlNtries, if any, with the entries.
func checkSummary(s *c54Summary, es []Entry) error {
	if s == nil || s.TtlNtries == nil {
		return nil
	}
	t := s.TtlNtries
	count, sum, net := summary(es)
	if t.NbOfNtries != "" {
		if got, err := parseCount(t.NbOfNtries); err != nil || got != count {
			return fmt.Errorf("NbOfNtries does not match the %d entries", count)
		}
	}
	if t.Sum != "" {
		if got, err := parseAmount(t.Sum); err != nil || got != sum {
			return fmt.Errorf("Sum does not match the entries' total %d", sum)
		}
	}
	if t.TtlNetNtry != nil {
		dir := Credit
		if net < 0 {
			dir, net = Debit, -net
		}
		got, err := parseAmount(t.TtlNetNtry.Amt)
		if err != nil || got != net || (net != 0 && t.TtlNetNtry.CdtDbtInd != dir) {
			return fmt.Errorf("TtlNetNtry does not match the entries' net %s %d", dir, net)
		}
	}
	return nil
}
