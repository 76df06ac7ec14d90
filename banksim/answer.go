package banksim

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/prakerja/prakerja/iso20022"
)

// MsgNameEwalletCSV is the OrgnlMsgNmId of answers to an e-wallet CSV.
const MsgNameEwalletCSV = "ewallet-csv"

// Answer returns the pain.002 for the non-silent items of in and the
// camt.054 booking a DBIT for each accepted (ACSC) item. Message IDs are
// derived from in.MsgID (for a CSV batch without one, from its InstrIDs;
// ProcessFolder names a CSV batch by its file name), so the same input,
// config and now give byte-identical files. in must be valid, as
// ReadPain001 and ReadEwalletCSV return it.
func Answer(in *iso20022.Initiation, cfg Config, now time.Time) (*iso20022.StatusReport, *iso20022.Notification) {
	msgID := in.MsgID
	if msgID == "" {
		msgID = batchID(in)
	}
	nameID, pmtInfID := iso20022.MsgNamePain001, in.PmtInfID
	if pmtInfID == "" { // an e-wallet CSV: no PmtInf, no message name
		nameID, pmtInfID = MsgNameEwalletCSV, msgID
	}
	rep := &iso20022.StatusReport{MsgID: derive("PSR", msgID), Created: now, OrgnlMsgID: msgID, OrgnlMsgNmID: nameID,
		OrgnlNbOfTxs: len(in.Payments), OrgnlCtrlSum: in.Total(), OrgnlPmtInfID: pmtInfID}
	ntf := &iso20022.Notification{MsgID: derive("NTF", msgID), Created: now, NtfctnID: derive("NTFN", msgID),
		Account: cfg.Account}
	if ntf.Account == "" {
		ntf.Account = in.DebtorAccount
	}
	if ntf.Account == "" {
		ntf.Account = "SIMULATED"
	}
	y, m, d := now.In(iso20022.WIB()).Date()
	booked := time.Date(y, m, d, 0, 0, 0, 0, iso20022.WIB())
	accepted, rejected := 0, 0
	for i := range in.Payments {
		p := &in.Payments[i]
		silent, status, reason, info := cfg.decide(p)
		if silent {
			continue
		}
		rep.Items = append(rep.Items, iso20022.TxStatus{OrgnlInstrID: p.InstrID, OrgnlEndToEndID: p.EndToEndID,
			Status: status, Reason: reason, AdditionalInfo: info, Amount: p.Amount})
		if status != iso20022.StatusAccepted {
			rejected++
			continue
		}
		accepted++
		ntf.Entries = append(ntf.Entries, iso20022.Entry{Amount: p.Amount, CreditDebit: iso20022.Debit,
			Status: iso20022.Booked, BookingDate: booked, AcctSvcrRef: derive("BK", msgID, p.InstrID),
			InstrID: p.InstrID, EndToEndID: p.EndToEndID})
	}
	switch {
	case accepted == len(in.Payments):
		rep.GroupStatus = iso20022.StatusAccepted
	case rejected == len(in.Payments):
		rep.GroupStatus = iso20022.StatusRejected
	default:
		rep.GroupStatus = iso20022.GroupPartial
	}
	return rep, ntf
}

// batchID names a CSV batch, which carries no MsgId, by its payments.
func batchID(in *iso20022.Initiation) string {
	parts := make([]string, 0, len(in.Payments))
	for i := range in.Payments {
		parts = append(parts, in.Payments[i].InstrID)
	}
	return derive("CSV", parts...)
}

// Rejected answers a file that could not be read at all: GrpSts RJCT
// with FF01 and a note that never holds the file's content. nameID is
// iso20022.MsgNamePain001 or MsgNameEwalletCSV.
func Rejected(orgnlMsgID, nameID string, now time.Time, note string) *iso20022.StatusReport {
	note = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, note)
	if r := []rune(note); len(r) > 100 {
		note = string(r[:100])
	}
	return &iso20022.StatusReport{MsgID: derive("PSR", orgnlMsgID), Created: now, OrgnlMsgID: orgnlMsgID,
		OrgnlMsgNmID: nameID, GroupStatus: iso20022.StatusRejected,
		GroupReason: iso20022.ReasonBadFormat, GroupInfo: note}
}
