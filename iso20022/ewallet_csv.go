package iso20022

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ewalletHeader is the e-wallet partner's batch template (Xendit-style):
// one row per payment.
var ewalletHeader = []string{"reference", "amount", "channel_code", "account_name", "account_number", "description"}

// The CSV carries one reference per row. It is the payment's InstrID,
// because partners answer by it and every answer must name the attempt;
// ReadEwalletCSV therefore returns EndToEndID equal to InstrID, and the
// programme maps an attempt back to its entitlement itself.

// WriteEwalletCSV writes the payments of in (all SchemeEwallet, no BIC) as
// the partner's batch CSV. Header fields of in are not part of the format.
// A cell that a spreadsheet would run as a formula (starting with = + - @,
// tab or CR) or that starts with an apostrophe gets a leading apostrophe.
func WriteEwalletCSV(w io.Writer, in *Initiation) error {
	if err := validateEwallet(in.Payments); err != nil {
		return fmt.Errorf("e-wallet CSV: %w", err)
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if err := cw.Write(ewalletHeader); err != nil {
		return fmt.Errorf("e-wallet CSV: %w", err)
	}
	for i := range in.Payments {
		p := &in.Payments[i]
		row := []string{neutralise(p.InstrID), formatAmount(p.Amount), neutralise(p.Provider),
			neutralise(p.CreditorName), neutralise(p.CreditorAccount), neutralise(p.Remittance)}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("e-wallet CSV: item %d: %w", i, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("e-wallet CSV: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("e-wallet CSV: write: %w", err)
	}
	return nil
}

// ReadEwalletCSV reads a partner batch CSV into an Initiation holding
// only Payments. It undoes the writer's apostrophes, and refuses what the
// writer would refuse.
func ReadEwalletCSV(r io.Reader) (*Initiation, error) {
	b, err := readBounded(r, "e-wallet CSV")
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(bomless(b)))
	cr.FieldsPerRecord = len(ewalletHeader)
	head, err := cr.Read()
	if err != nil {
		return nil, csvErr(err)
	}
	if strings.Join(head, ",") != strings.Join(ewalletHeader, ",") {
		return nil, fmt.Errorf("e-wallet CSV: header must be %s", strings.Join(ewalletHeader, ","))
	}
	in := &Initiation{}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvErr(err)
		}
		if len(in.Payments) == MaxPaymentsPerFile {
			return nil, fmt.Errorf("e-wallet CSV: more than %d rows", MaxPaymentsPerFile)
		}
		i := len(in.Payments)
		amount, err := parseAmount(row[1])
		if err != nil {
			return nil, fmt.Errorf("e-wallet CSV: item %d (line %d): amount: %w", i, i+2, err)
		}
		ref := unneutralise(row[0])
		in.Payments = append(in.Payments, Payment{InstrID: ref, EndToEndID: ref, Amount: amount,
			Provider: unneutralise(row[2]), CreditorName: unneutralise(row[3]),
			CreditorAccount: unneutralise(row[4]), Remittance: unneutralise(row[5]), Scheme: SchemeEwallet})
	}
	if err := validateEwallet(in.Payments); err != nil {
		return nil, fmt.Errorf("e-wallet CSV: %w", err)
	}
	return in, nil
}

// validateEwallet checks payments for the CSV, which has no BIC and no
// scheme column.
func validateEwallet(ps []Payment) error {
	if err := validatePayments(ps); err != nil {
		return err
	}
	for i := range ps {
		if ps[i].Scheme != SchemeEwallet || ps[i].CreditorAgentBIC != "" {
			return fmt.Errorf("item %d (InstrId %s): the CSV takes only e-wallet payments without a BIC", i, ps[i].InstrID)
		}
	}
	return nil
}

// csvErr keeps the line of a CSV syntax error and drops anything else.
func csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("e-wallet CSV: line %d: %w: %w", pe.Line, ErrMalformed, pe.Err)
	}
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("e-wallet CSV: %w: empty file", ErrMalformed)
	}
	return fmt.Errorf("e-wallet CSV: %w", err)
}

// neutralise prefixes an apostrophe to a cell a spreadsheet would treat
// as a formula (CSV injection), and to one that already starts with an
// apostrophe, so unneutralise restores every value exactly.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r'", rune(s[0])) {
		return "'" + s
	}
	return s
}

// unneutralise drops one leading apostrophe.
func unneutralise(s string) string { return strings.TrimPrefix(s, "'") }
