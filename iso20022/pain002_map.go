package iso20022

import "fmt"

// fromReason reads the one StsRsnInf the programme writes.
func fromReason(rs []p2Reason) (code, info string, err error) {
	if len(rs) == 0 {
		return "", "", nil
	}
	if len(rs) > 1 || len(rs[0].AddtlInf) > 1 {
		return "", "", fmt.Errorf("StsRsnInf: at most one reason with one AddtlInf is supported")
	}
	if rs[0].Rsn != nil {
		if code = rs[0].Rsn.Cd; code == "" {
			return "", "", fmt.Errorf("StsRsnInf/Rsn/Cd is empty")
		}
	}
	if len(rs[0].AddtlInf) == 1 {
		if info = rs[0].AddtlInf[0]; info == "" {
			return "", "", fmt.Errorf("StsRsnInf/AddtlInf is empty")
		}
	}
	if code == "" && info == "" {
		return "", "", fmt.Errorf("StsRsnInf is empty")
	}
	return code, info, nil
}

// fromP2 maps a document to a report; validateStatusReport checks the rest.
func fromP2(r *p2Report) (*StatusReport, error) {
	s := &StatusReport{MsgID: r.GrpHdr.MsgID, OrgnlMsgID: r.Grp.OrgnlMsgID, OrgnlMsgNmID: r.Grp.OrgnlMsgNmID,
		GroupStatus: r.Grp.GrpSts}
	var err error
	if s.Created, err = parseDateTime(r.GrpHdr.CreDtTm); err != nil {
		return nil, fmt.Errorf("GrpHdr/CreDtTm: %w", err)
	}
	if r.Grp.OrgnlNbOfTxs != "" {
		if s.OrgnlNbOfTxs, err = parseCount(r.Grp.OrgnlNbOfTxs); err != nil || s.OrgnlNbOfTxs == 0 {
			return nil, fmt.Errorf("OrgnlNbOfTxs must be a positive count")
		}
	}
	if r.Grp.OrgnlCtrlSum != "" {
		if s.OrgnlCtrlSum, err = parseAmount(r.Grp.OrgnlCtrlSum); err != nil || s.OrgnlCtrlSum == 0 {
			return nil, fmt.Errorf("OrgnlCtrlSum must be a positive whole amount")
		}
	}
	if s.GroupReason, s.GroupInfo, err = fromReason(r.Grp.StsRsnInf); err != nil {
		return nil, fmt.Errorf("OrgnlGrpInfAndSts: %w", err)
	}
	if len(r.PmtInf) > 1 {
		return nil, fmt.Errorf("OrgnlPmtInfAndSts: at most one block is supported, have %d", len(r.PmtInf))
	}
	if len(r.PmtInf) == 0 {
		return s, nil
	}
	pi := &r.PmtInf[0]
	if pi.OrgnlPmtInfID == "" {
		return nil, fmt.Errorf("OrgnlPmtInfAndSts/OrgnlPmtInfId is required")
	}
	if len(pi.Txs) > MaxPaymentsPerFile {
		return nil, fmt.Errorf("TxInfAndSts: more than %d items", MaxPaymentsPerFile)
	}
	s.OrgnlPmtInfID = pi.OrgnlPmtInfID
	if len(pi.Txs) == 0 {
		return s, nil
	}
	s.Items = make([]TxStatus, len(pi.Txs))
	for i := range pi.Txs {
		if err := fromP2Tx(&pi.Txs[i], &s.Items[i]); err != nil {
			return nil, fmt.Errorf("TxInfAndSts item %d: %w", i, err)
		}
	}
	return s, nil
}

func fromP2Tx(tx *p2Tx, it *TxStatus) error {
	it.OrgnlInstrID, it.OrgnlEndToEndID, it.Status = tx.OrgnlInstrID, tx.OrgnlEndToEndID, tx.TxSts
	var err error
	if it.Reason, it.AdditionalInfo, err = fromReason(tx.StsRsnInf); err != nil {
		return err
	}
	if tx.OrgnlTxRef == nil {
		return nil
	}
	amt := tx.OrgnlTxRef.Amt.InstdAmt
	if amt == nil || amt.Ccy != Currency {
		return fmt.Errorf("OrgnlTxRef/Amt/InstdAmt in %s is required when OrgnlTxRef is present", Currency)
	}
	if it.Amount, err = parseAmount(amt.Value); err != nil || it.Amount == 0 {
		return fmt.Errorf("OrgnlTxRef/Amt/InstdAmt must be a positive whole amount")
	}
	return nil
}
