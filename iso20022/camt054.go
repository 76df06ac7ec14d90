package iso20022

import (
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// Entry directions and statuses.
const (
	Debit  = "DBIT"
	Credit = "CRDT"
	Booked = "BOOK"
)

var entryStatuses = map[string]bool{Booked: true, "PDNG": true, "INFO": true}

// Entry is one booking on the programme's account: for a payout, a DBIT
// carrying the InstrID and EndToEndID of the payment it settles.
type Entry struct {
	Amount      int64
	CreditDebit string // DBIT or CRDT
	Status      string // BOOK, PDNG or INFO
	BookingDate time.Time
	AcctSvcrRef string // the bank's reference of the booking
	InstrID     string // optional
	EndToEndID  string // optional
}

// Notification is a camt.054.001.09 debit/credit notification for one
// account. The writer adds a TxsSummry (count, sum and net of entries),
// which the reader checks when present.
type Notification struct {
	MsgID    string
	Created  time.Time
	NtfctnID string
	Account  string
	Entries  []Entry
}

func validateNotification(n *Notification) error {
	for _, err := range []error{
		checkID("GrpHdr/MsgId", n.MsgID), checkMoment("GrpHdr/CreDtTm", n.Created), checkID("Ntfctn/Id", n.NtfctnID),
		checkPattern("Ntfctn/Acct", n.Account, isAccount, "1-34 characters of A-Z, a-z, 0-9, '+', '.', '/', '-'"),
	} {
		if err != nil {
			return err
		}
	}
	if len(n.Entries) > MaxPaymentsPerFile {
		return fmt.Errorf("a notification holds at most %d entries", MaxPaymentsPerFile)
	}
	for i := range n.Entries {
		if err := validateEntry(&n.Entries[i]); err != nil {
			return fmt.Errorf("Ntry item %d: %w", i, err)
		}
	}
	return nil
}

func validateEntry(e *Entry) error {
	if err := checkID("AcctSvcrRef", e.AcctSvcrRef); err != nil {
		return err
	}
	// The first failing check, in this order, is the error.
	err := checkAmount("Amt", e.Amount)
	if err == nil {
		err = checkMoment("BookgDt", e.BookingDate)
	}
	if err == nil && e.CreditDebit != Debit && e.CreditDebit != Credit {
		err = fmt.Errorf("CdtDbtInd must be DBIT or CRDT")
	}
	if err == nil && !entryStatuses[e.Status] {
		err = fmt.Errorf("Sts/Cd must be BOOK, PDNG or INFO")
	}
	if err == nil && e.InstrID != "" {
		err = checkID("Refs/InstrId", e.InstrID)
	}
	if err == nil && e.EndToEndID != "" {
		err = checkID("Refs/EndToEndId", e.EndToEndID)
	}
	if err != nil {
		return fmt.Errorf("AcctSvcrRef %s: %w", e.AcctSvcrRef, err)
	}
	return nil
}

// summary is the count, the sum of absolute amounts and the signed net
// (credits minus debits) of entries.
func summary(es []Entry) (n int, sum, net int64) {
	for i := range es {
		sum += es[i].Amount
		if es[i].CreditDebit == Credit {
			net += es[i].Amount
		} else {
			net -= es[i].Amount
		}
	}
	return len(es), sum, net
}

// WriteCamt054 validates n and writes it as a camt.054.001.09 document.
func WriteCamt054(w io.Writer, n *Notification) error {
	if err := validateNotification(n); err != nil {
		return fmt.Errorf("camt.054: %w", err)
	}
	x := newXMLWriter(NamespaceCamt054, 1024+820*len(n.Entries))
	x.open("BkToCstmrDbtCdtNtfctn")
	x.open("GrpHdr")
	x.text("MsgId", n.MsgID)
	x.text("CreDtTm", formatDateTime(n.Created))
	x.close("GrpHdr")
	x.open("Ntfctn")
	x.text("Id", n.NtfctnID)
	x.account("Acct", n.Account, "")
	count, sum, net := summary(n.Entries)
	dir := Credit
	if net < 0 {
		dir, net = Debit, -net
	}
	x.open("TxsSummry")
	x.open("TtlNtries")
	x.number("NbOfNtries", int64(count))
	x.number("Sum", sum)
	x.open("TtlNetNtry")
	x.number("Amt", net)
	x.text("CdtDbtInd", dir)
	x.close("TtlNetNtry")
	x.close("TtlNtries")
	x.close("TxsSummry")
	var lastDay time.Time
	var date string
	for i := range n.Entries {
		e := &n.Entries[i]
		if date == "" || !e.BookingDate.Equal(lastDay) { // most entries share a day
			lastDay, date = e.BookingDate, formatDate(e.BookingDate)
		}
		x.entry(e, date)
	}
	x.close("Ntfctn")
	x.close("BkToCstmrDbtCdtNtfctn")
	if err := x.finish(w); err != nil {
		return fmt.Errorf("camt.054: write: %w", err)
	}
	return nil
}

// entry writes one Ntry at depth 3 with the bank transaction code
// PMNT/ICDT/DMCT and, if the entry names a payment, one TxDtls (the lines
// are what open, text and close would write there). date is the entry's
// BookgDt/Dt.
func (x *xmlWriter) entry(e *Entry, date string) {
	x.raw("\n      <Ntry>\n        <Amt Ccy=\"" + Currency + "\">")
	x.int(e.Amount)
	x.raw("</Amt>\n        <CdtDbtInd>")
	x.escape(e.CreditDebit)
	x.raw("</CdtDbtInd>\n        <Sts>\n          <Cd>")
	x.escape(e.Status)
	x.raw("</Cd>\n        </Sts>\n        <BookgDt>\n          <Dt>")
	x.raw(date)
	x.raw("</Dt>\n        </BookgDt>\n        <AcctSvcrRef>")
	x.escape(e.AcctSvcrRef)
	x.raw("</AcctSvcrRef>\n        <BkTxCd>\n          <Domn>\n            <Cd>PMNT</Cd>\n            <Fmly>" +
		"\n              <Cd>ICDT</Cd>\n              <SubFmlyCd>DMCT</SubFmlyCd>\n            </Fmly>\n          </Domn>\n        </BkTxCd>")
	if e.InstrID != "" || e.EndToEndID != "" {
		x.raw("\n        <NtryDtls>\n          <TxDtls>\n            <Refs>")
		if e.InstrID != "" {
			x.raw("\n              <InstrId>")
			x.escape(e.InstrID)
			x.raw("</InstrId>")
		}
		if e.EndToEndID != "" {
			x.raw("\n              <EndToEndId>")
			x.escape(e.EndToEndID)
			x.raw("</EndToEndId>")
		}
		x.raw("\n            </Refs>\n            <Amt Ccy=\"" + Currency + "\">")
		x.int(e.Amount)
		x.raw("</Amt>\n            <CdtDbtInd>")
		x.escape(e.CreditDebit)
		x.raw("</CdtDbtInd>\n          </TxDtls>\n        </NtryDtls>")
	}
	x.raw("\n      </Ntry>")
}

// ReadCamt054 reads a camt.054.001.09 document with one Ntfctn.
func ReadCamt054(r io.Reader) (*Notification, error) {
	doc, err := decodeXML(r, "camt.054", fastCamt054)
	if err != nil {
		return nil, err
	}
	n, err := fromC54(&doc.Msg)
	if err != nil {
		return nil, fmt.Errorf("camt.054: %w", err)
	}
	if err := validateNotification(n); err != nil {
		return nil, fmt.Errorf("camt.054: %w", err)
	}
	return n, nil
}

type c54Document struct {
	XMLName xml.Name   `xml:"urn:iso:std:iso:20022:tech:xsd:camt.054.001.09 Document"`
	Msg     c54Message `xml:"BkToCstmrDbtCdtNtfctn"`
}

type c54Message struct {
	GrpHdr xGrpHdr     `xml:"GrpHdr"`
	Ntfctn []c54Ntfctn `xml:"Ntfctn"`
}

type c54Ntfctn struct {
	ID        string      `xml:"Id"`
	Acct      xAccount    `xml:"Acct"`
	TxsSummry *c54Summary `xml:"TxsSummry"`
	Ntry      []c54Entry  `xml:"Ntry"`
}

type c54Summary struct {
	TtlNtries *c54Totals `xml:"TtlNtries"`
}

type c54Totals struct {
	NbOfNtries string  `xml:"NbOfNtries"`
	Sum        string  `xml:"Sum"`
	TtlNetNtry *c54Net `xml:"TtlNetNtry"`
}

type c54Net struct {
	Amt       string `xml:"Amt"`
	CdtDbtInd string `xml:"CdtDbtInd"`
}

type c54Entry struct {
	Amt         xAmount       `xml:"Amt"`
	CdtDbtInd   string        `xml:"CdtDbtInd"`
	Sts         xCode         `xml:"Sts"`
	BookgDt     xDateChoice   `xml:"BookgDt"`
	AcctSvcrRef string        `xml:"AcctSvcrRef"`
	BkTxCd      c54BkTxCd     `xml:"BkTxCd"`
	NtryDtls    []c54NtryDtls `xml:"NtryDtls"`
}

type c54NtryDtls struct {
	TxDtls []c54TxDtls `xml:"TxDtls"`
}

// c54BkTxCd is the bank transaction code: PMNT/ICDT/DMCT, an issued
// domestic credit transfer, for every payout.
type c54BkTxCd struct {
	Domn c54Domn `xml:"Domn"`
}

type c54Domn struct {
	Cd   string  `xml:"Cd"`
	Fmly c54Fmly `xml:"Fmly"`
}

type c54Fmly struct {
	Cd        string `xml:"Cd"`
	SubFmlyCd string `xml:"SubFmlyCd"`
}

type c54Refs struct {
	InstrID    string `xml:"InstrId,omitempty"`
	EndToEndID string `xml:"EndToEndId,omitempty"`
}

type c54TxDtls struct {
	Refs      c54Refs `xml:"Refs"`
	Amt       xAmount `xml:"Amt"`
	CdtDbtInd string  `xml:"CdtDbtInd"`
}
