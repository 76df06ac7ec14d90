package http

// messagesPayoutEN are the English texts of the payout account page
// (/rekening) and the payout codes; init merges them into messagesEN.
var messagesPayoutEN = map[string]string{
	"code.payout_provider":          "Choose one of the listed banks or e-wallets.",
	"code.payout_account_not_found": "The partner found no such account or e-wallet. Check the number and try again.",
	"code.payout_account_closed":    "This account or e-wallet is closed or blocked. Use another active account in your own name.",
	"code.payout_nik_mismatch":      "This account is registered to another NIK. Incentives can only be paid to an account or e-wallet in your own name and NIK.",
	"code.payout_name_mismatch":     "The account holder's name does not match the name on your KTP. Use an account in your own name, or ask the bank to update the account name to match your KTP.",
	"code.payout_not_kyc":           "This e-wallet is not upgraded yet. Upgrade it in its app first (KTP photo and selfie), then link it again.",
	"code.payout_phone_mismatch":    "An e-wallet must use the phone number registered for your Kartu Prakerja. Enter that number, or choose a bank account.",
	"code.payout_account_missing":   "You have no verified bank account or e-wallet yet.",
	"code.payout_run_state":         "The payout run's state does not allow this step.",
	"code.payout_same_operator":     "The operator who prepared a payout run may not approve it.",
	"code.payout_file_invalid":      "The partner's file could not be read or its totals disagree.",

	"payout.heading":            "Incentive payout account",
	"payout.intro":              "Incentives are paid to a bank account or e-wallet in your own name and NIK. The partner checks the holder before the account can be used.",
	"payout.none":               "You have not linked a bank account or e-wallet. Unlocked incentives wait until an account is verified.",
	"payout.verified":           "Active account",
	"payout.pending":            "Waiting for the SMS code",
	"payout.pending_intro":      "We sent a code by SMS to your registered phone for %s •••• %s. Enter it to finish.",
	"payout.confirm":            "Confirm account",
	"payout.provider":           "Bank / e-wallet",
	"payout.number":             "Number",
	"payout.state":              "Status",
	"payout.since":              "Since",
	"payout.link_title":         "Link a bank account or e-wallet",
	"payout.replace_title":      "Change account",
	"payout.replace_note":       "The new account replaces the active one once you enter the SMS code.",
	"payout.link_submit":        "Check and send the SMS code",
	"payout.group.bank":         "Banks",
	"payout.group.ewallet":      "E-wallets",
	"payout.unlink_title":       "Unlink account",
	"payout.unlink_warning":     "Once unlinked, no further incentive can be paid until you link a new account. Payments already sent are not affected.",
	"payout.unlink_confirm":     "I understand and want to unlink this account",
	"payout.unlink_submit":      "Unlink account",
	"payout.unlink_needed":      "Tick the confirmation to unlink the account.",
	"payout.history":            "Account history",
	"payout.payments":           "Payments",
	"payout.payments_none":      "No payments yet.",
	"payout.when":               "Date",
	"payout.what":               "Description",
	"payout.amount":             "Amount",
	"payout.attempt":            "attempt %d",
	"payout.resolved":           "settled %s",
	"payout.sent":               "Code sent by SMS. Enter it to finish.",
	"payout.linked":             "Account verified. Your next incentives are paid to it.",
	"payout.unlinked":           "Account unlinked. Link a new account so that incentives can be paid.",
	"payout.kind.incentive":     "Post-training incentive %d",
	"payout.kind.survey":        "Survey incentive %d",
	"payout.bad_format.bank":    "A bank account number is 6 to 20 digits.",
	"payout.bad_format.ewallet": "Enter the e-wallet's phone number, e.g. 0812 3456 7890.",

	"payout.state.pending":  "Waiting for the SMS code",
	"payout.state.verified": "Verified",
	"payout.state.unlinked": "Unlinked",
	"payout.state.refused":  "Refused",

	"payout.payment.reserved":  "Being prepared",
	"payout.payment.sent":      "Sent to the partner",
	"payout.payment.paid":      "Paid",
	"payout.payment.rejected":  "Rejected by the partner; the amount was returned and is paid again once the account is fixed",
	"payout.payment.cancelled": "Cancelled; the amount was returned",

	"payout.iso.AC01":  "The account number is wrong.",
	"payout.iso.AC04":  "The account is closed.",
	"payout.iso.AC06":  "The account is blocked.",
	"payout.iso.AM04":  "The partner could not pay this amount at the time.",
	"payout.iso.AM05":  "A duplicate payment was refused.",
	"payout.iso.BE01":  "The account holder is not the participant.",
	"payout.iso.MS03":  "The partner refused the payment for another reason.",
	"payout.iso.RR03":  "The account holder's name or address is missing.",
	"payout.iso.AG01":  "The account does not accept this kind of payment (e.g. an e-wallet balance limit).",
	"payout.iso.other": "Rejected by the partner (code %s).",

	"field.payout_provider": "Bank or e-wallet",
	"field.account_number":  "Account number or e-wallet phone number",
	"hint.account_number":   "Bank: the account number, 6–20 digits. E-wallet: the phone number registered for this Kartu Prakerja; the e-wallet must be upgraded (KTP and selfie).",
}

func init() {
	for k, v := range messagesPayoutEN {
		messagesEN[k] = v
	}
}
