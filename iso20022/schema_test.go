package iso20022_test

import (
	"path/filepath"
	"testing"

	"github.com/prakerja/prakerja/iso20022"
)

// TestSchemaValid writes sample files and validates them with xmllint
// against the official XSDs: one item, many items, bank and e-wallet
// items, reports with and without items, notifications.
func TestSchemaValid(t *testing.T) {
	t.Parallel()
	dir := schemaDir(t)
	pain001 := filepath.Join(dir, "pain.001.001.09.xsd")
	pain002 := filepath.Join(dir, "pain.002.001.10.xsd")
	camt054 := filepath.Join(dir, "camt.054.001.09.xsd")
	one, many, wallets := sampleInitiation(1, false), sampleInitiation(500, false), sampleInitiation(3, true)
	fileReject := &iso20022.StatusReport{MsgID: "BNI-PSR-2", Created: one.Created, OrgnlMsgID: "PKJ-RUN-7-FILE-1",
		OrgnlMsgNmID: iso20022.MsgNamePain001, GroupStatus: "RJCT", GroupReason: "FF01", GroupInfo: "not a pain.001"}
	emptyNtf := sampleNotification(one)
	emptyNtf.Entries = nil
	tests := []struct {
		name, xsd string
		doc       []byte
	}{
		{"Pain001One", pain001, mustWrite(t, iso20022.WritePain001, one)},
		{"Pain001Many", pain001, mustWrite(t, iso20022.WritePain001, many)},
		{"Pain001Ewallet", pain001, mustWrite(t, iso20022.WritePain001, wallets)},
		{"Pain002Items", pain002, mustWrite(t, iso20022.WritePain002, sampleReport(many))},
		{"Pain002FileRejected", pain002, mustWrite(t, iso20022.WritePain002, fileReject)},
		{"Camt054Entries", camt054, mustWrite(t, iso20022.WriteCamt054, sampleNotification(many))},
		{"Camt054Empty", camt054, mustWrite(t, iso20022.WriteCamt054, emptyNtf)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			xmllint(t, tc.xsd, tc.doc)
		})
	}
}
