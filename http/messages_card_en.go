package http

// messagesCardEN are the English texts of the card page (/kartu); init
// merges them into messagesEN.
var messagesCardEN = map[string]string{
	"card.heading":       "Kartu Prakerja and balance",
	"card.none":          "You have no Kartu Prakerja yet. Cards are issued once you are selected in a wave.",
	"card.number":        "Kartu Prakerja number",
	"card.va":            "Virtual account number",
	"card.issued":        "Issued",
	"card.balances":      "Balances",
	"card.training_note": "The training balance can only buy training at partner digital platforms and cannot be cashed. Incentives are paid to your bank account or e-wallet once unlocked.",
	"card.history":       "Transaction history",
	"card.history_none":  "No transactions yet.",
	"card.when":          "Date",
	"card.what":          "Description",
	"card.amount":        "Amount",
	"card.pending":       "in progress",

	"card.revoked.first_purchase_deadline": "Your participation was revoked because no first training was bought before the deadline. The balance went back to the state treasury.",
	"card.revoked.":                        "Your participation was revoked.",

	"card.account.training":            "Training balance",
	"card.account.incentive_locked":    "Incentives (waiting for your first training)",
	"card.account.incentive_available": "Incentives ready to be paid",
	"card.account.survey_locked":       "Survey incentives (waiting for surveys)",
	"card.account.survey_available":    "Survey incentives ready to be paid",

	"card.code.credit_training":  "Training balance received",
	"card.code.credit_incentive": "Post-training incentive scheduled",
	"card.code.credit_survey":    "Survey incentive scheduled",
	"card.code.purchase":         "Training purchase",
	"card.code.refund":           "Training refund",
	"card.code.unlock_incentive": "Incentive unlocked",
	"card.code.unlock_survey":    "Survey incentive unlocked",
	"card.code.payout":           "Payment to bank / e-wallet",
	"card.code.revoke":           "Returned to the state treasury (participation revoked)",
	"card.code.forfeit":          "Training balance forfeited (programme ended)",
	"code.budget_insufficient":   "The wave's budget cannot cover every participant; nothing was posted.",
	"code.ledger_refused":        "The ledger refused the transfer; no money moved.",

	"card.code.correction": "Correction",
}

func init() {
	for k, v := range messagesCardEN {
		messagesEN[k] = v
	}
}
