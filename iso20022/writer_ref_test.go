package iso20022

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"testing"
)

// The writers used to marshal the document structs with encoding/xml;
// these are those writers, kept as the reference the direct writers must
// match byte for byte.

func refWriteXML(t testing.TB, doc any) []byte {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

func refPain001(in *Initiation) *p1Document {
	n, sum := strconv.Itoa(len(in.Payments)), formatAmount(in.Total())
	pi := p1PmtInf{
		PmtInfID: in.PmtInfID, PmtMtd: "TRF", BtchBookg: "true", NbOfTxs: n, CtrlSum: sum,
		ReqdExctnDt: xDateChoice{Dt: formatDate(in.ExecutionDate)},
		Dbtr:        xParty{Nm: in.DebtorName},
		DbtrAcct:    xAccount{ID: xAccountID{Othr: &xGenericAccount{ID: in.DebtorAccount}}},
		DbtrAgt:     xAgent{FinInstnID: xFinInstn{BICFI: in.DebtorAgentBIC}},
		Txs:         make([]p1CdtTrfTx, len(in.Payments)),
	}
	for i := range in.Payments {
		pi.Txs[i] = refCdtTrfTx(&in.Payments[i])
	}
	return &p1Document{Init: p1Initiate{
		GrpHdr: p1GroupHeader{MsgID: in.MsgID, CreDtTm: formatDateTime(in.Created), NbOfTxs: n, CtrlSum: sum,
			InitgPty: xParty{Nm: in.InitiatingParty}},
		PmtInf: []p1PmtInf{pi},
	}}
}

func refCdtTrfTx(p *Payment) p1CdtTrfTx {
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

// refPain002 maps a validated report to its document. Zero counts and sums are
// left out: they mean "not stated".
func refPain002(s *StatusReport) *p2Document {
	d := &p2Document{}
	d.Rpt.GrpHdr.MsgID, d.Rpt.GrpHdr.CreDtTm = s.MsgID, formatDateTime(s.Created)
	g := &d.Rpt.Grp
	g.OrgnlMsgID, g.OrgnlMsgNmID, g.GrpSts = s.OrgnlMsgID, s.OrgnlMsgNmID, s.GroupStatus
	if s.OrgnlNbOfTxs > 0 {
		g.OrgnlNbOfTxs = strconv.Itoa(s.OrgnlNbOfTxs)
	}
	if s.OrgnlCtrlSum > 0 {
		g.OrgnlCtrlSum = formatAmount(s.OrgnlCtrlSum)
	}
	if s.GroupReason != "" || s.GroupInfo != "" {
		g.StsRsnInf = []p2Reason{refReason(s.GroupReason, s.GroupInfo)}
	}
	if s.OrgnlPmtInfID == "" {
		return d
	}
	pi := p2PmtInf{OrgnlPmtInfID: s.OrgnlPmtInfID, Txs: make([]p2Tx, len(s.Items))}
	for i, it := range s.Items {
		tx := p2Tx{OrgnlInstrID: it.OrgnlInstrID, OrgnlEndToEndID: it.OrgnlEndToEndID, TxSts: it.Status}
		if it.Reason != "" || it.AdditionalInfo != "" {
			tx.StsRsnInf = []p2Reason{refReason(it.Reason, it.AdditionalInfo)}
		}
		if it.Amount != 0 {
			tx.OrgnlTxRef = &p2TxRef{Amt: p1Amt{InstdAmt: &xAmount{Ccy: Currency, Value: formatAmount(it.Amount)}}}
		}
		pi.Txs[i] = tx
	}
	d.Rpt.PmtInf = []p2PmtInf{pi}
	return d
}

func refReason(code, info string) p2Reason {
	var r p2Reason
	if code != "" {
		r.Rsn = &xCode{Cd: code}
	}
	if info != "" {
		r.AddtlInf = []string{info}
	}
	return r
}

// refCamt054 maps a validated notification to its document, adding the
// TxsSummry from the entries.
func refCamt054(n *Notification) *c54Document {
	d := &c54Document{}
	d.Msg.GrpHdr.MsgID, d.Msg.GrpHdr.CreDtTm = n.MsgID, formatDateTime(n.Created)
	nt := c54Ntfctn{ID: n.NtfctnID, Acct: xAccount{ID: xAccountID{Othr: &xGenericAccount{ID: n.Account}}},
		TxsSummry: &c54Summary{}, Ntry: make([]c54Entry, len(n.Entries))}
	count, sum, net := summary(n.Entries)
	dir := Credit
	if net < 0 {
		dir, net = Debit, -net
	}
	nt.TxsSummry.TtlNtries = &c54Totals{NbOfNtries: strconv.Itoa(count), Sum: formatAmount(sum),
		TtlNetNtry: &c54Net{Amt: formatAmount(net), CdtDbtInd: dir}}
	for i := range n.Entries {
		nt.Ntry[i] = refC54Entry(&n.Entries[i])
	}
	d.Msg.Ntfctn = []c54Ntfctn{nt}
	return d
}

func refC54Entry(e *Entry) c54Entry {
	ce := c54Entry{Amt: xAmount{Ccy: Currency, Value: formatAmount(e.Amount)}, CdtDbtInd: e.CreditDebit,
		BookgDt: xDateChoice{Dt: formatDate(e.BookingDate)}, AcctSvcrRef: e.AcctSvcrRef}
	ce.Sts.Cd = e.Status
	ce.BkTxCd.Domn.Cd, ce.BkTxCd.Domn.Fmly.Cd, ce.BkTxCd.Domn.Fmly.SubFmlyCd = "PMNT", "ICDT", "DMCT"
	if e.InstrID == "" && e.EndToEndID == "" {
		return ce
	}
	tx := c54TxDtls{Amt: ce.Amt, CdtDbtInd: e.CreditDebit}
	tx.Refs.InstrID, tx.Refs.EndToEndID = e.InstrID, e.EndToEndID
	ce.NtryDtls = []c54NtryDtls{{TxDtls: []c54TxDtls{tx}}}
	return ce
}

func TestWritersMatchEncodingXML(t *testing.T) {
	samples := fastSamples(t)
	in, err := ReadPain001(bytes.NewReader(samples["p1"]))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ReadPain002(bytes.NewReader(samples["p2"]))
	if err != nil {
		t.Fatal(err)
	}
	ntf, err := ReadCamt054(bytes.NewReader(samples["c54"]))
	if err != nil {
		t.Fatal(err)
	}
	fileReject := &StatusReport{MsgID: "R-2", Created: rep.Created, OrgnlMsgID: "M-1", OrgnlMsgNmID: MsgNamePain001,
		GroupStatus: "RJCT", GroupReason: "FF01", GroupInfo: "not a pain.001 \u2028 é"}
	noItems := *rep
	noItems.Items = nil
	bare := &StatusReport{MsgID: "R-3", Created: rep.Created, OrgnlMsgID: "M-1", OrgnlMsgNmID: "XENDIT-CSV"}
	emptyNtf := *ntf
	emptyNtf.Entries = nil
	credit := *ntf
	credit.Entries = ntf.Entries[1:2]
	check := func(name string, got, want []byte) {
		if !bytes.Equal(got, want) {
			t.Errorf("%s: writer output differs from encoding/xml's:\n%s\n---\n%s", name, got, want)
		}
	}
	write := func(f func(*bytes.Buffer) error) []byte {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	check("pain.001", write(func(b *bytes.Buffer) error { return WritePain001(b, in) }), refWriteXML(t, refPain001(in)))
	for name, s := range map[string]*StatusReport{"items": rep, "reject": fileReject, "noitems": &noItems, "bare": bare} {
		check("pain.002 "+name, write(func(b *bytes.Buffer) error { return WritePain002(b, s) }), refWriteXML(t, refPain002(s)))
	}
	for name, n := range map[string]*Notification{"entries": ntf, "empty": &emptyNtf, "credit": &credit} {
		check("camt.054 "+name, write(func(b *bytes.Buffer) error { return WriteCamt054(b, n) }), refWriteXML(t, refCamt054(n)))
	}
}

// FuzzWriters writes whatever the readers accept with both writers.
func FuzzWriters(f *testing.F) {
	for _, b := range fastSamples(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if in, err := ReadPain001(bytes.NewReader(b)); err == nil {
			var got bytes.Buffer
			if err := WritePain001(&got, in); err != nil || !bytes.Equal(got.Bytes(), refWriteXML(t, refPain001(in))) {
				t.Fatalf("pain.001 writer differs (%v)", err)
			}
		}
		if s, err := ReadPain002(bytes.NewReader(b)); err == nil {
			var got bytes.Buffer
			if err := WritePain002(&got, s); err != nil || !bytes.Equal(got.Bytes(), refWriteXML(t, refPain002(s))) {
				t.Fatalf("pain.002 writer differs (%v)", err)
			}
		}
		if n, err := ReadCamt054(bytes.NewReader(b)); err == nil {
			var got bytes.Buffer
			if err := WriteCamt054(&got, n); err != nil || !bytes.Equal(got.Bytes(), refWriteXML(t, refCamt054(n))) {
				t.Fatalf("camt.054 writer differs (%v)", err)
			}
		}
	})
}
