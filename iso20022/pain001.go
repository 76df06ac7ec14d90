package iso20022

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// Payment is one credit transfer in a pain.001: one attempt to pay one
// entitlement to one account.
type Payment struct {
	InstrID          string // identifies this attempt; partners answer by it
	EndToEndID       string // identifies the entitlement, the same on every attempt
	Amount           int64  // whole rupiah, 1 to MaxAmount
	CreditorName     string // ≤ 140 characters
	CreditorAccount  string // Othr/Id, ≤ 34: account number or e-wallet phone
	CreditorAgentBIC string // bank BIC (BNINIDJA); empty for e-wallets
	Provider         string // partner code (BNI, OVO), CdtrAgt/FinInstnId/Othr/Id; upper case
	Scheme           string // SchemeBank or SchemeEwallet, CdtrAcct/Id/Othr/SchmeNm/Prtry
	Remittance       string // Ustrd, ≤ 140 characters; optional
}

// Initiation is a pain.001.001.09 file: one PmtInf, batch booking, IDR.
type Initiation struct {
	MsgID           string
	Created         time.Time
	InitiatingParty string
	PmtInfID        string
	ExecutionDate   time.Time // ReqdExctnDt/Dt, the date in WIB
	DebtorName      string
	DebtorAccount   string
	DebtorAgentBIC  string
	Payments        []Payment
}

// Total is the sum of the payments (CtrlSum). Each amount is at most
// MaxAmount and a file has at most MaxPaymentsPerFile, so it cannot
// overflow.
func (in *Initiation) Total() int64 {
	var sum int64
	for i := range in.Payments {
		sum += in.Payments[i].Amount
	}
	return sum
}

// validateInitiation checks the header fields of a pain.001 and then its
// payments.
func validateInitiation(in *Initiation) error {
	checks := []error{
		checkID("MsgId", in.MsgID),
		checkMoment("CreDtTm", in.Created),
		checkText("InitgPty/Nm", in.InitiatingParty, 140, true),
		checkID("PmtInfId", in.PmtInfID),
		checkMoment("ReqdExctnDt", in.ExecutionDate),
		checkText("Dbtr/Nm", in.DebtorName, 140, true),
		checkPattern("DbtrAcct", in.DebtorAccount, accountPattern, "1-34 characters of A-Z, a-z, 0-9, '+', '.', '/', '-'"),
		checkPattern("DbtrAgt/BICFI", in.DebtorAgentBIC, bicPattern, "a BIC of 8 or 11 characters"),
	}
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	return validatePayments(in.Payments)
}

// validatePayments checks every payment and that InstrIDs and
// EndToEndIDs are unique in the file: a partner that sees one twice may
// pay twice or drop one.
func validatePayments(ps []Payment) error {
	if len(ps) == 0 || len(ps) > MaxPaymentsPerFile {
		return fmt.Errorf("a file holds 1 to %d payments, not %d", MaxPaymentsPerFile, len(ps))
	}
	instr := make(map[string]int, len(ps))
	e2e := make(map[string]int, len(ps))
	for i := range ps {
		p := &ps[i]
		if err := validatePayment(p); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
		if j, dup := instr[p.InstrID]; dup {
			return fmt.Errorf("item %d (InstrId %s): InstrId repeats item %d", i, p.InstrID, j)
		}
		if j, dup := e2e[p.EndToEndID]; dup {
			return fmt.Errorf("item %d (InstrId %s): EndToEndId repeats item %d", i, p.InstrID, j)
		}
		instr[p.InstrID], e2e[p.EndToEndID] = i, i
	}
	return nil
}

// validatePayment checks one payment; the IDs come first so the other
// errors can name the InstrID.
func validatePayment(p *Payment) error {
	if err := checkID("InstrId", p.InstrID); err != nil {
		return err
	}
	checks := []error{
		checkID("EndToEndId", p.EndToEndID),
		checkAmount("InstdAmt", p.Amount),
		checkText("Cdtr/Nm", p.CreditorName, 140, true),
		checkPattern("CdtrAcct", p.CreditorAccount, accountPattern, "1-34 characters of A-Z, a-z, 0-9, '+', '.', '/', '-'"),
		checkPattern("CdtrAgt/Othr/Id", p.Provider, providerPattern, "an upper-case partner code"),
		checkText("RmtInf/Ustrd", p.Remittance, 140, false),
	}
	if p.CreditorAgentBIC != "" {
		checks = append(checks, checkPattern("CdtrAgt/BICFI", p.CreditorAgentBIC, bicPattern, "a BIC of 8 or 11 characters"))
	}
	if p.Scheme != SchemeBank && p.Scheme != SchemeEwallet {
		checks = append(checks, fmt.Errorf("scheme must be %s or %s", SchemeBank, SchemeEwallet))
	}
	for _, err := range checks {
		if err != nil {
			return fmt.Errorf("InstrId %s: %w", p.InstrID, err)
		}
	}
	return nil
}

// WritePain001 validates in and writes it as a pain.001.001.09 document.
// Nothing is written if in is invalid. NbOfTxs and CtrlSum are computed
// from the payments, so they always agree.
func WritePain001(w io.Writer, in *Initiation) error {
	if err := validateInitiation(in); err != nil {
		return fmt.Errorf("pain.001: %w", err)
	}
	n, sum := fmt.Sprint(len(in.Payments)), formatAmount(in.Total())
	pi := p1PmtInf{
		PmtInfID: in.PmtInfID, PmtMtd: "TRF", BtchBookg: "true", NbOfTxs: n, CtrlSum: sum,
		ReqdExctnDt: xDateChoice{Dt: formatDate(in.ExecutionDate)},
		Dbtr:        xParty{Nm: in.DebtorName},
		DbtrAcct:    xAccount{ID: xAccountID{Othr: &xGenericAccount{ID: in.DebtorAccount}}},
		DbtrAgt:     xAgent{FinInstnID: xFinInstn{BICFI: in.DebtorAgentBIC}},
		Txs:         make([]p1CdtTrfTx, len(in.Payments)),
	}
	for i := range in.Payments {
		pi.Txs[i] = toCdtTrfTx(&in.Payments[i])
	}
	doc := p1Document{Init: p1Initiate{
		GrpHdr: p1GroupHeader{MsgID: in.MsgID, CreDtTm: formatDateTime(in.Created), NbOfTxs: n, CtrlSum: sum,
			InitgPty: xParty{Nm: in.InitiatingParty}},
		PmtInf: []p1PmtInf{pi},
	}}
	return writeXML(w, doc, "pain.001")
}

func toCdtTrfTx(p *Payment) p1CdtTrfTx {
	tx := p1CdtTrfTx{
		PmtID:   p1PmtID{InstrID: p.InstrID, EndToEndID: p.EndToEndID},
		Amt:     p1Amt{InstdAmt: &xAmount{Ccy: Currency, Value: formatAmount(p.Amount)}},
		CdtrAgt: &xAgent{FinInstnID: xFinInstn{BICFI: p.CreditorAgentBIC, Othr: &xOthrFinID{ID: p.Provider}}},
		Cdtr:    &xParty{Nm: p.CreditorName},
		CdtrAcct: &xAccount{ID: xAccountID{Othr: &xGenericAccount{ID: p.CreditorAccount,
			SchmeNm: &xPrtryChoice{Prtry: p.Scheme}}}},
	}
	if p.Remittance != "" {
		tx.RmtInf = &xRmtInf{Ustrd: []string{p.Remittance}}
	}
	return tx
}

// writeXML encodes doc with an XML declaration into a buffer first, so a
// failure leaves w untouched.
func writeXML(w io.Writer, doc any, what string) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("%s: encode: %w", what, err)
	}
	buf.WriteByte('\n')
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("%s: write: %w", what, err)
	}
	return nil
}

// decodeXML reads at most MaxFileBytes from r into doc.
func decodeXML(r io.Reader, doc any, what string) error {
	b, err := readBounded(r, what)
	if err != nil {
		return err
	}
	if err := xml.NewDecoder(bytes.NewReader(b)).Decode(doc); err != nil {
		return decodeErr(what, err)
	}
	return nil
}
