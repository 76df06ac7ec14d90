package http

// messagesOpsPayoutsEN are the English texts of the operator payouts page
// (/ops/payouts); init merges them into messagesEN.
var messagesOpsPayoutsEN = map[string]string{
	"ops.payouts.heading":          "Payouts",
	"ops.payouts.intro":            "Incentive payments to participants' accounts: where they stand, the latest runs with who prepared and who checked each, and what waits for an operator. No account numbers or names are shown.",
	"ops.payouts.funnel":           "Payments by state",
	"ops.payouts.state":            "State",
	"ops.payouts.amount":           "Amount",
	"ops.payouts.settled":          "%d paid payments booked on the partners' statements.",
	"ops.payouts.linked":           "%d verified payout accounts.",
	"ops.payouts.refusals":         "Accounts refused, by reason",
	"ops.payouts.runs":             "Latest runs",
	"ops.payouts.runs_intro":       "The %d newest runs. A run is prepared by one operator and approved or refused by another; a prepared run waits for its checker.",
	"ops.payouts.maker":            "Prepared by",
	"ops.payouts.checker":          "Checked by",
	"ops.payouts.payments":         "Payments",
	"ops.payouts.total":            "Total",
	"ops.payouts.files":            "Files",
	"ops.payouts.created":          "Prepared",
	"ops.payouts.checked":          "Checked",
	"ops.payouts.awaiting_checker": "waiting for a second operator",
	"ops.payouts.same_operator":    "same operator as the maker",
	"ops.payouts.unanswered":       "Sent, no answer yet",
	"ops.payouts.unanswered_intro": "Up to %d payments sent to a partner without an answer, oldest first. They stay held and are never sent again.",
	"ops.payouts.exceptions":       "Answer exceptions",
	"ops.payouts.exceptions_intro": "Up to %d partner answer lines that named no payment we sent, disagreed with an earlier answer or with the amount, newest first.",
	"ops.payouts.instr":            "Instruction",
	"ops.payouts.provider":         "Partner",
	"ops.payouts.sent":             "Sent",
	"ops.payouts.age":              "Waiting",
	"ops.payouts.status":           "Status",
	"ops.payouts.outcome":          "Outcome",

	"ops.payouts.state.reserved":  "Reserved",
	"ops.payouts.state.sent":      "Sent",
	"ops.payouts.state.paid":      "Paid",
	"ops.payouts.state.rejected":  "Rejected",
	"ops.payouts.state.cancelled": "Cancelled",

	"ops.payouts.run.preparing": "Preparing (unfinished: the next prepare resumes it)",
	"ops.payouts.run.prepared":  "Prepared",
	"ops.payouts.run.approved":  "Approved",
	"ops.payouts.run.refused":   "Refused",

	"ops.payouts.outcome.conflict":   "Conflicts with an earlier answer",
	"ops.payouts.outcome.unknown":    "Names no payment we sent",
	"ops.payouts.outcome.mismatched": "Amount differs",
}

func init() {
	for k, v := range messagesOpsPayoutsEN {
		messagesEN[k] = v
	}
}
