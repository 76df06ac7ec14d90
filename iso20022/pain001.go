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
		checkPattern("DbtrAcct", in.DebtorAccount, isAccount, "1-34 characters of A-Z, a-z, 0-9, '+', '.', '/', '-'"),
		checkPattern("DbtrAgt/BICFI", in.DebtorAgentBIC, isBIC, "a BIC of 8 or 11 characters"),
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
	// The first failing check, in this order, is the error.
	err := checkID("EndToEndId", p.EndToEndID)
	if err == nil {
		err = checkAmount("InstdAmt", p.Amount)
	}
	if err == nil {
		err = checkText("Cdtr/Nm", p.CreditorName, 140, true)
	}
	if err == nil {
		err = checkPattern("CdtrAcct", p.CreditorAccount, isAccount, "1-34 characters of A-Z, a-z, 0-9, '+', '.', '/', '-'")
	}
	if err == nil {
		err = checkPattern("CdtrAgt/Othr/Id", p.Provider, isProvider, "an upper-case partner code")
	}
	if err == nil {
		err = checkText("RmtInf/Ustrd", p.Remittance, 140, false)
	}
	if err == nil && p.CreditorAgentBIC != "" {
		err = checkPattern("CdtrAgt/BICFI", p.CreditorAgentBIC, isBIC, "a BIC of 8 or 11 characters")
	}
	if err == nil && p.Scheme != SchemeBank && p.Scheme != SchemeEwallet {
		err = fmt.Errorf("scheme must be %s or %s", SchemeBank, SchemeEwallet)
	}
	if err != nil {
		return fmt.Errorf("InstrId %s: %w", p.InstrID, err)
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
	n, sum := int64(len(in.Payments)), in.Total()
	x := newXMLWriter(NamespacePain001, 1024+850*len(in.Payments))
	x.open("CstmrCdtTrfInitn")
	x.open("GrpHdr")
	x.text("MsgId", in.MsgID)
	x.text("CreDtTm", formatDateTime(in.Created))
	x.number("NbOfTxs", n)
	x.number("CtrlSum", sum)
	x.party("InitgPty", in.InitiatingParty)
	x.close("GrpHdr")
	x.open("PmtInf")
	x.text("PmtInfId", in.PmtInfID)
	x.text("PmtMtd", "TRF")
	x.text("BtchBookg", "true")
	x.number("NbOfTxs", n)
	x.number("CtrlSum", sum)
	x.open("ReqdExctnDt")
	x.text("Dt", formatDate(in.ExecutionDate))
	x.close("ReqdExctnDt")
	x.party("Dbtr", in.DebtorName)
	x.account("DbtrAcct", in.DebtorAccount, "")
	x.open("DbtrAgt")
	x.open("FinInstnId")
	x.textIf("BICFI", in.DebtorAgentBIC)
	x.close("FinInstnId")
	x.close("DbtrAgt")
	for i := range in.Payments {
		x.cdtTrfTx(&in.Payments[i])
	}
	x.close("PmtInf")
	x.close("CstmrCdtTrfInitn")
	if err := x.finish(w); err != nil {
		return fmt.Errorf("pain.001: write: %w", err)
	}
	return nil
}

// cdtTrfTx writes one CdtTrfTxInf at depth 3 (the lines are what
// open, text and close would write there).
func (x *xmlWriter) cdtTrfTx(p *Payment) {
	x.raw("\n      <CdtTrfTxInf>\n        <PmtId>\n          <InstrId>")
	x.escape(p.InstrID)
	x.raw("</InstrId>\n          <EndToEndId>")
	x.escape(p.EndToEndID)
	x.raw("</EndToEndId>\n        </PmtId>\n        <Amt>\n          <InstdAmt Ccy=\"" + Currency + "\">")
	x.int(p.Amount)
	x.raw("</InstdAmt>\n        </Amt>\n        <CdtrAgt>\n          <FinInstnId>")
	if p.CreditorAgentBIC != "" {
		x.raw("\n            <BICFI>")
		x.escape(p.CreditorAgentBIC)
		x.raw("</BICFI>")
	}
	x.raw("\n            <Othr>\n              <Id>")
	x.escape(p.Provider)
	x.raw("</Id>\n            </Othr>\n          </FinInstnId>\n        </CdtrAgt>\n        <Cdtr>")
	if p.CreditorName != "" {
		x.raw("\n          <Nm>")
		x.escape(p.CreditorName)
		x.raw("</Nm>")
	}
	x.raw("\n        </Cdtr>\n        <CdtrAcct>\n          <Id>\n            <Othr>\n              <Id>")
	x.escape(p.CreditorAccount)
	x.raw("</Id>\n              <SchmeNm>\n                <Prtry>")
	x.escape(p.Scheme)
	x.raw("</Prtry>\n              </SchmeNm>\n            </Othr>\n          </Id>\n        </CdtrAcct>")
	if p.Remittance != "" {
		x.raw("\n        <RmtInf>\n          <Ustrd>")
		x.escape(p.Remittance)
		x.raw("</Ustrd>\n        </RmtInf>")
	}
	x.raw("\n      </CdtTrfTxInf>")
}

// party writes an xParty: <name><Nm>nm</Nm></name>, Nm left out if empty.
func (x *xmlWriter) party(name, nm string) {
	x.open(name)
	x.textIf("Nm", nm)
	x.close(name)
}

// account writes an xAccount with Id/Othr/Id, and SchmeNm/Prtry unless
// scheme is empty.
func (x *xmlWriter) account(name, id, scheme string) {
	x.open(name)
	x.open("Id")
	x.open("Othr")
	x.text("Id", id)
	if scheme != "" {
		x.open("SchmeNm")
		x.text("Prtry", scheme)
		x.close("SchmeNm")
	}
	x.close("Othr")
	x.close("Id")
	x.close(name)
}

// decodeXML reads at most MaxFileBytes from r into a new document. The
// fast path decodes the files the programme and its partners write; any
// other file, and any file it cannot take, is decoded by encoding/xml,
// whose result and errors are the reference (see fastXML).
func decodeXML[T any](r io.Reader, what string, fast func(*fastXML, *T)) (*T, error) {
	b, err := readBounded(r, what)
	if err != nil {
		return nil, err
	}
	doc := new(T)
	if runFast(b, func(x *fastXML) { fast(x, doc) }) {
		return doc, nil
	}
	return slowDecode[T](b, what)
}

// slowDecode decodes b with encoding/xml.
func slowDecode[T any](b []byte, what string) (*T, error) {
	doc := new(T)
	if err := xml.NewDecoder(bytes.NewReader(b)).Decode(doc); err != nil {
		return nil, decodeErr(what, err)
	}
	return doc, nil
}
