package iso20022

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// fastSamples are writer outputs and hand-made variants that the fast
// path must take (true) or leave to encoding/xml (false).
func fastSamples(t testing.TB) map[string][]byte {
	t.Helper()
	created := time.Date(2026, 11, 27, 10, 0, 0, 0, wib)
	in := &Initiation{MsgID: "M-1", Created: created, InitiatingParty: `PMO "Prakerja" & <Co> 'é'`, PmtInfID: "P-1",
		ExecutionDate: created, DebtorName: "PMO", DebtorAccount: "0123456789", DebtorAgentBIC: "BNINIDJA",
		Payments: []Payment{
			{InstrID: "A-1", EndToEndID: "A", Amount: 600000, CreditorName: "Siti > Rahayu", CreditorAccount: "0001",
				CreditorAgentBIC: "BNINIDJA", Provider: "BNI", Scheme: SchemeBank, Remittance: "Insentif 1/4"},
			{InstrID: "B-1", EndToEndID: "B", Amount: 1, CreditorName: "Budi 😀", CreditorAccount: "+62812",
				Provider: "OVO", Scheme: SchemeEwallet},
		}}
	rep := &StatusReport{MsgID: "R-1", Created: created, OrgnlMsgID: "M-1", OrgnlMsgNmID: MsgNamePain001,
		OrgnlNbOfTxs: 2, OrgnlCtrlSum: 600001, GroupStatus: "PART", GroupReason: "NARR", GroupInfo: "some & more",
		OrgnlPmtInfID: "P-1", Items: []TxStatus{
			{OrgnlInstrID: "A-1", OrgnlEndToEndID: "A", Status: "RJCT", Reason: "AC04", AdditionalInfo: "closed", Amount: 600000},
			{OrgnlInstrID: "B-1", Status: "ACSC"},
			{OrgnlEndToEndID: "C", Status: "PDNG", AdditionalInfo: "wait"},
		}}
	ntf := &Notification{MsgID: "N-1", Created: created, NtfctnID: "N-1-1", Account: "0123456789", Entries: []Entry{
		{Amount: 600000, CreditDebit: Debit, Status: Booked, BookingDate: created, AcctSvcrRef: "X1", InstrID: "A-1", EndToEndID: "A"},
		{Amount: 5, CreditDebit: Credit, Status: "INFO", BookingDate: created, AcctSvcrRef: "X2"},
		{Amount: 7, CreditDebit: Debit, Status: "PDNG", BookingDate: created, AcctSvcrRef: "X3", EndToEndID: "E"},
	}}
	var p1, p2, c54 bytes.Buffer
	for _, err := range []error{WritePain001(&p1, in), WritePain002(&p2, rep), WriteCamt054(&c54, ntf)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	mod := func(b []byte, old, new string) []byte {
		s := strings.Replace(string(b), old, new, 1)
		if s == string(b) {
			t.Fatalf("fixture: %q not found", old)
		}
		return []byte(s)
	}
	return map[string][]byte{
		"p1":          p1.Bytes(),
		"p2":          p2.Bytes(),
		"c54":         c54.Bytes(),
		"p1-noheader": bytes.TrimPrefix(p1.Bytes(), []byte(xmlDecl)),
		"p1-attrs": mod(p1.Bytes(), `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">`,
			`<Document xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns='urn:iso:std:iso:20022:tech:xsd:pain.001.001.09' xsi:schemaLocation="x y" >`),
		"p1-unknown":   mod(p1.Bytes(), "<PmtMtd>", "<Foo a=\"1\"><Bar>x</Bar><Baz/></Foo><PmtMtd>"),
		"p1-repeat":    mod(p1.Bytes(), "<PmtMtd>TRF</PmtMtd>", "<PmtMtd>X</PmtMtd><PmtMtd>T<x/>RF</PmtMtd>"),
		"p1-numref":    mod(p1.Bytes(), "<Nm>PMO</Nm>", "<Nm>&#80;&#x4d;&#x4F;</Nm>"),
		"p1-selfclose": mod(p1.Bytes(), "<Ustrd>Insentif 1/4</Ustrd>", "<Ustrd/><Ustrd></Ustrd >"),
		"p2-empty":     []byte(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt/></Document>`),
		"c54-empty":    []byte(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.09"/>trailing <junk`),
		"c54-ccy2":     mod(c54.Bytes(), `<Amt Ccy="IDR">600000</Amt>`, `<Amt Ccy="USD">1</Amt><Amt>600000</Amt>`),
		"c54-attr":     mod(c54.Bytes(), `<Amt Ccy="IDR">600000</Amt>`, `<Amt  x:y="1"	Ccy = '&#73;D&#x52;' a="&lt;]]&gt;">600000</Amt>`),
		"p2-text":      mod(p2.Bytes(), "<TxSts>RJCT</TxSts>", "<TxSts>\n RJ<x a=\"1\"/>CT</TxSts>"),
	}
}

// fastSlow runs both paths on b for one document type and fails if the
// fast path takes a file encoding/xml refuses or reads it differently.
func fastSlow[T any](t *testing.T, b []byte, fast func(*fastXML, *T)) (fastOK bool) {
	t.Helper()
	fd := new(T)
	fastOK = runFast(b, func(x *fastXML) { fast(x, fd) })
	sd, err := slowDecode[T](b, "test")
	if fastOK && err != nil {
		t.Fatalf("fast path accepted what encoding/xml refuses (%v):\n%q", err, b)
	}
	if fastOK && !reflect.DeepEqual(fd, sd) {
		t.Fatalf("fast path and encoding/xml differ:\nfast %+v\nslow %+v\ninput %q", fd, sd, b)
	}
	return fastOK
}

func TestFastPathMatchesEncodingXML(t *testing.T) {
	for name, b := range fastSamples(t) {
		var ok bool
		switch name[:2] {
		case "p1":
			ok = fastSlow(t, b, fastPain001)
		case "p2":
			ok = fastSlow(t, b, fastPain002)
		default:
			ok = fastSlow(t, b, fastCamt054)
		}
		if !ok {
			t.Errorf("%s: fast path gave up on a file it should take", name)
		}
	}
	for _, b := range []string{
		"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\">\r\n</Document>",
		`<!-- c --><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"/>`,
		`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><![CDATA[x]]></Document>`,
		`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">&#xD800;</Document>`,
		`<p:Document xmlns:p="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"/>`,
		`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"></Documen>`,
		`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">]]></Document>`,
	} {
		if fastSlow(t, []byte(b), fastPain002) {
			t.Errorf("fast path took %q, which it should leave to encoding/xml", b)
		}
	}
}

// FuzzFastPath checks the fast path against encoding/xml on any input.
func FuzzFastPath(f *testing.F) {
	for _, b := range fastSamples(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fastSlow(t, b, fastPain001)
		fastSlow(t, b, fastPain002)
		fastSlow(t, b, fastCamt054)
	})
}

// The regular expressions the byte checks replace.
var patternChecks = []struct {
	re *regexp.Regexp
	ok func(string) bool
}{
	{regexp.MustCompile(`^[A-Za-z0-9/-]{1,35}$`), isID},
	{regexp.MustCompile(`^[A-Za-z0-9+./-]{1,34}$`), isAccount},
	{regexp.MustCompile(`^[A-Z0-9_]{1,35}$`), isProvider},
	{regexp.MustCompile(`^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$`), isBIC},
	{regexp.MustCompile(`^[A-Z0-9]{4}$`), isCode},
}

func TestPatternsMatchRegexps(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("AZaz09/-+._ \n\xc3\xa9\x00Ä")
	for range 200_000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			if r.IntN(4) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			} else {
				b[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[r.IntN(36)]
			}
		}
		for i, p := range patternChecks {
			if got, want := p.ok(string(b)), p.re.MatchString(string(b)); got != want {
				t.Fatalf("pattern %d on %q: got %v, want %v", i, b, got, want)
			}
		}
	}
}

func FuzzPatterns(f *testing.F) {
	f.Add("BNINIDJA")
	f.Add("PKJ000000000000I1-1")
	f.Fuzz(func(t *testing.T, s string) {
		for i, p := range patternChecks {
			if got, want := p.ok(s), p.re.MatchString(s); got != want {
				t.Fatalf("pattern %d on %q: got %v, want %v", i, s, got, want)
			}
		}
	})
}
