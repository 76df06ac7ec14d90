package iso20022

import "encoding/xml"

// The pain.001.001.09 elements the programme writes and reads, in XSD
// order. Amounts and counts are strings here so that parsing stays in
// parseAmount and parseCount, which refuse fractions and floats.

type p1Document struct {
	XMLName xml.Name   `xml:"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09 Document"`
	Init    p1Initiate `xml:"CstmrCdtTrfInitn"`
}

type p1Initiate struct {
	GrpHdr p1GroupHeader `xml:"GrpHdr"`
	PmtInf []p1PmtInf    `xml:"PmtInf"`
}

type p1GroupHeader struct {
	MsgID    string `xml:"MsgId"`
	CreDtTm  string `xml:"CreDtTm"`
	NbOfTxs  string `xml:"NbOfTxs"`
	CtrlSum  string `xml:"CtrlSum"`
	InitgPty xParty `xml:"InitgPty"`
}

type p1PmtInf struct {
	PmtInfID    string       `xml:"PmtInfId"`
	PmtMtd      string       `xml:"PmtMtd"`
	BtchBookg   string       `xml:"BtchBookg"`
	NbOfTxs     string       `xml:"NbOfTxs"`
	CtrlSum     string       `xml:"CtrlSum"`
	ReqdExctnDt xDateChoice  `xml:"ReqdExctnDt"`
	Dbtr        xParty       `xml:"Dbtr"`
	DbtrAcct    xAccount     `xml:"DbtrAcct"`
	DbtrAgt     xAgent       `xml:"DbtrAgt"`
	Txs         []p1CdtTrfTx `xml:"CdtTrfTxInf"`
}

type p1CdtTrfTx struct {
	PmtID    p1PmtID   `xml:"PmtId"`
	Amt      p1Amt     `xml:"Amt"`
	CdtrAgt  *xAgent   `xml:"CdtrAgt"`
	Cdtr     *xParty   `xml:"Cdtr"`
	CdtrAcct *xAccount `xml:"CdtrAcct"`
	RmtInf   *xRmtInf  `xml:"RmtInf"`
}

type p1PmtID struct {
	InstrID    string `xml:"InstrId"`
	EndToEndID string `xml:"EndToEndId"`
}

type p1Amt struct {
	InstdAmt *xAmount `xml:"InstdAmt"`
}

// Shared ISO components, also used by pain.002 and camt.054.

type xParty struct {
	Nm string `xml:"Nm,omitempty"`
}

type xAmount struct {
	Ccy   string `xml:"Ccy,attr"`
	Value string `xml:",chardata"`
}

type xDateChoice struct {
	Dt string `xml:"Dt,omitempty"`
}

type xAccount struct {
	ID xAccountID `xml:"Id"`
}

type xAccountID struct {
	Othr *xGenericAccount `xml:"Othr"`
}

type xGenericAccount struct {
	ID      string        `xml:"Id"`
	SchmeNm *xPrtryChoice `xml:"SchmeNm"`
}

type xPrtryChoice struct {
	Prtry string `xml:"Prtry"`
}

type xAgent struct {
	FinInstnID xFinInstn `xml:"FinInstnId"`
}

type xFinInstn struct {
	BICFI string      `xml:"BICFI,omitempty"`
	Othr  *xOthrFinID `xml:"Othr"`
}

type xOthrFinID struct {
	ID string `xml:"Id"`
}

type xRmtInf struct {
	Ustrd []string `xml:"Ustrd"`
}
