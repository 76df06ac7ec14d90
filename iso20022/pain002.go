package iso20022

import (
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// Transaction statuses the programme understands: ACSC (settled) posts a
// payment, RJCT voids it, ACCP (accepted customer profile) and PDNG keep
// it held. GroupPartial is the group status of a file answered in part.
const (
	StatusAccepted        = "ACSC"
	StatusAcceptedProfile = "ACCP"
	StatusRejected        = "RJCT"
	StatusPending         = "PDNG"
	GroupPartial          = "PART"
)

// ReasonBadFormat (FF01, invalid file format) is the group reason of a
// whole file refused because it is not a valid pain.001.
const ReasonBadFormat = "FF01"

// groupStatuses are the ExternalPaymentGroupStatus1Code values a report
// may carry; "" leaves GrpSts out.
var groupStatuses = map[string]bool{"": true, "ACTC": true, "RCVD": true, "ACCP": true, "ACSP": true,
	"ACSC": true, "ACWC": true, "PART": true, "PDNG": true, "RJCT": true}

// txStatuses are the transaction statuses a report may carry.
var txStatuses = map[string]bool{StatusAccepted: true, StatusAcceptedProfile: true, StatusRejected: true, StatusPending: true}

// TxStatus is the partner's answer for one payment.
type TxStatus struct {
	OrgnlInstrID, OrgnlEndToEndID string
	Status                        string // ACSC, ACCP, RJCT or PDNG
	Reason                        string // ExternalStatusReason1Code (AC01, AC04, AM04, …), only with RJCT
	AdditionalInfo                string // ≤ 105 characters, never personal data
	Amount                        int64  // OrgnlTxRef/Amt; 0 = not stated
}

// StatusReport is a pain.002.001.10 customer payment status report.
type StatusReport struct {
	MsgID         string
	Created       time.Time
	OrgnlMsgID    string
	OrgnlMsgNmID  string // pain.001.001.09, or the partner's name for a CSV batch
	OrgnlNbOfTxs  int    // 0 = not stated
	OrgnlCtrlSum  int64  // 0 = not stated
	GroupStatus   string // ExternalPaymentGroupStatus1Code; "" = not stated
	GroupReason   string // why a whole file was refused (FF01); "" = none
	GroupInfo     string // ≤ 105 characters about the group; "" = none
	OrgnlPmtInfID string // required when Items is not empty
	Items         []TxStatus
}

func validateStatusReport(s *StatusReport) error {
	checks := []error{
		checkID("GrpHdr/MsgId", s.MsgID), checkMoment("GrpHdr/CreDtTm", s.Created),
		checkID("OrgnlMsgId", s.OrgnlMsgID), checkText("OrgnlMsgNmId", s.OrgnlMsgNmID, 35, true),
		checkText("OrgnlGrpInfAndSts/StsRsnInf/AddtlInf", s.GroupInfo, 105, false),
	}
	if s.OrgnlNbOfTxs < 0 || s.OrgnlNbOfTxs > MaxPaymentsPerFile || s.OrgnlCtrlSum < 0 || s.OrgnlCtrlSum > MaxAmount*MaxPaymentsPerFile {
		checks = append(checks, fmt.Errorf("OrgnlNbOfTxs or OrgnlCtrlSum out of range"))
	}
	if !groupStatuses[s.GroupStatus] {
		checks = append(checks, fmt.Errorf("GrpSts must be an ExternalPaymentGroupStatus1Code"))
	}
	if s.GroupReason != "" {
		checks = append(checks, checkPattern("OrgnlGrpInfAndSts/StsRsnInf/Rsn/Cd", s.GroupReason, isCode, "4 upper-case letters or digits"))
	}
	if s.OrgnlPmtInfID != "" || len(s.Items) > 0 {
		checks = append(checks, checkID("OrgnlPmtInfId", s.OrgnlPmtInfID))
	}
	if len(s.Items) > MaxPaymentsPerFile {
		checks = append(checks, fmt.Errorf("a report holds at most %d items", MaxPaymentsPerFile))
	}
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	// validateTxStatus has checked the IDs (no '|' in them) before an
	// item's key is made, so a pair is the same key as "instr|e2e".
	type idPair struct{ instr, e2e string }
	seen := make(map[idPair]int, len(s.Items))
	for i := range s.Items {
		it := &s.Items[i]
		if err := validateTxStatus(it); err != nil {
			return fmt.Errorf("TxInfAndSts item %d: %w", i, err)
		}
		key := idPair{it.OrgnlInstrID, it.OrgnlEndToEndID}
		if j, dup := seen[key]; dup {
			return fmt.Errorf("TxInfAndSts item %d: repeats item %d", i, j)
		}
		seen[key] = i
	}
	return nil
}

func validateTxStatus(it *TxStatus) error {
	if it.OrgnlInstrID == "" && it.OrgnlEndToEndID == "" {
		return fmt.Errorf("OrgnlInstrId or OrgnlEndToEndId is required")
	}
	for _, f := range []struct{ name, v string }{{"OrgnlInstrId", it.OrgnlInstrID}, {"OrgnlEndToEndId", it.OrgnlEndToEndID}} {
		if f.v != "" {
			if err := checkID(f.name, f.v); err != nil {
				return err
			}
		}
	}
	if !txStatuses[it.Status] {
		return fmt.Errorf("OrgnlInstrId %s: TxSts must be ACSC, ACCP, RJCT or PDNG", it.OrgnlInstrID)
	}
	if it.Reason != "" {
		if it.Status != StatusRejected {
			return fmt.Errorf("OrgnlInstrId %s: a reason code goes only with RJCT", it.OrgnlInstrID)
		}
		if err := checkPattern("StsRsnInf/Rsn/Cd", it.Reason, isCode, "4 upper-case letters or digits"); err != nil {
			return fmt.Errorf("OrgnlInstrId %s: %w", it.OrgnlInstrID, err)
		}
	}
	if err := checkText("StsRsnInf/AddtlInf", it.AdditionalInfo, 105, false); err != nil {
		return fmt.Errorf("OrgnlInstrId %s: %w", it.OrgnlInstrID, err)
	}
	if it.Amount != 0 {
		if err := checkAmount("OrgnlTxRef/Amt", it.Amount); err != nil {
			return fmt.Errorf("OrgnlInstrId %s: %w", it.OrgnlInstrID, err)
		}
	}
	return nil
}

// WritePain002 validates s and writes it as a pain.002.001.10 document.
func WritePain002(w io.Writer, s *StatusReport) error {
	if err := validateStatusReport(s); err != nil {
		return fmt.Errorf("pain.002: %w", err)
	}
	x := newXMLWriter(NamespacePain002, 1024+650*len(s.Items))
	x.open("CstmrPmtStsRpt")
	x.open("GrpHdr")
	x.text("MsgId", s.MsgID)
	x.text("CreDtTm", formatDateTime(s.Created))
	x.close("GrpHdr")
	x.open("OrgnlGrpInfAndSts")
	x.text("OrgnlMsgId", s.OrgnlMsgID)
	x.text("OrgnlMsgNmId", s.OrgnlMsgNmID)
	if s.OrgnlNbOfTxs > 0 { // zero counts and sums mean "not stated"
		x.number("OrgnlNbOfTxs", int64(s.OrgnlNbOfTxs))
	}
	if s.OrgnlCtrlSum > 0 {
		x.number("OrgnlCtrlSum", s.OrgnlCtrlSum)
	}
	x.textIf("GrpSts", s.GroupStatus)
	x.reason(s.GroupReason, s.GroupInfo)
	x.close("OrgnlGrpInfAndSts")
	if s.OrgnlPmtInfID != "" {
		x.open("OrgnlPmtInfAndSts")
		x.text("OrgnlPmtInfId", s.OrgnlPmtInfID)
		for i := range s.Items { // at depth 3; the lines are what open, text and close would write
			it := &s.Items[i]
			x.raw("\n      <TxInfAndSts>")
			if it.OrgnlInstrID != "" {
				x.raw("\n        <OrgnlInstrId>")
				x.escape(it.OrgnlInstrID)
				x.raw("</OrgnlInstrId>")
			}
			if it.OrgnlEndToEndID != "" {
				x.raw("\n        <OrgnlEndToEndId>")
				x.escape(it.OrgnlEndToEndID)
				x.raw("</OrgnlEndToEndId>")
			}
			x.raw("\n        <TxSts>")
			x.escape(it.Status)
			x.raw("</TxSts>")
			x.depth = 4
			x.reason(it.Reason, it.AdditionalInfo)
			x.depth = 3
			if it.Amount != 0 {
				x.raw("\n        <OrgnlTxRef>\n          <Amt>\n            <InstdAmt Ccy=\"" + Currency + "\">")
				x.int(it.Amount)
				x.raw("</InstdAmt>\n          </Amt>\n        </OrgnlTxRef>")
			}
			x.raw("\n      </TxInfAndSts>")
		}
		x.close("OrgnlPmtInfAndSts")
	}
	x.close("CstmrPmtStsRpt")
	if err := x.finish(w); err != nil {
		return fmt.Errorf("pain.002: write: %w", err)
	}
	return nil
}

// reason writes one StsRsnInf, or nothing if code and info are empty.
func (x *xmlWriter) reason(code, info string) {
	if code == "" && info == "" {
		return
	}
	x.open("StsRsnInf")
	if code != "" {
		x.open("Rsn")
		x.text("Cd", code)
		x.close("Rsn")
	}
	x.textIf("AddtlInf", info)
	x.close("StsRsnInf")
}

// ReadPain002 reads a pain.002.001.10 document with at most one
// OrgnlPmtInfAndSts, as the programme's one-PmtInf files get.
func ReadPain002(r io.Reader) (*StatusReport, error) {
	doc, err := decodeXML(r, "pain.002", fastPain002)
	if err != nil {
		return nil, err
	}
	s, err := fromP2(&doc.Rpt)
	if err != nil {
		return nil, fmt.Errorf("pain.002: %w", err)
	}
	if err := validateStatusReport(s); err != nil {
		return nil, fmt.Errorf("pain.002: %w", err)
	}
	return s, nil
}

type p2Document struct {
	XMLName xml.Name `xml:"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10 Document"`
	Rpt     p2Report `xml:"CstmrPmtStsRpt"`
}

type p2Report struct {
	GrpHdr xGrpHdr    `xml:"GrpHdr"`
	Grp    p2Group    `xml:"OrgnlGrpInfAndSts"`
	PmtInf []p2PmtInf `xml:"OrgnlPmtInfAndSts"`
}

type p2Group struct {
	OrgnlMsgID   string     `xml:"OrgnlMsgId"`
	OrgnlMsgNmID string     `xml:"OrgnlMsgNmId"`
	OrgnlNbOfTxs string     `xml:"OrgnlNbOfTxs,omitempty"`
	OrgnlCtrlSum string     `xml:"OrgnlCtrlSum,omitempty"`
	GrpSts       string     `xml:"GrpSts,omitempty"`
	StsRsnInf    []p2Reason `xml:"StsRsnInf"`
}

type p2PmtInf struct {
	OrgnlPmtInfID string `xml:"OrgnlPmtInfId"`
	Txs           []p2Tx `xml:"TxInfAndSts"`
}

type p2Tx struct {
	OrgnlInstrID    string     `xml:"OrgnlInstrId,omitempty"`
	OrgnlEndToEndID string     `xml:"OrgnlEndToEndId,omitempty"`
	TxSts           string     `xml:"TxSts"`
	StsRsnInf       []p2Reason `xml:"StsRsnInf"`
	OrgnlTxRef      *p2TxRef   `xml:"OrgnlTxRef"`
}

type p2TxRef struct {
	Amt p1Amt `xml:"Amt"`
}

type p2Reason struct {
	Rsn      *xCode   `xml:"Rsn"`
	AddtlInf []string `xml:"AddtlInf"`
}

// xGrpHdr is the group header of the documents the programme reads.
type xGrpHdr struct {
	MsgID   string `xml:"MsgId"`
	CreDtTm string `xml:"CreDtTm"`
}

// xCode is a choice holding a code (Rsn/Cd, Sts/Cd).
type xCode struct {
	Cd string `xml:"Cd"`
}
