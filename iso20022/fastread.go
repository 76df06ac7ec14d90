package iso20022

// Fast-path decoders: one function per document struct, each mirroring
// the struct's xml tags (see fastXML for the rules). Every function is
// called just after the element's start tag and fills into the struct it
// is given, as encoding/xml does for a repeated element.

// fastPain001 fills doc from a pain.001.001.09 file.
func fastPain001(x *fastXML, doc *p1Document) {
	root := x.root(NamespacePain001)
	doc.XMLName.Space, doc.XMLName.Local = NamespacePain001, "Document"
	for x.child(root) {
		if string(x.name) == "CstmrCdtTrfInitn" {
			fastP1Initiate(x, &doc.Init)
		} else {
			x.skip()
		}
	}
}

func fastP1Initiate(x *fastXML, d *p1Initiate) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "GrpHdr":
			fastP1GroupHeader(x, &d.GrpHdr)
		case "PmtInf":
			d.PmtInf = append(d.PmtInf, p1PmtInf{})
			fastP1PmtInf(x, &d.PmtInf[len(d.PmtInf)-1])
		default:
			x.skip()
		}
	}
}

func fastP1GroupHeader(x *fastXML, h *p1GroupHeader) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "MsgId":
			h.MsgID = x.str()
		case "CreDtTm":
			h.CreDtTm = x.str()
		case "NbOfTxs":
			h.NbOfTxs = x.str()
		case "CtrlSum":
			h.CtrlSum = x.str()
		case "InitgPty":
			fastParty(x, &h.InitgPty)
		default:
			x.skip()
		}
	}
}

func fastP1PmtInf(x *fastXML, pi *p1PmtInf) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "PmtInfId":
			pi.PmtInfID = x.str()
		case "PmtMtd":
			pi.PmtMtd = x.str()
		case "BtchBookg":
			pi.BtchBookg = x.str()
		case "NbOfTxs":
			pi.NbOfTxs = x.str()
		case "CtrlSum":
			pi.CtrlSum = x.str()
		case "ReqdExctnDt":
			fastDateChoice(x, &pi.ReqdExctnDt)
		case "Dbtr":
			fastParty(x, &pi.Dbtr)
		case "DbtrAcct":
			fastAccount(x, &pi.DbtrAcct)
		case "DbtrAgt":
			fastAgent(x, &pi.DbtrAgt)
		case "CdtTrfTxInf":
			if pi.Txs == nil {
				pi.Txs = make([]p1CdtTrfTx, 0, x.itemHint("<CdtTrfTxInf>"))
			}
			pi.Txs = append(pi.Txs, p1CdtTrfTx{})
			fastP1CdtTrfTx(x, &pi.Txs[len(pi.Txs)-1])
		default:
			x.skip()
		}
	}
}

func fastP1CdtTrfTx(x *fastXML, tx *p1CdtTrfTx) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "PmtId":
			for name := x.enter(); x.child(name); {
				switch string(x.name) {
				case "InstrId":
					tx.PmtID.InstrID = x.str()
				case "EndToEndId":
					tx.PmtID.EndToEndID = x.str()
				default:
					x.skip()
				}
			}
		case "Amt":
			fastAmt(x, &tx.Amt)
		case "CdtrAgt":
			if tx.CdtrAgt == nil {
				tx.CdtrAgt = new(xAgent)
			}
			fastAgent(x, tx.CdtrAgt)
		case "Cdtr":
			if tx.Cdtr == nil {
				tx.Cdtr = new(xParty)
			}
			fastParty(x, tx.Cdtr)
		case "CdtrAcct":
			if tx.CdtrAcct == nil {
				tx.CdtrAcct = new(xAccount)
			}
			fastAccount(x, tx.CdtrAcct)
		case "RmtInf":
			if tx.RmtInf == nil {
				tx.RmtInf = new(xRmtInf)
			}
			for name := x.enter(); x.child(name); {
				if string(x.name) == "Ustrd" {
					tx.RmtInf.Ustrd = append(tx.RmtInf.Ustrd, x.str())
				} else {
					x.skip()
				}
			}
		default:
			x.skip()
		}
	}
}

func fastAmt(x *fastXML, a *p1Amt) {
	for name := x.enter(); x.child(name); {
		if string(x.name) == "InstdAmt" {
			if a.InstdAmt == nil {
				a.InstdAmt = new(xAmount)
			}
			x.amount(a.InstdAmt)
		} else {
			x.skip()
		}
	}
}

func fastParty(x *fastXML, p *xParty) {
	for name := x.enter(); x.child(name); {
		if string(x.name) == "Nm" {
			p.Nm = x.str()
		} else {
			x.skip()
		}
	}
}

func fastDateChoice(x *fastXML, d *xDateChoice) {
	for name := x.enter(); x.child(name); {
		if string(x.name) == "Dt" {
			d.Dt = x.str()
		} else {
			x.skip()
		}
	}
}

func fastAccount(x *fastXML, a *xAccount) {
	for name := x.enter(); x.child(name); {
		if string(x.name) != "Id" {
			x.skip()
			continue
		}
		for name := x.enter(); x.child(name); {
			if string(x.name) != "Othr" {
				x.skip()
				continue
			}
			if a.ID.Othr == nil {
				a.ID.Othr = new(xGenericAccount)
			}
			o := a.ID.Othr
			for name := x.enter(); x.child(name); {
				switch string(x.name) {
				case "Id":
					o.ID = x.str()
				case "SchmeNm":
					if o.SchmeNm == nil {
						o.SchmeNm = new(xPrtryChoice)
					}
					for name := x.enter(); x.child(name); {
						if string(x.name) == "Prtry" {
							o.SchmeNm.Prtry = x.str()
						} else {
							x.skip()
						}
					}
				default:
					x.skip()
				}
			}
		}
	}
}

func fastAgent(x *fastXML, a *xAgent) {
	for name := x.enter(); x.child(name); {
		if string(x.name) != "FinInstnId" {
			x.skip()
			continue
		}
		f := &a.FinInstnID
		for name := x.enter(); x.child(name); {
			switch string(x.name) {
			case "BICFI":
				f.BICFI = x.str()
			case "Othr":
				if f.Othr == nil {
					f.Othr = new(xOthrFinID)
				}
				for name := x.enter(); x.child(name); {
					if string(x.name) == "Id" {
						f.Othr.ID = x.str()
					} else {
						x.skip()
					}
				}
			default:
				x.skip()
			}
		}
	}
}

func fastGrpHdr(x *fastXML, h *xGrpHdr) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "MsgId":
			h.MsgID = x.str()
		case "CreDtTm":
			h.CreDtTm = x.str()
		default:
			x.skip()
		}
	}
}

// fastPain002 fills doc from a pain.002.001.10 file.
func fastPain002(x *fastXML, doc *p2Document) {
	root := x.root(NamespacePain002)
	doc.XMLName.Space, doc.XMLName.Local = NamespacePain002, "Document"
	for x.child(root) {
		if string(x.name) != "CstmrPmtStsRpt" {
			x.skip()
			continue
		}
		r := &doc.Rpt
		for name := x.enter(); x.child(name); {
			switch string(x.name) {
			case "GrpHdr":
				fastGrpHdr(x, &r.GrpHdr)
			case "OrgnlGrpInfAndSts":
				fastP2Group(x, &r.Grp)
			case "OrgnlPmtInfAndSts":
				r.PmtInf = append(r.PmtInf, p2PmtInf{})
				fastP2PmtInf(x, &r.PmtInf[len(r.PmtInf)-1])
			default:
				x.skip()
			}
		}
	}
}

func fastP2Group(x *fastXML, g *p2Group) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "OrgnlMsgId":
			g.OrgnlMsgID = x.str()
		case "OrgnlMsgNmId":
			g.OrgnlMsgNmID = x.str()
		case "OrgnlNbOfTxs":
			g.OrgnlNbOfTxs = x.str()
		case "OrgnlCtrlSum":
			g.OrgnlCtrlSum = x.str()
		case "GrpSts":
			g.GrpSts = x.str()
		case "StsRsnInf":
			g.StsRsnInf = append(g.StsRsnInf, p2Reason{})
			fastP2Reason(x, &g.StsRsnInf[len(g.StsRsnInf)-1])
		default:
			x.skip()
		}
	}
}

func fastP2PmtInf(x *fastXML, pi *p2PmtInf) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "OrgnlPmtInfId":
			pi.OrgnlPmtInfID = x.str()
		case "TxInfAndSts":
			if pi.Txs == nil {
				pi.Txs = make([]p2Tx, 0, x.itemHint("<TxInfAndSts>"))
			}
			pi.Txs = append(pi.Txs, p2Tx{})
			fastP2Tx(x, &pi.Txs[len(pi.Txs)-1])
		default:
			x.skip()
		}
	}
}

func fastP2Tx(x *fastXML, tx *p2Tx) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "OrgnlInstrId":
			tx.OrgnlInstrID = x.str()
		case "OrgnlEndToEndId":
			tx.OrgnlEndToEndID = x.str()
		case "TxSts":
			tx.TxSts = x.str()
		case "StsRsnInf":
			tx.StsRsnInf = append(tx.StsRsnInf, p2Reason{})
			fastP2Reason(x, &tx.StsRsnInf[len(tx.StsRsnInf)-1])
		case "OrgnlTxRef":
			if tx.OrgnlTxRef == nil {
				tx.OrgnlTxRef = new(p2TxRef)
			}
			for name := x.enter(); x.child(name); {
				if string(x.name) == "Amt" {
					fastAmt(x, &tx.OrgnlTxRef.Amt)
				} else {
					x.skip()
				}
			}
		default:
			x.skip()
		}
	}
}

func fastP2Reason(x *fastXML, r *p2Reason) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "Rsn":
			if r.Rsn == nil {
				r.Rsn = new(xCode)
			}
			fastCode(x, r.Rsn)
		case "AddtlInf":
			r.AddtlInf = append(r.AddtlInf, x.str())
		default:
			x.skip()
		}
	}
}

func fastCode(x *fastXML, c *xCode) {
	for name := x.enter(); x.child(name); {
		if string(x.name) == "Cd" {
			c.Cd = x.str()
		} else {
			x.skip()
		}
	}
}

// fastCamt054 fills doc from a camt.054.001.09 file.
func fastCamt054(x *fastXML, doc *c54Document) {
	root := x.root(NamespaceCamt054)
	doc.XMLName.Space, doc.XMLName.Local = NamespaceCamt054, "Document"
	for x.child(root) {
		if string(x.name) != "BkToCstmrDbtCdtNtfctn" {
			x.skip()
			continue
		}
		m := &doc.Msg
		for name := x.enter(); x.child(name); {
			switch string(x.name) {
			case "GrpHdr":
				fastGrpHdr(x, &m.GrpHdr)
			case "Ntfctn":
				m.Ntfctn = append(m.Ntfctn, c54Ntfctn{})
				fastC54Ntfctn(x, &m.Ntfctn[len(m.Ntfctn)-1])
			default:
				x.skip()
			}
		}
	}
}

func fastC54Ntfctn(x *fastXML, nt *c54Ntfctn) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "Id":
			nt.ID = x.str()
		case "Acct":
			fastAccount(x, &nt.Acct)
		case "TxsSummry":
			if nt.TxsSummry == nil {
				nt.TxsSummry = new(c54Summary)
			}
			fastC54Summary(x, nt.TxsSummry)
		case "Ntry":
			if nt.Ntry == nil {
				nt.Ntry = make([]c54Entry, 0, x.itemHint("<Ntry>"))
			}
			nt.Ntry = append(nt.Ntry, c54Entry{})
			fastC54Entry(x, &nt.Ntry[len(nt.Ntry)-1])
		default:
			x.skip()
		}
	}
}

func fastC54Summary(x *fastXML, s *c54Summary) {
	for name := x.enter(); x.child(name); {
		if string(x.name) != "TtlNtries" {
			x.skip()
			continue
		}
		if s.TtlNtries == nil {
			s.TtlNtries = new(c54Totals)
		}
		t := s.TtlNtries
		for name := x.enter(); x.child(name); {
			switch string(x.name) {
			case "NbOfNtries":
				t.NbOfNtries = x.str()
			case "Sum":
				t.Sum = x.str()
			case "TtlNetNtry":
				if t.TtlNetNtry == nil {
					t.TtlNetNtry = new(c54Net)
				}
				for name := x.enter(); x.child(name); {
					switch string(x.name) {
					case "Amt":
						t.TtlNetNtry.Amt = x.str()
					case "CdtDbtInd":
						t.TtlNetNtry.CdtDbtInd = x.str()
					default:
						x.skip()
					}
				}
			default:
				x.skip()
			}
		}
	}
}

func fastC54Entry(x *fastXML, e *c54Entry) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "Amt":
			x.amount(&e.Amt)
		case "CdtDbtInd":
			e.CdtDbtInd = x.str()
		case "Sts":
			fastCode(x, &e.Sts)
		case "BookgDt":
			fastDateChoice(x, &e.BookgDt)
		case "AcctSvcrRef":
			e.AcctSvcrRef = x.str()
		case "BkTxCd":
			fastC54BkTxCd(x, &e.BkTxCd)
		case "NtryDtls":
			e.NtryDtls = append(e.NtryDtls, c54NtryDtls{})
			d := &e.NtryDtls[len(e.NtryDtls)-1]
			for name := x.enter(); x.child(name); {
				if string(x.name) == "TxDtls" {
					d.TxDtls = append(d.TxDtls, c54TxDtls{})
					fastC54TxDtls(x, &d.TxDtls[len(d.TxDtls)-1])
				} else {
					x.skip()
				}
			}
		default:
			x.skip()
		}
	}
}

func fastC54BkTxCd(x *fastXML, c *c54BkTxCd) {
	for name := x.enter(); x.child(name); {
		if string(x.name) != "Domn" {
			x.skip()
			continue
		}
		for name := x.enter(); x.child(name); {
			switch string(x.name) {
			case "Cd":
				c.Domn.Cd = x.str()
			case "Fmly":
				for name := x.enter(); x.child(name); {
					switch string(x.name) {
					case "Cd":
						c.Domn.Fmly.Cd = x.str()
					case "SubFmlyCd":
						c.Domn.Fmly.SubFmlyCd = x.str()
					default:
						x.skip()
					}
				}
			default:
				x.skip()
			}
		}
	}
}

func fastC54TxDtls(x *fastXML, tx *c54TxDtls) {
	for name := x.enter(); x.child(name); {
		switch string(x.name) {
		case "Refs":
			for name := x.enter(); x.child(name); {
				switch string(x.name) {
				case "InstrId":
					tx.Refs.InstrID = x.str()
				case "EndToEndId":
					tx.Refs.EndToEndID = x.str()
				default:
					x.skip()
				}
			}
		case "Amt":
			x.amount(&tx.Amt)
		case "CdtDbtInd":
			tx.CdtDbtInd = x.str()
		default:
			x.skip()
		}
	}
}
