package iso20022

import (
	"fmt"
	"io"
)

// ReadPain001 reads a pain.001.001.09 document of one PmtInf in IDR. It
// refuses a file whose NbOfTxs or CtrlSum (group header or PmtInf)
// disagree with its items, which the XSD cannot check, and a file the
// writer would refuse, so what it returns always writes again.
func ReadPain001(r io.Reader) (*Initiation, error) {
	doc, err := decodeXML(r, "pain.001", fastPain001)
	if err != nil {
		return nil, err
	}
	in, err := fromP1(&doc.Init)
	if err != nil {
		return nil, fmt.Errorf("pain.001: %w", err)
	}
	if err := validateInitiation(in); err != nil {
		return nil, fmt.Errorf("pain.001: %w", err)
	}
	return in, nil
}

// fromP1 maps the document to an Initiation, checking what only the
// document has: counts, sums, currency, batch booking.
func fromP1(d *p1Initiate) (*Initiation, error) {
	if len(d.PmtInf) != 1 {
		return nil, fmt.Errorf("PmtInf: want exactly one payment information block, have %d", len(d.PmtInf))
	}
	pi := &d.PmtInf[0]
	if len(pi.Txs) == 0 || len(pi.Txs) > MaxPaymentsPerFile {
		return nil, fmt.Errorf("CdtTrfTxInf: a file holds 1 to %d payments, not %d", MaxPaymentsPerFile, len(pi.Txs))
	}
	if pi.PmtMtd != "TRF" {
		return nil, fmt.Errorf("PmtInf/PmtMtd must be TRF")
	}
	if pi.BtchBookg != "true" && pi.BtchBookg != "1" {
		return nil, fmt.Errorf("PmtInf/BtchBookg must be true")
	}
	in := &Initiation{MsgID: d.GrpHdr.MsgID, InitiatingParty: d.GrpHdr.InitgPty.Nm, PmtInfID: pi.PmtInfID,
		DebtorName: pi.Dbtr.Nm, DebtorAgentBIC: pi.DbtrAgt.FinInstnID.BICFI, Payments: make([]Payment, len(pi.Txs))}
	var err error
	if in.Created, err = parseDateTime(d.GrpHdr.CreDtTm); err != nil {
		return nil, fmt.Errorf("GrpHdr/CreDtTm: %w", err)
	}
	if in.ExecutionDate, err = parseDate(pi.ReqdExctnDt.Dt); err != nil {
		return nil, fmt.Errorf("PmtInf/ReqdExctnDt/Dt: %w", err)
	}
	if pi.DbtrAcct.ID.Othr == nil {
		return nil, fmt.Errorf("PmtInf/DbtrAcct/Id/Othr is required")
	}
	in.DebtorAccount = pi.DbtrAcct.ID.Othr.ID
	for i := range pi.Txs {
		if err := fromCdtTrfTx(&pi.Txs[i], &in.Payments[i]); err != nil {
			return nil, fmt.Errorf("CdtTrfTxInf item %d: %w", i, err)
		}
	}
	total := in.Total()
	for _, c := range []struct{ field, nb, sum string }{
		{"GrpHdr", d.GrpHdr.NbOfTxs, d.GrpHdr.CtrlSum}, {"PmtInf", pi.NbOfTxs, pi.CtrlSum},
	} {
		if err := checkTotals(c.field, c.nb, c.sum, len(in.Payments), total); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// checkTotals compares a stated NbOfTxs and CtrlSum with the items. Both
// are required: the programme's partners reconcile on them.
func checkTotals(field, nb, sum string, n int, total int64) error {
	gotN, err := parseCount(nb)
	if err != nil {
		return fmt.Errorf("%s/NbOfTxs: %w", field, err)
	}
	if gotN != n {
		return fmt.Errorf("%s/NbOfTxs is %d but the file holds %d payments", field, gotN, n)
	}
	gotSum, err := parseAmount(sum)
	if err != nil {
		return fmt.Errorf("%s/CtrlSum: %w", field, err)
	}
	if gotSum != total {
		return fmt.Errorf("%s/CtrlSum is %d but the payments add up to %d", field, gotSum, total)
	}
	return nil
}

// fromCdtTrfTx maps one CdtTrfTxInf. Errors before the InstrId is known
// name the item index only (the caller adds it).
func fromCdtTrfTx(tx *p1CdtTrfTx, p *Payment) error {
	p.InstrID, p.EndToEndID = tx.PmtID.InstrID, tx.PmtID.EndToEndID
	if err := checkID("PmtId/InstrId", p.InstrID); err != nil {
		return err
	}
	amt := tx.Amt.InstdAmt
	if amt == nil {
		return fmt.Errorf("InstrId %s: Amt/InstdAmt is required", p.InstrID)
	}
	if amt.Ccy != Currency {
		return fmt.Errorf("InstrId %s: Amt/InstdAmt/@Ccy must be %s", p.InstrID, Currency)
	}
	a, err := parseAmount(amt.Value)
	if err != nil {
		return fmt.Errorf("InstrId %s: Amt/InstdAmt: %w", p.InstrID, err)
	}
	p.Amount = a
	if tx.CdtrAgt == nil || tx.CdtrAgt.FinInstnID.Othr == nil || tx.Cdtr == nil || tx.CdtrAcct == nil ||
		tx.CdtrAcct.ID.Othr == nil || tx.CdtrAcct.ID.Othr.SchmeNm == nil {
		return fmt.Errorf("InstrId %s: CdtrAgt/FinInstnId/Othr, Cdtr and CdtrAcct/Id/Othr/SchmeNm are required", p.InstrID)
	}
	p.CreditorAgentBIC, p.Provider = tx.CdtrAgt.FinInstnID.BICFI, tx.CdtrAgt.FinInstnID.Othr.ID
	p.CreditorName = tx.Cdtr.Nm
	p.CreditorAccount, p.Scheme = tx.CdtrAcct.ID.Othr.ID, tx.CdtrAcct.ID.Othr.SchmeNm.Prtry
	if tx.RmtInf != nil {
		if len(tx.RmtInf.Ustrd) > 1 {
			return fmt.Errorf("InstrId %s: RmtInf holds more than one Ustrd", p.InstrID)
		}
		if len(tx.RmtInf.Ustrd) == 1 {
			p.Remittance = tx.RmtInf.Ustrd[0]
			if p.Remittance == "" {
				return fmt.Errorf("InstrId %s: RmtInf/Ustrd is empty", p.InstrID)
			}
		}
	}
	return nil
}
