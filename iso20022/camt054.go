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
		checkPattern("Ntfctn/Acct", n.Account, accountPattern, "1-34 characters of A-Z, a-z, 0-9, '+', '.', '/', '-'"),
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
	checks := []error{checkAmount("Amt", e.Amount), checkMoment("BookgDt", e.BookingDate)}
	if e.CreditDebit != Debit && e.CreditDebit != Credit {
		checks = append(checks, fmt.Errorf("CdtDbtInd must be DBIT or CRDT"))
	}
	if !entryStatuses[e.Status] {
		checks = append(checks, fmt.Errorf("Sts/Cd must be BOOK, PDNG or INFO"))
	}
	if e.InstrID != "" {
		checks = append(checks, checkID("Refs/InstrId", e.InstrID))
	}
	if e.EndToEndID != "" {
		checks = append(checks, checkID("Refs/EndToEndId", e.EndToEndID))
	}
	for _, err := range checks {
		if err != nil {
			return fmt.Errorf("AcctSvcrRef %s: %w", e.AcctSvcrRef, err)
		}
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
	return writeXML(w, toC54(n), "camt.054")
}

// ReadCamt054 reads a camt.054.001.09 document with one Ntfctn.
func ReadCamt054(r io.Reader) (*Notification, error) {
	var doc c54Document
	if err := decodeXML(r, &doc, "camt.054"); err != nil {
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
	GrpHdr struct {
		MsgID   string `xml:"MsgId"`
		CreDtTm string `xml:"CreDtTm"`
	} `xml:"GrpHdr"`
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
	Amt       xAmount `xml:"Amt"`
	CdtDbtInd string  `xml:"CdtDbtInd"`
	Sts       struct {
		Cd string `xml:"Cd"`
	} `xml:"Sts"`
	BookgDt     xDateChoice `xml:"BookgDt"`
	AcctSvcrRef string      `xml:"AcctSvcrRef"`
	BkTxCd      c54BkTxCd   `xml:"BkTxCd"`
	NtryDtls    []struct {
		TxDtls []c54TxDtls `xml:"TxDtls"`
	} `xml:"NtryDtls"`
}

// c54BkTxCd is the bank transaction code: PMNT/ICDT/DMCT, an issued
// domestic credit transfer, for every payout.
type c54BkTxCd struct {
	Domn struct {
		Cd   string `xml:"Cd"`
		Fmly struct {
			Cd        string `xml:"Cd"`
			SubFmlyCd string `xml:"SubFmlyCd"`
		} `xml:"Fmly"`
	} `xml:"Domn"`
}

type c54TxDtls struct {
	Refs struct {
		InstrID    string `xml:"InstrId,omitempty"`
		EndToEndID string `xml:"EndToEndId,omitempty"`
	} `xml:"Refs"`
	Amt       xAmount `xml:"Amt"`
	CdtDbtInd string  `xml:"CdtDbtInd"`
}
